/**
 * The chat pages and the chat island, in Chromium, against the production build. Time is the
 * Playwright clock (installed, then paused): the tests move it with runFor, so every wait the
 * engine scores is the time the test let pass. Messages are typed with real key presses.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSop } from '../unit/cli-helpers.ts';
import { seriousViolations, storedRecords, watchConsole } from './helpers.ts';

const T0 = new Date('2025-06-02T09:00:00+08:00').getTime();

/** A strong agent in bargain-repeat: [text, ms to let pass after the customer's latest line]. */
const STRONG: Array<[string, number]> = [
  ['亲，您好～欢迎光临！请问是看中这款单肩包了吗？', 6000],
  ['这款包是公司统一定价的，我们客服没有改价的权限哦，头层牛皮做工很扎实，价格已经很实惠啦～', 8000],
  ['亲，理解您想划算一点～我这边确实没有权限，我去帮您向主管申请一下，请您稍等我2分钟哦！', 9000],
  ['亲，让您久等了！主管说价格改不了，不过特意给您争取了一个同系列的皮质卡包作为赠品，您看可以吗？', 120000],
  ['谢谢亲！赠品是小卡包，您拍下后我在订单里备注加赠，并且让仓库仔细包装，今天就安排发货～', 9000],
  ['有问题随时找我，祝您购物愉快，再见！', 4000],
];

/** Opens a scenario page with the clock installed and paused; waits for the island. */
async function open(page: Page, id: string, query = '') {
  await page.clock.install({ time: T0 });
  await page.goto(`/chat/${id}/${query}`);
  await page.clock.pauseAt(T0 + 60_000);
  await expect(page.getByTestId('chat-start')).toBeVisible();
}

async function start(page: Page, mode: 'practice' | 'exam') {
  await page.getByRole('radio', { name: mode === 'exam' ? /考试模式/ : /练习模式/ }).check();
  await page.getByTestId('chat-start').click();
  await expect(page.getByTestId('chat-window')).toBeVisible();
  await expect(page.locator('#chat-input')).toBeFocused();
}

const typing = (page: Page) => page.getByTestId('chat-typing');
const agentLines = (page: Page) => page.locator('.chat-log .chat-msg.agent');

/** Lets the customer finish typing (their pauses are 1-3 s per line). */
async function customerDone(page: Page) {
  for (let i = 0; i < 30 && (await typing(page).count()) > 0; i++) await page.clock.runFor(500);
  await expect(typing(page)).toHaveCount(0);
}

/** Waits `ms` after the latest message, types `text` key by key and presses Enter. */
async function say(page: Page, text: string, ms: number) {
  await customerDone(page);
  await page.clock.runFor(ms);
  const before = await agentLines(page).count();
  await page.locator('#chat-input').focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  // Sent: one more message in the window — or the chat reached its ending and the report replaced it.
  const report = page.getByTestId('chat-report');
  await expect.poll(async () => (await report.count()) > 0 || (await agentLines(page).count()) === before + 1).toBe(true);
  if ((await report.count()) > 0) return;
  await expect(page.locator('#chat-input')).toHaveValue('');
  await expect(agentLines(page).last().locator('.chat-bubble')).toHaveText(text);
}

function cliScore(file: string, scenario: string) {
  const r = runSop(undefined, ['score-chat', '--json', '--scenario', scenario, '--replies', file], 30_000);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { score: number; grade: string; ending: { id: string; kind: string }; findings: unknown[] };
}

const storedReports = (page: Page) =>
  storedRecords<{ replies: Array<{ text: string; afterMs: number }>; report: { score: number }; endedBy: string; mode: string }>(
    page,
    'chatReports',
  );

/** Pauses the running clock just ahead of the page's time (again if the page's time overtook it meanwhile). */
async function pauseSoon(page: Page) {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 500);
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}

