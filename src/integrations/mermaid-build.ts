/** Closes the build-time diagram browser when the build ends. */
import type { AstroIntegration } from 'astro';
import { closeRenderer } from '../lib/node/mermaid-render.ts';

export function mermaidBuild(): AstroIntegration {
  return {
    name: 'sop-mermaid-build',
    hooks: {
      'astro:build:done': async () => {
        await closeRenderer();
      },
    },
  };
}
