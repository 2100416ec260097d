// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { mermaidBuild } from './src/integrations/mermaid-build.ts';
import { securityHeaders } from './src/integrations/security-headers.ts';

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  // Tests build fixture sites (SOP_ROOT) into their own folders so they never touch dist/.
  outDir: process.env.SOP_OUT_DIR ?? './dist',
  cacheDir: process.env.SOP_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'always',
  integrations: [mdx(), svelte(), mermaidBuild(), securityHeaders()],
  build: { format: 'directory', inlineStylesheets: 'auto' },
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
});