/** axe needs running timers: the clock runs during the check and is paused again after it. */
async function axe(page: Page) {
  await page.clock.resume();
  const violations = await seriousViolations(page);
  await pauseSoon(page);
  return violations;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a strong bargain-repeat chat typed key by key: report with score, grade, ending and findings; saved; the exported replies score the same with the CLI', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const consoleWatch = watchConsole(page);
  await open(page, 'bargain-repeat');
  await start(page, 'practice');
  await expect(page.locator('.chat-log .chat-msg.customer').first().locator('.chat-bubble')).toHaveText(
    '在吗？这个包299有点贵啊，能便宜点不？',
  );
  const startedAt = await page.evaluate((t) => new Date(t).toTimeString().slice(0, 8), T0 + 60_000);
  await expect(page.locator('.chat-log .chat-msg.customer').first().locator('time')).toHaveText(startedAt);

  // Practice mode: the hint shows the turn's key points and a model reply.
  await page.getByTestId('chat-hint-toggle').click();
  await expect(page.getByTestId('chat-hint')).toContainText('示范回复');
  await expect(page.getByTestId('chat-hint')).toContainText('亲，您好！欢迎光临');
  await page.getByTestId('chat-hint-toggle').click();
  await expect(page.getByTestId('chat-hint')).toHaveCount(0);

  for (const [text, ms] of STRONG) await say(page, text, ms);

  const report = page.getByTestId('chat-report');
  await expect(report).toBeVisible();
  await expect(page.locator('#chat-report-heading')).toBeFocused();
  const score = Number(await page.getByTestId('chat-score').textContent());
  expect(score).toBeGreaterThanOrEqual(88);
  await expect(page.getByTestId('chat-grade')).toHaveText(/^[AB]$/);
  await expect(page.getByTestId('chat-ending')).toHaveAttribute('data-kind', 'satisfied');
  await expect(report).toContainText('顾客收下赠品');
  const passed = page.getByTestId('chat-findings-passed').locator('> li');
  expect(await passed.count()).toBeGreaterThan(5);
  await expect(passed.filter({ hasText: '首次回复用了' }).locator('a[href="/standards/#first-response-time"]')).toBeVisible();
  await expect(report.locator('.chat-finding a[href^="/scripts/#"]').first()).toBeVisible();
  await expect(page.getByTestId('chat-models')).toContainText('亲，让您久等啦！');
  await expect(page.getByTestId('chat-live')).toContainText(`得分 ${score}`);

  // The export is the CLI's replies file and gives the same score, grade, ending and findings.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chat-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^sop-chat-bargain-repeat-\d{4}-\d{2}-\d{2}\.json$/);
  const dir = mkdtempSync(join(tmpdir(), 'chat-e2e-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { replies: Array<{ text: string; afterMs: number }> };
    expect(Object.keys(saved)).toEqual(['replies']);
    expect(saved.replies.map((r) => r.text)).toEqual(STRONG.map(([t]) => t));
    STRONG.forEach(([, ms], i) => {
      expect(saved.replies[i]!.afterMs).toBeGreaterThanOrEqual(ms);
      expect(saved.replies[i]!.afterMs).toBeLessThan(ms + 1000);
    });
    const cli = cliScore(file, 'bargain-repeat');
    expect(cli.score).toBe(score);
    expect(cli.grade).toBe(await page.getByTestId('chat-grade').textContent());
    expect(cli.ending.kind).toBe('satisfied');
    const shownFindings = await report.locator('[data-testid^="chat-findings-"] > .chat-finding').count();
    expect(cli.findings.length).toBe(shownFindings);

    // Saved on the device: the same replies and the same score.
    const records = await storedReports(page);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ replies: saved.replies, endedBy: 'ending', mode: 'practice', report: { score } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Retry: a fresh chat.
  await page.getByTestId('chat-retry').click();
  await expect(page.getByTestId('chat-window')).toBeVisible();
  await expect(page.locator('.chat-log .chat-msg')).toHaveCount(1);
  expect(consoleWatch.errors).toEqual([]);
});

test('a poor chat (我不能, promises 50 元) shows the failed findings and the marked transcript', async ({ page }) => {
  await open(page, 'bargain-repeat', '?mode=exam');
  await start(page, 'exam');
  await say(page, '在的，我不能改价', 25000);
  await say(page, '那给您便宜50元吧，您拍吧', 6000);
  await customerDone(page);
  await expect(page.locator('.chat-log .chat-msg.customer').last()).toContainText('再少50');
  await page.getByTestId('chat-end').click();

  const report = page.getByTestId('chat-report');
  await expect(report).toBeVisible();
  expect(Number(await page.getByTestId('chat-score').textContent())).toBeLessThan(60);
  await expect(page.getByTestId('chat-grade')).toHaveText('不及格');
  const failed = page.getByTestId('chat-findings-failed');
  const negative = failed.locator('> li[data-standard="negative-phrases"]');
  await expect(negative.first()).toContainText('我不能');
  await expect(negative.first()).toContainText('禁用负面语言');
  await expect(negative.first().locator('a[href="/standards/#negative-phrases"]')).toBeVisible();
  // bargain-repeat: 20 元 at the agent's discretion, 50 元 needs the supervisor.
  await expect(failed.locator('> li[data-standard="discount-authority"]').filter({ hasText: '答应优惠约 50 元' })).toContainText(
    '超过客服 20 元的权限',
  );
  await expect(failed.locator('> li[data-standard="first-response-time"]')).toContainText('超过了 15 秒');
  // The three most important fixes come first, with the quote and a model phrasing where one helps.
  const fixes = page.getByTestId('chat-fixes');
  await expect(fixes.locator('> li')).toHaveCount(3);
  await expect(fixes.getByTestId('chat-finding-model').first()).toContainText('可以这样说');

  const marked = page.getByTestId('chat-transcript').locator('> li[data-problem]');
  await expect(marked.filter({ hasText: '我不能改价' })).toHaveCount(1);
  await expect(marked.filter({ hasText: '我不能改价' }).locator('.chat-problems')).toContainText('禁用语“我不能”');
  await expect(marked.filter({ hasText: '便宜50元' }).locator('.chat-problems')).toContainText('50');
  // Customer lines are never marked.
  await expect(page.getByTestId('chat-transcript').locator('> li.customer[data-problem]')).toHaveCount(0);
});

test('Enter sends, Shift+Enter makes a new line, Enter while an IME composes does not send; markup is shown as text and never runs', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await open(page, 'bargain-repeat');
  await start(page, 'practice');
  const input = page.locator('#chat-input');
  await page.clock.runFor(3000);
  await page.keyboard.type('第一行');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('第二行');
  await expect(input).toHaveValue('第一行\n第二行');
  await expect(agentLines(page)).toHaveCount(0);

  // An IME confirming a candidate with Enter: keydown with isComposing — not a send.
  await input.evaluate((el) =>
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true })),
  );
  await expect(agentLines(page)).toHaveCount(0);

  await page.keyboard.press('Enter');
  await expect(agentLines(page)).toHaveCount(1);
  expect(
    await agentLines(page)
      .first()
      .locator('.chat-bubble')
      .evaluate((el) => (el as HTMLElement).innerText),
  ).toBe('第一行\n第二行');

  await customerDone(page);
  await page.clock.runFor(2000);
  await page.keyboard.type('<script>alert(1)</script><img src=x onerror=alert(2)>');
  await page.keyboard.press('Enter');
  const bubble = agentLines(page).last().locator('.chat-bubble');
  await expect(bubble).toHaveText('<script>alert(1)</script><img src=x onerror=alert(2)>');
  await expect(page.locator('.chat-log script, .chat-log img')).toHaveCount(0);

  await page.getByTestId('chat-end').click();
  await expect(page.getByTestId('chat-report')).toBeVisible();
  await expect(page.getByTestId('chat-transcript')).toContainText('<script>alert(1)</script>');
  await expect(page.locator('.chat-report script, .chat-report img')).toHaveCount(0);
  await page.clock.runFor(1000);
  expect(dialogs).toEqual([]);
});

