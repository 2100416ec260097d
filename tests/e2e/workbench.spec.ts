/**
 * The on-shift workbench: 我的店铺 fills the replies shown and copied, a copy warns about what is
 * unfilled, a bad profile file changes nothing, pins come first in search, and offline works
 * against the server `npm start` runs (astro preview, which sends `Vary: Origin`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { islandHydrated } from './helpers.ts';

const clip = async (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.describe('我的店铺', () => {
  test.use({ serviceWorkers: 'block' });

  test('the profile fills the script library, copies warn about unfilled placeholders, bad files change nothing', async ({ page }) => {
    await page.goto('/workbench/');
    // Typing or choosing a file before the island hydrates goes nowhere (the SSR page already says 已保存).
    await islandHydrated(page, 'WorkbenchApp');
    const shop = page.locator('input[name="店名"]');
    await expect(shop).toBeVisible();
    await shop.fill('小米官方旗舰店');
    await page.locator('input[name="客服名"]').fill('<b>【电话】</b>');
    await expect(page.getByText('已保存在这台设备上')).toBeVisible();

    // A bad file: unknown key and a 10,000-character value; nothing changes.
    const dir = mkdtempSync(join(tmpdir(), 'wb-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 快递: '顺丰', 店名: 'x'.repeat(10_000) }));
    await page.locator('input[type="file"]').setInputFiles(bad);
    await expect(page.getByRole('alert')).toContainText('没有导入 “bad.json”');
    await expect(shop).toHaveValue('小米官方旗舰店');
    writeFileSync(bad, 'not json');
    await page.locator('input[type="file"]').setInputFiles(bad);
    await expect(page.getByRole('alert')).toContainText('不是有效的 JSON');

    await page.goto('/scripts/#presales-greeting');
    const card = page.locator('article[data-script="presales-greeting"]');
    await expect(card.locator('.reply-text').first()).toContainText('欢迎光临小米官方旗舰店');
    // Markup in a value is shown as text.
    await expect(card.locator('.reply-text').first()).toContainText('<b>【电话】</b>');
    await expect(card.locator('b')).toHaveCount(0);
    // The copy is the reply on the page as written in the content, filled from the profile.
    await card.locator('.copy-button').first().click();
    expect(await clip(page)).toContain('欢迎光临小米官方旗舰店');
    await expect(page.locator('#copy-announcer')).toHaveText('已复制');
    // The pin button is named after its script.
    const title = (await card.locator('h3').textContent())?.trim() ?? '';
    await expect(card.locator('.pin-button').first()).toHaveAttribute('aria-label', `收藏“${title}”`);

    // A reply with unfilled placeholders: copied filled, with a warning naming them.
    const ship = page.locator('article[data-script="ship-notify-message"]');
    await expect(ship.locator('.ph-empty').first()).toBeVisible();
    await ship.locator('.copy-button').first().click();
    await expect(ship.locator('.copy-status').first()).toContainText(/还有 \d+ 处未填写：【快递公司】/);
    expect(await clip(page)).toContain('【快递公司】');

    // Pin it: the search shows it first with an empty query.
    await ship.locator('.pin-button').first().click();
    await expect(ship.locator('.pin-button').first()).toHaveAttribute('aria-pressed', 'true');
    await expect(ship.locator('.pin-button').first()).toHaveAttribute('aria-label', /^取消收藏“/);
    await page.reload();
    await page.keyboard.press('/');
    const first = page.locator('[role="option"]').first();
    await expect(page.getByRole('heading', { name: '收藏与常用' })).toBeVisible();
    await expect(first).toHaveAttribute('data-key', 'script:ship-notify-message');
    // Enter copies the reply filled from the profile.
    await page.keyboard.press('Enter');
    await expect(first.locator('.s-copied')).toContainText('未填写');
  });

  test('a Traditional query offers 复制繁体', async ({ page }) => {
    await page.goto('/workbench/');
    await islandHydrated(page, 'WorkbenchApp');
    await page.locator('input[name="店名"]').fill('小米官方旗艦店');
    await page.goto('/scripts/');
    await islandHydrated(page, 'SearchIsland');
    await page.keyboard.press('/');
    await page.locator('#sop-search-input').fill('歡迎光臨 請問');
    const trad = page.locator('[role="option"] .s-trad').first();
    await expect(trad).toBeVisible();
    await trad.click();
    await expect(page.locator('.s-copied').first()).toBeVisible();
    const text = await clip(page);
    expect(text).toMatch(/[們這嗎請歡迎臨幫為]/);
  });
});

test.describe('offline against astro preview (npm start)', () => {
  let port = 0;
  let server: ChildProcess;
  test.beforeAll(async () => {
    // A free port (others run servers on this machine too).
    port = await new Promise<number>((ok) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => ok(p));
      });
    });
    server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
    for (let i = 0; i < 60; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('astro preview did not start');
  });
  test.afterAll(() => {
    if (server.pid) process.kill(-server.pid);
  });

  test('serves Vary: Origin; after the first visit, offline, search copies a reply and 可离线使用 was shown', async ({ page, context }) => {
    const base = `http://127.0.0.1:${port}`;
    const res = await page.request.get(`${base}/`);
    expect(res.headers()['vary'] ?? '').toMatch(/Origin/i);
    await page.goto(`${base}/`);
    await expect(page.locator('.sop-notice[data-kind="ready"]')).toContainText('可离线使用', { timeout: 30_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    });
    await context.setOffline(true);
    await page.goto(`${base}/scripts/`);
    await page.keyboard.press('/');
    const input = page.locator('#sop-search-input');
    await expect(input).toBeFocused();
    await input.fill('便宜');
    const first = page.locator('[role="option"]').first();
    await expect(first).toHaveAttribute('data-kind', 'script');
    await expect(first.locator('.s-excerpt')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(first.locator('.s-copied')).toBeVisible();
    expect((await clip(page)).length).toBeGreaterThan(10);
    // The workbench page works offline too; a URL with an assignment code was never cached.
    await page.goto(`${base}/workbench/`);
    await expect(page.locator('input[name="店名"]')).toBeVisible();
    const keys = await page.evaluate(async () =>
      (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url)))).flat(),
    );
    expect(keys.some((u) => /[?&]a=/.test(u))).toBe(false);
    await context.setOffline(false);
  });
});
