/** Shared e2e helpers: the list of built pages and a console-error collector. */
import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** Workflow ids that exist in the build (dist/workflows/<id>/). */
export function builtWorkflows(): string[] {
  return readdirSync('dist/workflows', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** Collects console errors and page errors; call `.errors` at the end. */
export function watchConsole(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  return { errors };
}