test('exam mode (?mode=exam) is preselected and has no hint; practice mode has one', async ({ page }) => {
  await open(page, 'bargain-repeat', '?mode=exam');
  await expect(page.getByRole('radio', { name: /考试模式/ })).toBeChecked();
  await start(page, 'exam');
  await expect(page.getByTestId('chat-window')).toHaveAttribute('data-mode', 'exam');
  await expect(page.getByTestId('chat-hint-toggle')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '提示', exact: true })).toHaveCount(0);
  await say(page, '亲，您好！这款包是公司统一定价，客服没有改价的权限，请您理解～', 5000);
  await customerDone(page);
  await expect(page.getByTestId('chat-hint-toggle')).toHaveCount(0);
  // End it: an unfinished chat would be resumed on the next visit.
  await page.getByTestId('chat-end').click();
  await expect(page.getByTestId('chat-report')).toBeVisible();

  await page.goto('/chat/bargain-repeat/');
  await expect(page.getByRole('radio', { name: /练习模式/ })).toBeChecked();
  await start(page, 'practice');
  await expect(page.getByRole('button', { name: '提示', exact: true })).toBeVisible();
});

test('the reply timer turns amber near 15 s and red past it; a long silence makes the customer leave', async ({ page }) => {
  await open(page, 'bargain-repeat');
  await start(page, 'practice');
  const timer = page.getByTestId('chat-timer');
  await expect(timer).toHaveAttribute('data-level', 'ok');
  await expect(timer).toContainText('0 秒 / 15 秒');
  await page.clock.runFor(9_000);
  await expect(timer).toHaveAttribute('data-level', 'ok');
  await page.clock.runFor(1_000);
  await expect(timer).toHaveAttribute('data-level', 'warn');
  await expect(timer).toContainText('快超时');
  await page.clock.runFor(5_500);
  await expect(timer).toHaveAttribute('data-level', 'late');
  await expect(timer).toContainText('已超时');

  // A reply resets it; later replies have 20 s.
  await say(page, '亲，您好！这款包是公司统一定价，客服没有改价的权限，请您理解～', 0);
  await customerDone(page);
  await expect(timer).toContainText('/ 20 秒');
  await page.clock.runFor(16_000);
  await expect(timer).toHaveAttribute('data-level', 'warn');

  // 20 + 120 s without an answer: the customer leaves.
  await page.clock.runFor(125_000);
  await expect(page.getByTestId('chat-report')).toBeVisible();
  await expect(page.getByTestId('chat-ending')).toHaveText('顾客离开');
  await expect(page.getByTestId('chat-report')).toContainText('顾客等了太久，已经离开了对话');
  await expect(page.getByTestId('chat-findings-failed').locator('> li[data-standard="reply-response-time"]')).toContainText('离开了');
  const [record] = await storedReports(page);
  expect(record!.endedBy).toBe('customer-left');
  expect(record!.replies.at(-1)!.text).toBe('');
});

