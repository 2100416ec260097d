/**
 * WeChat's in-app browser: before any work starts, 我的培训, quiz and chat pages explain how to
 * open the page in the phone's browser (work done inside WeChat stays inside WeChat); other
 * browsers never see the notice. 我知道了 hides it for the rest of the visit.
 */
import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers.ts';

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2203A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F36) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const PAGES = ['/my/', '/quizzes/cancel-order/', '/chat/shipping-where/'];

test('inside WeChat the notice explains how to open the page in the phone browser', async ({ browser }) => {
  const ctx = await browser.newContext({ userAgent: WECHAT_UA, viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  const console = watchConsole(page);
  for (const path of PAGES) {
    await page.goto(path);
    const notice = page.locator('[data-wechat-notice]');
    await expect(notice, path).toBeVisible();
    await expect(notice).toContainText('在浏览器打开');
    await expect(notice.getByRole('img')).toHaveAttribute('aria-label', /···/);
    // It comes before the work: ahead of the island in the page.
    const before = await page.evaluate(() => {
      const n = document.querySelector('[data-wechat-notice]')!;
      const islands = document.querySelectorAll('astro-island');
      const island = islands[islands.length - 1]!;
      return Boolean(n.compareDocumentPosition(island) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(before, path).toBe(true);
  }
  await page.getByRole('button', { name: '我知道了，仍在微信里做' }).click();
  await expect(page.locator('[data-wechat-notice]')).toBeHidden();
  await page.goto(PAGES[0]!);
  await expect(page.locator('[data-wechat-notice]')).toBeHidden();
  expect(console.errors).toEqual([]);
  await ctx.close();
});

test('other browsers never see the WeChat notice', async ({ page }) => {
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator('[data-wechat-notice]')).toBeHidden();
  }
});
