/**
 * Screenshots of built pages for a human look: node scripts/screenshot.ts <outDir> <path…>
 * Serves dist/ itself, shoots each path at desktop (1280) and phone (360) width, light and dark.
 */
import { chromium } from 'playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findBrowser, CHROMIUM_ARGS, BROWSER_HELP } from '../src/lib/node/browser.ts';
import { serveDist } from './serve-dist.ts';

const [outDir = '/tmp/shots', ...paths] = process.argv.slice(2);
const found = await findBrowser();
if (!found) {
  console.error(BROWSER_HELP);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
const server = await serveDist(0);
const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
try {
  for (const path of paths.length ? paths : ['/']) {
    for (const [label, width, theme] of [
      ['desktop', 1280, 'light'],
      ['phone', 360, 'light'],
      ['desktop-dark', 1280, 'dark'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${label}.png`;
      await page.screenshot({ path: join(outDir, name), fullPage: process.env.FULL === '1' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      console.log(`${name}${overflow > 0 ? `  ⚠ horizontal overflow ${overflow}px` : ''}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