test('phone width 360: no horizontal scroll on the list, the intro, the chat and the report; the composer stays in view', async ({
  page,
}) => {
  const consoleWatch = watchConsole(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/chat/');
  expect(await overflow(page)).toBe(0);
  await open(page, 'bargain-repeat');
  expect(await overflow(page)).toBe(0);
  await start(page, 'practice');
  await say(page, '亲，您好～欢迎光临！请问是看中这款单肩包了吗？这是一条比较长的回复，用来检查气泡在窄屏上会不会撑出横向滚动条。', 4000);
  await say(page, 'averyveryverylongwordwithoutanyspacesaveryveryverylongwordwithoutanyspaces', 3000);
  await page.getByTestId('chat-hint-toggle').click();
  expect(await overflow(page)).toBe(0);
  await expect(page.locator('#chat-input')).toBeInViewport();
  await expect(page.getByTestId('chat-send')).toBeInViewport();
  await expect(page.getByTestId('chat-timer')).toBeInViewport();
  await page.screenshot({ path: 'test-results/phone_chat_window.png' });
  await page.getByTestId('chat-end').click();
  await expect(page.getByTestId('chat-report')).toBeVisible();
  expect(await overflow(page)).toBe(0);
  expect(consoleWatch.errors).toEqual([]);
});

test('axe: no serious or critical violations on the chat pages (list, intro, chat with hint, report; light and dark)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install({ time: T0 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/chat/');
    expect(await axe(page), `/chat/ ${scheme}`).toEqual([]);
    await page.goto('/chat/bargain-repeat/');
    await expect(page.getByTestId('chat-start')).toBeVisible();
    await pauseSoon(page);
    expect(await axe(page), `intro ${scheme}`).toEqual([]);
    await start(page, 'practice');
    await say(page, '在的，我不能改价', 12000);
    await customerDone(page);
    await page.getByTestId('chat-hint-toggle').click();
    expect(await axe(page), `chat ${scheme}`).toEqual([]);
    await page.clock.runFor(12_000);
    expect(await axe(page), `chat, timer amber ${scheme}`).toEqual([]);
    await page.getByTestId('chat-end').click();
    await expect(page.getByTestId('chat-report')).toBeVisible();
    expect(await axe(page), `report ${scheme}`).toEqual([]);
  }
});

