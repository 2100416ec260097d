/**
 * The search island on the production build: keyboard flow (/, Ctrl+K, arrows, Enter copies a
 * reply, a rule or a summary, Ctrl+Enter opens, Esc closes), Traditional and full-width queries, markup shown as text, the
 * index fetched only when the search opens, then only the texts of the results shown (and the
 * Traditional-Chinese dictionaries only for a query that needs them), and search + script
 * library working offline.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { islandHydrated, watchConsole } from './helpers.ts';

const DIALOG = '搜索话术、流程和标准';
const BARGAIN = /便宜|优惠|讲价|还价|议价/;

const hydrated = (page: Page) => islandHydrated(page, 'SearchIsland');

async function openWithSlash(page: Page) {
  await hydrated(page);
  await page.keyboard.press('/');
  const input = page.getByRole('combobox', { name: DIALOG });
  await expect(input).toBeFocused();
  return input;
}

/** The result options (role=option inside the results listbox; the filters' <option>s are not). */
const options = (page: Page) => page.locator('.search-dialog ul[role="listbox"] > li[role="option"]');

/** The texts behind a result key (`script:<id>`), as the site serves them. */
async function indexText(page: Page, key: string): Promise<{ key: string; reply?: string }> {
  const [kind, id] = key.split(/:(.*)/) as [string, string];
  return (await page.request.get(`/search/texts/${kind}/${id}.json`)).json();
}

/** Paths the page requests, as they happen. */
function requestLog(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}

test('/ opens the search; 便宜 shows a bargaining script first', async ({ page }) => {
  const consoleWatch = watchConsole(page);
  await page.goto('/standards/');
  const input = await openWithSlash(page);
  await expect(page.getByRole('dialog', { name: DIALOG })).toBeVisible();
  await input.fill('便宜');
  const first = options(page).first();
  await expect(first).toHaveAttribute('data-kind', 'script');
  await expect(first.locator('.s-title')).toHaveText(BARGAIN);
  await expect(first.locator('mark').first()).toBeVisible();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(input).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  expect(consoleWatch.errors).toEqual([]);
});

test('Ctrl+K opens the search too', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox', { name: DIALOG })).toBeFocused();
});

test('Enter copies the reply of the selected script and shows 已复制', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  const input = await openWithSlash(page);
  await input.fill('能便宜点吗');
  const first = options(page).first();
  await expect(first).toHaveAttribute('data-kind', 'script');
  const key = (await first.getAttribute('data-key'))!;
  await page.keyboard.press('Enter');
  // 已复制, and the placeholders still to fill (【店名】 …) when the shop profile is empty.
  await expect(first.locator('.s-copied')).toHaveText(/^已复制/);
  await expect(first.locator('.s-copied')).toBeVisible();
  const text = await indexText(page, key);
  expect(text.key).toBe(key);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text.reply);
  // The search stays open for the next query, and the query is remembered on the device.
  await input.fill('');
  await expect(page.getByRole('button', { name: '能便宜点吗' }).first()).toBeVisible();
  await page.reload();
  await openWithSlash(page);
  await expect(page.locator('.search-dialog').getByText('最近搜索')).toBeVisible();
});

test('Enter on a standard copies its rule, and the row says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  const input = await openWithSlash(page);
  await input.fill('折扣权限');
  const standard = options(page).and(page.locator('[data-kind="standard"]')).first();
  await expect(standard).toBeVisible();
  await standard.hover();
  await expect(standard.locator('.s-enter')).toHaveText('Enter 复制规则');
  const key = (await standard.getAttribute('data-key'))!;
  await page.keyboard.press('Enter');
  await expect(standard.locator('.s-copied')).toHaveText('已复制');
  const text = (await indexText(page, key)) as { summary?: string };
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text.summary);
  await expect(page.getByRole('dialog', { name: DIALOG })).toBeVisible();
});

test('Ctrl+Enter opens the page of the selected result', async ({ page }) => {
  await page.goto('/standards/');
  const input = await openWithSlash(page);
  await input.fill('快递到哪了');
  const first = options(page).first();
  const url = (await first.getAttribute('data-url'))!;
  await page.keyboard.press('Control+Enter');
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('dialog', { name: DIALOG })).toBeHidden();
  const id = url.split('#')[1]!;
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
});

