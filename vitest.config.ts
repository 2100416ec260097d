import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Compiles *.svelte.ts (runes, e.g. src/components/quiz/quiz-session.svelte.ts) for the unit tests
  // as the browser gets them (client runtime), although the tests run in Node.
  plugins: [svelte({ configFile: false, dynamicCompileOptions: () => ({ generate: 'client' }) })],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Integration tests run real `astro build`s of fixture sites.
    testTimeout: 20_000,
  },
});