test('navigation and workflow pages lead to the chats', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '模拟对话' }).click();
  await expect(page).toHaveURL(/\/chat\/$/);
  await expect(page.getByRole('heading', { level: 1, name: '模拟对话' })).toBeVisible();
  await expect(page.locator('.chat-card')).toHaveCount(readdirSync('content/scenarios').filter((f) => f.endsWith('.yaml')).length);
  await expect(page.getByRole('link', { name: '考试：顾客反复砍价' })).toHaveAttribute('href', '/chat/bargain-repeat/?mode=exam');
  await page.goto('/workflows/presales-reception/');
  const block = page.locator('section', { has: page.getByRole('heading', { name: '模拟对话' }) });
  await expect(block.getByRole('link', { name: '顾客反复砍价' })).toHaveAttribute('href', '/chat/bargain-repeat/');
});

// No work lost (issue 12, item 5): attacks that lost work silently before. Real time here (no
// installed clock): the customer's typing pauses are 1-3 s and the tests stay far from any limit.

/** Opens a scenario page on real time and waits for the island. */
async function openLive(page: Page, id = 'bargain-repeat') {
  await page.goto(`/chat/${id}/`);
  await expect(page.getByTestId('chat-start')).toBeVisible();
}

/** Types `text` and sends it on real time (waits for the customer first). */
async function sayLive(page: Page, text: string) {
  await expect(typing(page)).toHaveCount(0, { timeout: 15_000 });
  const before = await agentLines(page).count();
  await page.locator('#chat-input').fill(text);
  await page.keyboard.press('Enter');
  await expect(agentLines(page)).toHaveCount(before + 1);
}

const customerTexts = (page: Page) => page.locator('.chat-log .chat-msg.customer .chat-bubble').allInnerTexts();

test('a chat in progress survives a reload: resumed at the same turn with the same messages, and goes on', async ({ page }) => {
  await openLive(page);
  await start(page, 'practice');
  await sayLive(page, STRONG[0]![0]);
  await sayLive(page, STRONG[1]![0]);
  await expect(typing(page)).toHaveCount(0, { timeout: 15_000 });
  const agents = await agentLines(page).locator('.chat-bubble').allInnerTexts();
  const customers = await customerTexts(page);
  await page.reload();
  await expect(page.getByTestId('chat-resumed')).toBeVisible();
  await expect(page.getByTestId('chat-window')).toBeVisible();
  expect(await agentLines(page).locator('.chat-bubble').allInnerTexts()).toEqual(agents);
  expect(await customerTexts(page)).toEqual(customers);
  await sayLive(page, STRONG[2]![0]);
  await page.getByTestId('chat-end').click();
  await expect(page.getByTestId('chat-report')).toBeVisible();
  const [record] = await storedReports(page);
  expect(record!.replies.map((r) => r.text)).toEqual(STRONG.slice(0, 3).map(([t]) => t));
});

