/** 客服考核计算器 (/tools/assessment/): the source's examples, the cap, refusals, warnings, print, a11y, phone. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers.ts';

const PATH = '/tools/assessment/';

async function open(page: Page, monthsEmployed = '6') {
  await page.goto(PATH);
  await expect(page.locator('.calc[data-ready]')).toBeVisible(); // hydrated
  await page.getByLabel('本月是入职第几个月').fill(monthsEmployed);
}

const total = (page: Page) => page.getByTestId('total');
const grade = (page: Page) => page.getByTestId('grade');
const pay = (page: Page) => page.getByTestId('pay');

async function tickBonus(page: Page, label: RegExp, count?: string) {
  await page.getByRole('checkbox', { name: label }).check();
  if (count) await page.getByRole('spinbutton', { name: new RegExp(`次数\\s*：${label.source}`) }).fill(count);
}

async function addViolation(page: Page, search: string, label: RegExp, count?: string) {
  await page.getByRole('searchbox', { name: '查找违规项' }).fill(search);
  await page.getByRole('button', { name: new RegExp(`添加：${label.source}`) }).click();
  if (count)
    await page
      .getByRole('spinbutton', { name: new RegExp(`次数\\s*：${label.source}`) })
      .last()
      .fill(count);
}

test('source example 甲: 80 points → grade B, pay unchanged', async ({ page }) => {
  const watch = watchConsole(page);
  await open(page);
  await expect(total(page)).toHaveText('80');
  await expect(grade(page)).toHaveText('B');
  await expect(pay(page)).toHaveText('0 元');
  expect(watch.errors).toEqual([]);
});

test('source example 乙: 91 points → grade A, +110 yuan', async ({ page }) => {
  await open(page);
  await tickBonus(page, /突发情况或活动期间人手不够/, '2');
  await expect(total(page)).toHaveText('90');
  await expect(grade(page)).toHaveText('B'); // 90 is B: A needs more than 90
  // 乙 is a group leader: the trainer's adjustment is for leaders only.
  await page.getByLabel('被考核人是组长').check();
  await page.getByLabel('加减分（-5 至 +5）').fill('1');
  await page.getByLabel(/^理由/).fill('本组当月整体表现好');
  await expect(total(page)).toHaveText('91');
  await expect(grade(page)).toHaveText('A');
  await expect(pay(page)).toHaveText('+110 元');
});

test('source example 丙: 68 points → grade D, −120 yuan; first two months do not float', async ({ page }) => {
  await open(page);
  await addViolation(page, '交接班记录', /没有认真记录、填写交接班记录和相关表单/, '2');
  await addViolation(page, '桌面', /交接班后自己的办公桌面凌乱/);
  await expect(total(page)).toHaveText('68');
  await expect(grade(page)).toHaveText('D');
  await expect(pay(page)).toHaveText('−120 元');
  await page.getByLabel('本月是入职第几个月').fill('2');
  await expect(pay(page)).toHaveText('0 元');
  await expect(page.getByTestId('pay-note')).toHaveText('入职前两个月，只评分不浮动');
});

test('a range item needs points picked within its range', async ({ page }) => {
  await open(page);
  await addViolation(page, '迟到', /迟到、早退/);
  const select = page.getByRole('combobox', { name: /每次扣分\s*：迟到、早退/ });
  await expect(select).toBeFocused();
  await expect(page.locator('.calc-entry .calc-error')).toHaveText(/请为“迟到、早退”在 2-5 分之间选一个分值/);
  await expect(total(page)).toHaveText('80');
  await select.selectOption({ label: '4 分' });
  await expect(total(page)).toHaveText('76');
  await page.getByRole('button', { name: '删除：迟到、早退' }).click();
  await expect(total(page)).toHaveText('80');
});

test('the total is capped at 110 and the pay at +300 yuan', async ({ page }) => {
  await open(page);
  await tickBonus(page, /突发情况或活动期间人手不够/, '7');
  await expect(total(page)).toHaveText('110');
  await expect(page.getByTestId('capped')).toHaveText('加减后为 115 分，超过 110 分按 110 分计。');
  await expect(grade(page)).toHaveText('A');
  await expect(pay(page)).toHaveText('+300 元');
});

test('an adjustment without a reason is refused with a visible message', async ({ page }) => {
  await open(page);
  // Only group leaders get the trainer's adjustment.
  await page.getByLabel('被考核人是组长').check();
  await page.getByLabel('加减分（-5 至 +5）').fill('3');
  const message = page.locator('#calc-adj-reason-error');
  await expect(message).toBeVisible();
  await expect(message).toHaveText(/额外奖惩必须写明理由/);
  await expect(page.getByLabel(/^理由/)).toHaveAttribute('aria-invalid', 'true');
  await expect(total(page)).toHaveText('80');
  await page.getByLabel(/^理由/).fill('带教新人');
  await expect(message).toBeHidden();
  await expect(total(page)).toHaveText('83');
  await page.getByLabel('加减分（-5 至 +5）').fill('8');
  await expect(page.locator('#calc-adj-value-error')).toHaveText(/只能在 -5 到 \+5 分之间/);
  await expect(total(page)).toHaveText('80');
});

test('dismissal warnings: below 60, and two months running last place under 70', async ({ page }) => {
  await open(page);
  await addViolation(page, '旷工', /旷工/, '2');
  await expect(total(page)).toHaveText('40');
  await expect(grade(page)).toHaveText('不合格');
  await expect(pay(page)).toHaveText('−300 元'); // −400 capped
  const warnings = page.getByTestId('warnings');
  await expect(warnings.locator('[data-kind="below-60"]')).toHaveText('本月 40 分，低于 60 分：公司有权解除劳动合同。');
  await page.getByRole('button', { name: '删除：旷工' }).click();
  await expect(warnings).toBeHidden();

  await addViolation(page, '交接班记录', /没有认真记录、填写交接班记录和相关表单/, '3');
  await expect(total(page)).toHaveText('65');
  await page.getByLabel('本月是全组最后一名').check();
  await page.getByLabel(/^上月.*得分$/).fill('66');
  await expect(warnings).toBeHidden();
  await page.getByLabel('上月也是全组最后一名').check();
  await expect(warnings.locator('[data-kind="last-place-twice"]')).toHaveText(
    '连续两个月全组最后一名且低于 70 分（上月 66 分，本月 65 分）：公司有权解除劳动合同。',
  );
});

test('two different medium violations add the 20-point surcharge automatically; one item twice does not', async ({ page }) => {
  await open(page);
  await addViolation(page, '例会', /未请假缺席部门例会/, '2');
  await expect(page.locator('.calc-entry.is-auto')).toHaveCount(0);
  await expect(total(page)).toHaveText('60');
  await addViolation(page, '游戏', /工作时间看在线视频、电影或玩游戏/);
  await expect(page.locator('.calc-entry.is-auto')).toContainText('当月没有履行好客服职责');
  await expect(total(page)).toHaveText('30');
});

test('print media shows the monthly sheet with items, totals and signature lines', async ({ page }) => {
  await open(page);
  await page.getByLabel('员工姓名').fill('王小丽');
  await tickBonus(page, /突发情况或活动期间人手不够/, '2');
  await addViolation(page, '普通话', /工作时间不讲普通话/);
  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('.calc-sheet');
  await expect(sheet).toBeVisible();
  await expect(page.locator('.calc-form')).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(sheet.getByRole('heading', { name: '客服月度考核表' })).toBeVisible();
  await expect(sheet.getByTestId('sheet-name')).toHaveText('王小丽');
  await expect(sheet.locator('.calc-sheet-table')).toContainText('突发情况或活动期间人手不够');
  await expect(sheet.locator('.calc-sheet-table')).toContainText('工作时间不讲普通话');
  await expect(sheet.getByTestId('sheet-total')).toHaveText('88 分');
  await expect(sheet).toContainText('+80 元');
  await expect(sheet.locator('.calc-signatures')).toContainText('员工签字');
  await expect(sheet.locator('.calc-signatures')).toContainText('主管签字');
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await page.emulateMedia({ media: 'screen' });
  await expect(sheet).toBeHidden();
});

test('HTML typed in the name field is shown as text', async ({ page }) => {
  let dialog = false;
  page.on('dialog', (d) => {
    dialog = true;
    void d.dismiss();
  });
  await open(page);
  const typed = '<img src=x onerror="alert(1)"><b>粗体</b>';
  await page.getByLabel('员工姓名').fill(typed);
  await expect(page.locator('.calc-who')).toHaveText(`：${typed}`);
  await expect(page.locator('.calc-summary img, .calc-summary b, .calc-sheet img, .calc-sheet b')).toHaveCount(0);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('sheet-name')).toHaveText(typed);
  expect(dialog).toBe(false);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe (${scheme}): no serious or critical violations, with items, errors and warnings shown`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    await tickBonus(page, /突发情况或活动期间人手不够/, '2');
    await addViolation(page, '迟到', /迟到、早退/);
    await addViolation(page, '旷工', /旷工/, '2');
    await page.getByLabel('加减分（-5 至 +5）').fill('2');
    await expect(page.getByTestId('warnings')).toBeVisible();
    await expect(page.getByTestId('errors')).toBeVisible();
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
}

test('phone width 360px: no horizontal scroll, totals bar visible', async ({ page }) => {
  const watch = watchConsole(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page);
  await tickBonus(page, /突发情况或活动期间人手不够/, '2');
  await addViolation(page, '抽查', /主管随机抽查发现错误/);
  await page.getByRole('combobox', { name: /每处扣分\s*：主管随机抽查发现错误/ }).selectOption({ label: '3 分' });
  await page.getByLabel('被考核人是组长').check();
  await page.getByLabel('加减分（-5 至 +5）').fill('-2');
  await expect(total(page)).toHaveText('87'); // refused until there is a reason
  await page.getByLabel(/^理由/).fill('交接班不清楚');
  await expect(total(page)).toHaveText('85');
  await expect(page.locator('.calc-bar')).toHaveText('合计 85 分 · B · +50 元');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.screenshot({ path: 'test-results/phone_tools_assessment.png', fullPage: true });
  expect(overflow).toBe(0);
  expect(watch.errors).toEqual([]);
});