test('Esc closes the search', async ({ page }) => {
  await page.goto('/');
  await openWithSlash(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: DIALOG })).toBeHidden();
  // And / opens it again (once the close has settled: the key may arrive while focus returns).
  await expect(async () => {
    await page.keyboard.press('/');
    await expect(page.getByRole('dialog', { name: DIALOG })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
});

test('arrow keys move the selection, wrapping around', async ({ page }) => {
  await page.goto('/');
  const input = await openWithSlash(page);
  await input.fill('快递');
  const list = options(page);
  await expect(list.nth(2)).toBeVisible();
  const count = await list.count();
  await page.keyboard.press('ArrowDown');
  await expect(list.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(list.nth(0)).toHaveAttribute('aria-selected', 'false');
  await expect(input).toHaveAttribute('aria-activedescendant', (await list.nth(1).getAttribute('id'))!);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(list.nth(count - 1)).toHaveAttribute('aria-selected', 'true');
});

test('a Traditional query (議價) and a full-width one (ＶＩＰ) work', async ({ page }) => {
  await page.goto('/');
  const input = await openWithSlash(page);
  await input.fill('議價');
  await expect(options(page).first()).toHaveAttribute('data-kind', 'script');
  await expect(options(page).first().locator('.s-title')).toHaveText(BARGAIN);
  await input.fill('ＶＩＰ有什么特别的');
  await expect(options(page).first()).toHaveAttribute('data-key', /vip/);
  await expect(options(page).first().locator('mark', { hasText: 'VIP' }).first()).toBeVisible();
});

test('HTML typed in the box is shown as text, never run', async ({ page }) => {
  await page.goto('/');
  const input = await openWithSlash(page);
  const dialog = page.getByRole('dialog', { name: DIALOG });
  // Markup around a real word: results, the word marked, no element made from the input.
  await input.fill('<b onclick="window.__xss=1">便宜</b><img src=x onerror="window.__xss=1">');
  await expect(options(page).first().locator('mark').first()).toBeVisible();
  await expect(dialog.locator('b, img')).toHaveCount(0);
  // Markup that matches nothing: the notice quotes it as text.
  const typed = '<svg/onload=alert()>';
  await input.fill(typed);
  await expect(dialog.locator('p.s-notice', { hasText: typed })).toBeVisible();
  await expect(dialog.locator('svg[onload], svg [onload]')).toHaveCount(0);
  for (const q of ['.*', '(', '😀', '\uD800', 'x'.repeat(2000)]) {
    await input.fill(q);
    await expect(dialog).toBeVisible();
  }
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('no results: suggestions and the closest scripts', async ({ page }) => {
  await page.goto('/');
  const input = await openWithSlash(page);
  await input.fill('便宣');
  const dialog = page.getByRole('dialog', { name: DIALOG });
  await expect(dialog.locator('p.s-notice', { hasText: '没有找到与“便宣”相关的内容。' })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: '最接近的话术' })).toBeVisible();
  await expect(options(page).first()).toHaveAttribute('data-kind', 'script');
  await dialog.getByRole('button', { name: '快递到哪了' }).click();
  await expect(input).toHaveValue('快递到哪了');
  await expect(options(page).first()).toHaveAttribute('data-kind', 'script');
});

test('the stage filter narrows the results', async ({ page }) => {
  await page.goto('/');
  const input = await openWithSlash(page);
  await input.fill('退款');
  await page.getByLabel('环节').selectOption('售后');
  await expect(options(page).first()).toBeVisible();
  const stages = await options(page).locator('.s-stage').allTextContents();
  expect(stages.length).toBeGreaterThan(0);
  expect(new Set(stages)).toEqual(new Set(['售后']));
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe (${theme}): the open search with results has no serious or critical violations`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    const input = await openWithSlash(page);
    await input.fill('能便宜点吗');
    await expect(options(page).first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    const results = await new AxeBuilder({ page }).include('.search-dialog').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

test('phone width 360px: the open search fits without horizontal scroll', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/scripts/');
  const input = await openWithSlash(page);
  await input.fill('快递到哪了');
  await expect(options(page).first()).toBeVisible();
  await expect(page.locator('.s-pending')).toHaveCount(0);
  const overflow = await page.evaluate(() => {
    const d = document.querySelector('.search-dialog')!;
    return Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth, d.scrollWidth - d.clientWidth);
  });
  expect(overflow).toBe(0);
  await page.screenshot({ path: 'test-results/search-phone.png' });
});

test.describe('lazy loading', () => {
  test.use({ serviceWorkers: 'block' });

  test('no index request on a page until the search is opened', async ({ page }) => {
    const requests = requestLog(page);
    await page.goto('/scripts/');
    await hydrated(page);
    await page.waitForLoadState('networkidle');
    expect(requests.filter((p) => p.startsWith('/search') || /\/_astro\/engine\./.test(p))).toEqual([]);
    const indexRequest = page.waitForRequest((r) => new URL(r.url()).pathname === '/search/index.json');
    await page.keyboard.press('/');
    await indexRequest;
  });

  test('a first query fetches the index and the texts of the results shown, nothing more', async ({ page }) => {
    const requests = requestLog(page);
    await page.goto('/');
    const input = await openWithSlash(page);
    await input.fill('便宜');
    const first = options(page).first();
    await expect(first.locator('.s-excerpt')).toBeVisible();
    await expect(page.locator('.s-pending')).toHaveCount(0);
    const shown = await options(page).count();
    const texts = requests.filter((p) => p.startsWith('/search/texts/'));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.length).toBeLessThanOrEqual(shown);
    expect(new Set(texts).size).toBe(texts.length);
    expect(requests).toContain(`/search/texts/${(await first.getAttribute('data-key'))!.replace(':', '/')}.json`);
    // Neither the complete index, nor all texts, nor the Traditional-Chinese dictionaries.
    expect(requests.filter((p) => p === '/search-index.json' || p === '/search/texts.json' || /\/_astro\/opencc\./.test(p))).toEqual([]);
    // A Traditional query loads the dictionaries, then finds the same entries.
    const dictionaries = page.waitForRequest((r) => /\/_astro\/opencc\./.test(new URL(r.url()).pathname));
    await input.fill('能便宜點嗎');
    await dictionaries;
    await expect(options(page).first()).toHaveAttribute('data-kind', 'script');
    await expect(options(page).first().locator('.s-title')).toHaveText(BARGAIN);
  });
});

test('offline: after a first visit the script library and search keep working', async ({ page, context }) => {
  await page.goto('/');
  await hydrated(page);
  // Wait until the service worker has installed (precached) and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
  });
  await context.setOffline(true);
  await page.goto('/scripts/');
  await expect(page.getByRole('heading', { level: 1, name: '话术库' })).toBeVisible();
  const input = await openWithSlash(page);
  await input.fill('便宜');
  await expect(options(page).first()).toHaveAttribute('data-kind', 'script');
  await expect(options(page).first().locator('.s-title')).toHaveText(BARGAIN);
  // Texts never fetched one by one come from the copy of all texts; Traditional input works too.
  await expect(options(page).first().locator('.s-excerpt')).toBeVisible();
  await expect(page.locator('.s-pending')).toHaveCount(0);
  await input.fill('退貨怎麼申請');
  await expect(options(page).first().locator('.s-excerpt')).toBeVisible();
  await expect(options(page).first().locator('mark').first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '话术库' })).toBeVisible();
  // A page never visited says it is offline instead of failing.
  await page.goto('/workflows/cancel-order/').catch(() => undefined);
  await expect(page.getByText('当前处于离线状态')).toBeVisible();
  await context.setOffline(false);
});

test('keys pressed before the search island has loaded are not lost', async ({ page }) => {
  // Hold the island's code back so the keys certainly arrive before hydration.
  await page.route(/\/_astro\/SearchIsland[^/]*\.js$/, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto('/standards/', { waitUntil: 'domcontentloaded' });
  await page.keyboard.press('/');
  await page.keyboard.type('VIP');
  const box = page.getByRole('combobox', { name: DIALOG });
  await expect(box).toBeVisible({ timeout: 10_000 });
  await expect(box).toHaveValue('VIP');
});

test('the script library filter box hides the cards that do not match, offline and without the index', async ({ page, context }) => {
  const paths = requestLog(page);
  await page.goto('/scripts/');
  await expect(page.locator('astro-island[component-url*="ScriptFilter"]')).not.toHaveAttribute('ssr', /.*/);
  await context.setOffline(true);
  const cards = page.locator('article.script');
  const total = await cards.count();
  const box = page.getByRole('searchbox', { name: '筛选话术' });
  await box.fill('退款');
  const visible = page.locator('article.script:not([hidden])');
  await expect(visible.first()).toBeVisible();
  const shown = await visible.count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(total);
  for (const text of await visible.allTextContents()) expect(text).toContain('退款');
  await expect(page.getByRole('status').filter({ hasText: `显示 ${shown} / ${total} 条话术` })).toBeVisible();
  await box.fill('');
  await expect(visible).toHaveCount(total);
  await context.setOffline(false);
  expect(paths.some((p) => p.startsWith('/search/'))).toBe(false);
});
