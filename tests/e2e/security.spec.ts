/**
 * The production build behind the headers of dist/_headers (scripts/serve-dist.ts applies them):
 * every page type works under the strict Content-Security-Policy (no inline script runs unless its
 * hash was listed at build), can't be framed, and sends nosniff and Referrer-Policy. Any CSP
 * violation fails the test.
 */
import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers.ts';

const PAGES = [
  '/',
  '/tracks/ecommerce/',
  '/workflows/cancel-order/',
  '/scripts/',
  '/standards/',
  '/quizzes/',
  '/quizzes/cancel-order/',
  '/chat/',
  '/chat/shipping-where/',
  '/my/',
  '/trainer/assign/',
  '/trainer/dashboard/',
  '/tools/assessment/',
  '/search/',
  '/404.html',
];

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
});

for (const path of PAGES) {
  test(`CSP: ${path} runs with no violation`, async ({ page }) => {
    const console = watchConsole(page);
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    await page.waitForLoadState('networkidle');
    // Islands hydrate (their inline loader is hashed) and the search shortcut works.
    await page.keyboard.press('/');
    await page.waitForTimeout(300);
    const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(violations).toEqual([]);
    expect(console.errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
}

test('another site cannot frame the dashboard', async ({ page, baseURL }) => {
  await page.goto('/404.html');
  const blocked = await page.evaluate(
    async (url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
      await new Promise((ok) => setTimeout(ok, 1500));
      try {
        return frame.contentDocument?.querySelector('.dash') === null || frame.contentDocument === null;
      } catch {
        return true;
      }
    },
    `${baseURL!.replace('127.0.0.1', 'localhost')}/trainer/dashboard/`,
  );
  expect(blocked).toBe(true);
});
