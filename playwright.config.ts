import { defineConfig } from '@playwright/test';
import { findBrowser, CHROMIUM_ARGS, BROWSER_HELP } from './src/lib/node/browser.ts';

const browser = await findBrowser();
if (!browser) throw new Error(BROWSER_HELP);
const port = Number(process.env.E2E_PORT ?? 4329);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // One retry: a few multi-tab, offline and file tests race the 2-core machine under load. A test that
  // passes only on the retry is reported as flaky (counted, and listed in test-results/e2e.json).
  retries: 1,
  timeout: 60_000,
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]]
    : [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: browser.path, args: CHROMIUM_ARGS },
    locale: 'zh-CN',
  },
  webServer: {
    command: `node_modules/.bin/node scripts/serve-dist.ts`,
    env: { PORT: String(port) },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
