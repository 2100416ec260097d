/** The main page types: accessibility (axe), phone width, themes, print, script copy. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtWorkflows, watchConsole } from './helpers.ts';

const workflow = builtWorkflows()[0]!;
const pages = ['/', '/tracks/ecommerce/', `/workflows/${workflow}/`, '/standards/', '/scripts/'];

for (const path of pages) {
  test(`axe: no serious or critical violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });

  test(`phone width 360px: no horizontal scroll on ${path}`, async ({ page }) => {
    const consoleWatch = watchConsole(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.screenshot({ path: `test-results/phone${path.replace(/\//g, '_')}.png`, fullPage: false });
    expect(overflow).toBe(0);
    expect(consoleWatch.errors).toEqual([]);
  });
}

test('dark theme: toggle switches and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: '切换深色/浅色' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe('rgb(247, 248, 251)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('dark theme follows the system when nothing is chosen', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/standards/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('print: a workflow prints as an SOP card without navigation', async ({ page }) => {
  await page.goto(`/workflows/${workflow}/`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.sop-card-header')).toBeVisible();
  await expect(page.locator('ol.steps')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test('copy button copies a reply and says 已复制', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/scripts/');
  const card = page.locator('article.script').first();
  const reply = (await card.locator('.reply p').first().textContent())!;
  const button = card.locator('.reply .copy-button').first();
  await button.click();
  await expect(button).toHaveText('已复制');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reply);
});

test('standards catalogue lists the workflows that use each standard', async ({ page }) => {
  await page.goto('/standards/');
  const first = page.locator('article.standard').first();
  await expect(first.locator('dd a.chip').first()).toBeVisible();
  const href = await first.locator('dd a.chip').first().getAttribute('href');
  expect(href).toMatch(/^\/workflows\/[a-z0-9-]+\/$/);
});

test('axe in the dark theme: workflow page (diagram labels keep their contrast)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/workflows/${workflow}/`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    ),
  ).toEqual([]);
});