test('two tabs on one chat: the second says so and cannot start until it takes over; the first then stops and says why', async ({
  context,
}) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await openLive(one);
  await start(one, 'practice');
  await sayLive(one, STRONG[0]![0]);
  await two.goto('/chat/bargain-repeat/');
  await expect(two.getByTestId('chat-readonly')).toContainText('正在另一个标签页中对话');
  await expect(two.getByTestId('chat-start')).toBeDisabled();
  await two.getByTestId('chat-take-over').click();
  await expect(two.getByTestId('chat-window')).toBeVisible();
  await expect(agentLines(two).locator('.chat-bubble')).toHaveText([STRONG[0]![0]]);
  await expect(one.getByTestId('chat-readonly')).toContainText('已在另一个标签页中接着进行');
  await expect(one.locator('#chat-input')).toBeDisabled();
  await sayLive(two, STRONG[1]![0]);
  await two.getByTestId('chat-end').click();
  await expect(two.getByTestId('chat-report')).toBeVisible();
  const reports = await storedReports(two);
  expect(reports).toHaveLength(1);
  expect(reports[0]!.replies.map((r) => r.text)).toEqual([STRONG[0]![0], STRONG[1]![0]]);
});

test('the input stops at 2000 characters and says so (counter near the limit; never cut during IME composition)', async ({ page }) => {
  await openLive(page);
  await start(page, 'practice');
  const input = page.locator('#chat-input');
  await input.fill('好'.repeat(1850));
  await expect(page.getByTestId('chat-count')).toHaveText('1850 / 2000 字');
  await expect(page.getByTestId('chat-limit')).toHaveCount(0);
  await input.fill('好'.repeat(2100));
  await expect(input).toHaveValue('好'.repeat(2000));
  await expect(page.getByTestId('chat-count')).toHaveText('2000 / 2000 字');
  await expect(page.getByTestId('chat-limit')).toContainText('最多 2000 个字');
  // An IME composing past the limit is left alone until the candidate is chosen.
  await input.evaluate((el: HTMLTextAreaElement) => {
    el.dispatchEvent(new CompositionEvent('compositionstart'));
    el.value = `${'好'.repeat(1999)}zhongwen`;
    el.dispatchEvent(new InputEvent('input', { isComposing: true }));
  });
  await expect(input).toHaveValue(`${'好'.repeat(1999)}zhongwen`);
  await input.evaluate((el: HTMLTextAreaElement) => {
    el.value = `${'好'.repeat(1999)}中文`;
    el.dispatchEvent(new InputEvent('input', { isComposing: true }));
    el.dispatchEvent(new CompositionEvent('compositionend', { data: '中文' }));
  });
  await expect(input).toHaveValue(`${'好'.repeat(1999)}中`);
  await page.keyboard.press('Enter');
  await expect(agentLines(page)).toHaveCount(1);
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('chat-limit')).toHaveCount(0);
});

test('a chat report can be deleted from the intro’s history, after a confirmation', async ({ page }) => {
  await openLive(page);
  await start(page, 'practice');
  await sayLive(page, STRONG[0]![0]);
  await page.getByTestId('chat-end').click();
  await expect(page.getByTestId('chat-report')).toBeVisible();
  await expect.poll(async () => (await storedReports(page)).length).toBe(1);
  await page.reload();
  const list = page.getByTestId('chat-history-list');
  await expect(list.locator('li')).toHaveCount(1);
  await list.getByTestId('chat-delete').click();
  await expect(list).toContainText('确定删除这次对话记录吗');
  await page.getByRole('button', { name: '取消' }).click();
  expect(await storedReports(page)).toHaveLength(1);
  await list.getByTestId('chat-delete').click();
  await list.getByTestId('chat-delete-yes').click();
  await expect(page.getByTestId('chat-history-list')).toHaveCount(0);
  await expect(page.getByTestId('chat-history')).toHaveCount(0);
  expect(await storedReports(page)).toEqual([]);
});
