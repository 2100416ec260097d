/**
 * Assignments end to end, in Chromium, with two browser contexts (two devices): the trainer builds
 * an assignment (with a local xAPI LRS on 127.0.0.1), the new hire opens the link, takes a quiz and
 * a chat, exports the result file; the trainer imports it with edited and broken copies and sees
 * the table, the flags and the messages. Also: tampered links, the v1 → v2 database upgrade,
 * storage that cannot be opened, a second tab.
 */
import { expect, test } from '@playwright/test';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GradingData } from '../../src/lib/training/grading.ts';
import { encodeAssignment, type Assignment } from '../../src/lib/training/assignment.ts';
import { checkStatement } from '../unit/xapi-spec.ts';
import { rightAnswers } from '../unit/quiz-helpers.ts';
import { seriousViolations as axe, storedRecords, takeQuiz, watchConsole } from './helpers.ts';

const QUIZ = 'presales-reception-bargain';
const CHAT = 'bargain-repeat';
const grading = () => JSON.parse(readFileSync('dist/trainer/grading.json', 'utf8')) as GradingData;

/** A local LRS (xAPI statements endpoint) on 127.0.0.1 with CORS, recording what it receives. */
async function startLrs() {
  const received: Array<{ id: string | null; auth: string | undefined; version: string | undefined; body: unknown }> = [];
  const body = (req: IncomingMessage) =>
    new Promise<string>((ok) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => ok(data));
    });
  const server = createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'PUT, POST, GET, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Experience-API-Version, Authorization');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'PUT' && url.pathname === '/xapi/statements') {
      const id = url.searchParams.get('statementId');
      const statement = JSON.parse(await body(req));
      if (received.some((r) => r.id === id)) return void res.writeHead(409).end();
      received.push({
        id,
        auth: req.headers.authorization,
        version: req.headers['x-experience-api-version'] as string | undefined,
        body: statement,
      });
      return void res.writeHead(204).end();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}/xapi`, received, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** A temporary folder for one test (removed at its end). */
function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'training-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('trainer assigns, new hire takes a quiz and a chat and exports, trainer imports and sees the table and the flags', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const data = grading();
  const quiz = data.quizzes.find((q) => q.id === QUIZ)!;
  const scenario = data.scenarios.find((s) => s.id === CHAT)!;
  const lrs = await startLrs();
  const scratch = tempDir();
  const tmp = scratch.dir;
  const trainerCtx = await browser.newContext();
  const hireCtx = await browser.newContext({ acceptDownloads: true });
  try {
    // ---- Trainer: build the assignment.
    const trainer = await trainerCtx.newPage();
    const trainerConsole = watchConsole(trainer);
    await trainer.goto('/trainer/assign/');
    await expect(trainer.locator('.assign[data-ready="true"]')).toBeVisible();
    await trainer.getByLabel('查找测验或模拟对话').fill('议价');
    await trainer.locator(`label[data-item="quiz:${QUIZ}"] input`).check();
    await trainer.getByLabel('查找测验或模拟对话').fill(scenario.title);
    await trainer.locator(`label[data-item="chat:${CHAT}"] input`).check();
    await expect(trainer.getByTestId('assign-selected').locator('li')).toHaveCount(2);
    await trainer.getByRole('button', { name: '生成链接' }).click();
    await expect(trainer.getByRole('alert')).toContainText('请填写培训组名称');
    await trainer.getByLabel('培训组名称').fill('6月第2周新人组');
    await trainer.getByLabel('及格线（%）').fill('60');
    await trainer.getByLabel('带教老师（可不填）').fill('王老师');
    await trainer.getByLabel('学员名单（可不填，每行一个姓名）').fill('张三\n李四');
    await trainer.getByText('学习记录服务器（xAPI，可不填）').click();
    await trainer.getByLabel('LRS 地址（xAPI endpoint）').fill(lrs.endpoint);
    await trainer.getByLabel('授权（Authorization 头，如 Basic …）').fill('Basic dGVzdDp0ZXN0');
    await trainer.getByRole('button', { name: '生成链接' }).click();
    const result = trainer.getByTestId('assign-result');
    await expect(result).toBeVisible();
    await expect(result.locator('svg path')).toHaveCount(1);
    const link = await trainer.getByTestId('assign-link').inputValue();
    expect(link).toMatch(/\/my\/\?a=1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    await expect(trainer.locator('.assign-sheet')).toContainText(quiz.title);
    await expect(trainer.getByRole('heading', { name: '最近布置的任务' })).toBeVisible();
    await expect(trainer.locator('.assign-recent-list li')).toHaveCount(1);
    expect(await axe(trainer)).toEqual([]);

    // ---- New hire: open the link, the assignment is saved.
    const hire = await hireCtx.newPage();
    const hireConsole = watchConsole(hire);
    await hire.goto(link);
    const card = hire.locator('.training-assignment');
    await expect(card).toHaveCount(1);
    await expect(card.getByRole('heading', { name: '6月第2周新人组' })).toBeVisible();
    await expect(hire.getByTestId('training-live')).toContainText('已保存培训任务');
    await expect(hire).toHaveURL(/\/my\/$/);
    await hire.reload();
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('training-progress')).toHaveText('已完成 0 / 2');
    // The link's name list is the roster: the new hire picks their own name.
    await hire.getByLabel('选择你的名字').selectOption('张三');
    await hire.getByRole('button', { name: '保存姓名' }).click();
    await expect(hire.getByTestId('training-live')).toHaveText('姓名已保存。');

    // Take the quiz (from the assignment's link).
    await card
      .locator(`li[data-item="quiz:${QUIZ}"]`)
      .getByRole('link', { name: `开始：${quiz.title}` })
      .click();
    await expect(hire).toHaveURL(new RegExp(`/quizzes/${QUIZ}/\\?mode=exam$`));
    await takeQuiz(hire, quiz);
    await expect(hire.getByTestId('quiz-percent')).toHaveText('100%');

    // Take the chat: one greeting, then end it.
    // Exam mode (the builder requires it by default), as the card's link opens it.
    await hire.goto(`/chat/${CHAT}/?mode=exam`);
    await hire.getByTestId('chat-start').click();
    const input = hire.locator('#chat-input');
    await expect(input).toBeVisible();
    await expect(hire.getByTestId('chat-send')).toBeEnabled({ timeout: 15_000 });
    await input.fill('您好，请问有什么可以帮您的吗？');
    await hire.getByTestId('chat-send').click();
    await expect(hire.locator('.chat-msg.agent').first()).toBeVisible();
    await hire.getByTestId('chat-end').click();
    await expect(hire.getByTestId('chat-report')).toBeVisible();

    // Back on 我的培训: both done, with scores; statements reach the LRS.
    await hire.goto('/my/');
    await expect(card.getByTestId('training-progress')).toHaveText('已完成 2 / 2');
    await expect(card.locator(`li[data-item="quiz:${QUIZ}"]`)).toHaveAttribute('data-status', 'passed');
    await expect(card.locator(`li[data-item="quiz:${QUIZ}"] [data-testid="item-score"]`)).toHaveText('最好成绩 100 分');
    await expect(card.locator(`li[data-item="chat:${CHAT}"] [data-testid="item-score"]`)).toBeVisible();
    // Nothing is sent before the new hire agrees, naming the LRS host.
    expect(lrs.received).toHaveLength(0);
    await expect(card.getByTestId('lrs-consent')).toContainText('127.0.0.1');
    await card.getByRole('button', { name: '同意发送' }).click();
    await expect(card.getByTestId('xapi-status')).toContainText('已发送 5 条记录', { timeout: 15_000 });
    expect(await axe(hire)).toEqual([]);
    // quiz and chat (each with the work for re-grading), attempted ×2, the assignment completed
    expect(lrs.received).toHaveLength(5);
    for (const r of lrs.received) {
      expect(checkStatement(r.body)).toEqual([]);
      expect(r.auth).toBe('Basic dGVzdDp0ZXN0');
      expect(r.version).toBe('1.0.3');
    }
    const verbs = lrs.received.map((r) => (r.body as { verb: { id: string } }).verb.id.split('/').pop()).sort();
    expect(verbs).toContain('completed');
    expect(verbs).toContain('passed');

    // Export JSON and CSV.
    const [json] = await Promise.all([hire.waitForEvent('download'), card.getByRole('button', { name: '导出结果文件（JSON）' }).click()]);
    expect(json.suggestedFilename()).toMatch(/^培训结果-张三-6月第2周新人组-\d{8}-\d{4}\.json$/);
    const jsonPath = join(tmp, json.suggestedFilename());
    await json.saveAs(jsonPath);
    const [csv] = await Promise.all([hire.waitForEvent('download'), card.getByRole('button', { name: '导出成绩表（CSV）' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\r\n')[0]).toContain('姓名,培训组');
    const exported = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(exported.quizAttempts).toHaveLength(1);
    expect(exported.chats).toHaveLength(1);
    expect(exported.chats[0].replies[0]).toEqual({ text: '您好，请问有什么可以帮您的吗？', afterMs: expect.any(Number) });

    // Certificate (the quiz passed; the chat may not reach the pass mark after one greeting).
    const passedAll = (await card.locator('li[data-status="passed"]').count()) === 2;
    if (passedAll) {
      await card.getByRole('link', { name: '查看证书' }).click();
      await expect(hire.getByTestId('certificate')).toContainText('张三');
    }

    // ---- Files for the trainer: the real one, an edited copy (another trainee with a forged score), bad ones.
    const edited = structuredClone(exported);
    edited.trainee.name = '李四';
    // Another trainee's device (the same device under two names is flagged on both: unit tests).
    edited.trainee.device = 'otherdevice01';
    // Only the quiz is edited; an identical chat under two names would be flagged as a copy.
    edited.chats = [];
    edited.quizAttempts[0].answers = {};
    edited.quizAttempts[0].startedAt = new Date(Date.parse(edited.quizAttempts[0].startedAt) + 1000).toISOString();
    const editedPath = join(tmp, 'li-edited.json');
    writeFileSync(editedPath, JSON.stringify(edited, null, 2));
    const notJson = join(tmp, 'notes.json');
    writeFileSync(notJson, '这不是 JSON 文件');
    const truncated = join(tmp, 'cut.json');
    writeFileSync(truncated, readFileSync(jsonPath, 'utf8').slice(0, 400));
    const otherSite = join(tmp, 'old-site.json');
    writeFileSync(
      otherSite,
      JSON.stringify({
        ...exported,
        trainee: { ...exported.trainee, name: '赵六', device: 'otherdevice02' },
        siteVersion: 'deadbeef',
        quizAttempts: exported.quizAttempts.map((a: { quizVersion: number }) => ({ ...a, quizVersion: a.quizVersion + 1 })),
        chats: [],
      }),
    );
    const duplicated = join(tmp, 'dup.json');
    writeFileSync(
      duplicated,
      JSON.stringify({
        ...exported,
        trainee: { ...exported.trainee, name: '钱七', device: 'otherdevice03' },
        // The same attempt twice in one file (not a copy of 张三's: another start time).
        quizAttempts: [0, 1].map(() => ({
          ...exported.quizAttempts[0],
          startedAt: new Date(Date.parse(exported.quizAttempts[0].startedAt) - 2000).toISOString(),
        })),
        chats: [],
      }),
    );
    const huge = join(tmp, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    const poison = '<img src=x onerror="window.__xss=1">';
    const deep = (v: unknown): unknown =>
      typeof v === 'string'
        ? poison
        : Array.isArray(v)
          ? v.map(deep)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]))
            : v;
    const html = join(tmp, 'html.json');
    writeFileSync(html, JSON.stringify({ ...(deep(exported) as object), format: 'sop-training-result', formatVersion: 1 }));

    // ---- Trainer: import the good files, then the bad ones.
    const dash = await trainerCtx.newPage();
    const dashConsole = watchConsole(dash);
    await dash.goto('/trainer/dashboard/');
    await expect(dash.locator('.dash[data-ready="true"]')).toBeVisible();
    const fileInput = dash.getByTestId('dash-file-input');
    await fileInput.setInputFiles([jsonPath, editedPath]);
    const table = dash.getByTestId('dash-table');
    await expect(table.locator('tbody tr[data-trainee]')).toHaveCount(2);
    const zhang = table.locator('tr[data-trainee="张三"]');
    const li = table.locator('tr[data-trainee="李四"]');
    await expect(zhang).toHaveAttribute('data-flagged', 'false');
    await expect(li).toHaveAttribute('data-flagged', 'true');
    await expect(li.getByTestId('row-flag')).toBeVisible();
    await expect(dash.getByTestId('dash-report')).toContainText('li-edited.json');
    await expect(dash.getByTestId('dash-report')).toContainText('文件里记录的成绩是 100%');
    await li.getByRole('button', { name: '李四 的明细' }).click();
    await expect(dash.locator('.dash-detail')).toContainText('不一致');
    await expect(dash.getByTestId('dash-questions').locator('li').first()).toBeVisible();
    await expect(dash.getByTestId('dash-standards').locator('li').first()).toBeVisible();
    expect(await axe(dash)).toEqual([]);
    const before = await zhang.innerText();

    await fileInput.setInputFiles([notJson, truncated, huge, html, otherSite, duplicated, jsonPath]);
    const report = dash.getByTestId('dash-report');
    await expect(report).toContainText('notes.json');
    await expect(report).toContainText('不是 JSON 文件');
    await expect(report).toContainText('cut.json');
    await expect(report).toContainText('文件不完整');
    await expect(report).toContainText('huge.json');
    await expect(report).toContainText('文件过大（50.0 MB）');
    await expect(report).toContainText('html.json');
    await expect(report).toContainText('old-site.json');
    await expect(report).toContainText('另一个网站版本');
    await expect(report).toContainText('dup.json');
    await expect(report).toContainText('重复，只计一次');
    await expect(report).toContainText('已经导入过');
    expect(await dash.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await expect(report.locator('img')).toHaveCount(0);
    // The two earlier rows are unchanged; the other-site and duplicate files add their trainees.
    await expect(table.locator('tbody tr[data-trainee]')).toHaveCount(4);
    expect(await zhang.innerText()).toBe(before);

    // Filters and CSV.
    await dash.getByTestId('dash-status').selectOption('flagged');
    await expect(table.locator('tbody tr[data-trainee]')).toHaveCount(1);
    const [rowsCsv] = await Promise.all([dash.waitForEvent('download'), dash.getByRole('button', { name: '导出学员成绩（CSV）' }).click()]);
    expect(readFileSync(await rowsCsv.path(), 'utf8')).toContain('李四');
    await dash.getByTestId('dash-status').selectOption('all');

    // Kept on the trainer's device until cleared.
    await dash.reload();
    await expect(dash.getByTestId('dash-table').locator('tbody tr[data-trainee]')).toHaveCount(4);
    dash.once('dialog', (d) => void d.accept());
    await dash.getByRole('button', { name: '清除看板上的全部数据' }).click();
    await expect(dash.getByText('还没有导入结果文件。')).toBeVisible();

    expect(trainerConsole.errors).toEqual([]);
    expect(hireConsole.errors).toEqual([]);
    expect(dashConsole.errors).toEqual([]);
  } finally {
    await trainerCtx.close();
    await hireCtx.close();
    await lrs.close();
    scratch.remove();
  }
});

test('a tampered or truncated link saves nothing and says what is wrong', async ({ page }) => {
  const data = grading();
  const a: Assignment = {
    id: 'e2elink001',
    group: '测试组',
    createdAt: new Date().toISOString().replace(/\.\d+Z$/, '.000Z'),
    due: '2099-12-31',
    tz: 480,
    passMark: 80,
    items: [{ kind: 'quiz', id: data.quizzes[0]!.id, version: data.quizzes[0]!.version }],
    trainees: [],
  };
  const code = encodeAssignment(a);
  await page.goto(`/my/?a=${code.slice(0, -5)}`);
  await expect(page.getByTestId('link-error')).toContainText('链接不完整');
  await expect(page.getByTestId('link-error')).toBeFocused();
  const flipped = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
  await page.goto(`/my/?a=${flipped}`);
  await expect(page.getByTestId('link-error')).toContainText('校验失败');
  await expect(page.locator('.training-assignment')).toHaveCount(0);
  const stored = (await storedRecords(page, 'assignments')).length;
  expect(stored).toBe(0);
  // The paste box opens the good one.
  await page.getByLabel('粘贴带教老师发来的链接').fill(`https://elsewhere.example/my/?a=${code}`);
  await page.getByRole('button', { name: '打开任务' }).click();
  await expect(page.locator('.training-assignment')).toHaveCount(1);
  await expect(page.getByTestId('link-error')).toHaveCount(0);
});

test('upgrading a version-1 device database keeps its records and adds the trainer stores', async ({ page }) => {
  const data = grading();
  const a: Assignment = {
    id: 'e2emigrate',
    group: '旧版本组',
    createdAt: '2026-01-01T00:00:00.000Z',
    due: '2099-12-31',
    tz: 480,
    passMark: 80,
    items: [{ kind: 'quiz', id: data.quizzes[0]!.id, version: data.quizzes[0]!.version }],
    trainees: [],
  };
  await page.goto('/404.html');
  await page.evaluate(
    ({ code, id }) =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('sop-xuetang', 1);
        open.onupgradeneeded = () => {
          for (const name of ['attempts', 'chatReports', 'assignments', 'meta']) open.result.createObjectStore(name, { keyPath: 'id' });
        };
        open.onsuccess = () => {
          const tx = open.result.transaction(['assignments', 'attempts'], 'readwrite');
          tx.objectStore('assignments').put({ id, code, openedAt: '2026-01-02T00:00:00.000Z' });
          tx.objectStore('attempts').put({ id: 'old-attempt', quiz: 'x', startedAt: '2026-01-01T00:00:00.000Z', answers: {} });
          tx.oncomplete = () => {
            open.result.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
        open.onerror = () => fail(open.error);
      }),
    { code: encodeAssignment(a), id: a.id },
  );
  await page.goto('/my/');
  await expect(page.locator('.training-assignment')).toHaveCount(1);
  await expect(page.locator('.training-assignment h2')).toHaveText('旧版本组');
  const after = await page.evaluate(
    () =>
      new Promise<{ version: number; stores: string[]; attempt: unknown; assignment: { format?: string } }>((ok, fail) => {
        const open = indexedDB.open('sop-xuetang');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['attempts', 'assignments']);
          const a1 = tx.objectStore('attempts').get('old-attempt');
          const a2 = tx.objectStore('assignments').get('e2emigrate');
          tx.oncomplete = () =>
            ok({ version: db.version, stores: [...db.objectStoreNames].sort(), attempt: a1.result, assignment: a2.result });
          tx.onerror = () => fail(tx.error);
        };
        open.onerror = () => fail(open.error);
      }),
  );
  expect(after.version).toBe(2);
  expect(after.stores).toEqual(['assignments', 'attempts', 'chatReports', 'meta', 'trainerAssignments', 'trainerImports']);
  expect(after.attempt).toMatchObject({ id: 'old-attempt' });
  expect(after.assignment).toMatchObject({ format: 'sop-assignment-record' });
});

test('storage that cannot be opened (private mode) is shown, not swallowed', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      value: {
        open: () => {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      },
    });
  });
  await page.goto('/my/');
  await expect(page.getByTestId('storage-problem')).toHaveAttribute('data-reason', 'unavailable');
  await expect(page.getByTestId('storage-problem')).toContainText('无痕');
  await page.goto('/trainer/dashboard/');
  await expect(page.getByTestId('storage-problem')).toBeVisible();
});

test('a second tab sees an assignment opened in the first without reloading', async ({ context }) => {
  const data = grading();
  const make = (id: string, group: string): string =>
    encodeAssignment({
      id,
      group,
      createdAt: '2026-01-01T00:00:00.000Z',
      due: '2099-12-31',
      tz: 480,
      passMark: 80,
      items: [{ kind: 'quiz', id: data.quizzes[0]!.id, version: data.quizzes[0]!.version }],
      trainees: [],
    });
  const first = await context.newPage();
  await first.goto(`/my/?a=${make('e2etaba001', '甲组')}`);
  await expect(first.locator('.training-assignment')).toHaveCount(1);
  const second = await context.newPage();
  await second.goto(`/my/?a=${make('e2etabb002', '乙组')}`);
  await expect(second.locator('.training-assignment')).toHaveCount(2);
  await expect(first.locator('.training-assignment')).toHaveCount(2);
});

test('importing 50 result files at once (figure for the report)', async ({ page }) => {
  test.setTimeout(120_000);
  const { gradingContext } = await import('../../src/lib/training/grading.ts');
  const { newAttempt } = await import('../../src/lib/quiz/attempt.ts');
  const { gradeAttempt } = await import('../../src/lib/quiz/grade-attempt.ts');
  const { scoreChat } = await import('../../src/lib/chat/score.ts');
  const { scenarioHash } = await import('../../src/lib/training/grading.ts');
  const { buildResultFile } = await import('../../src/lib/training/result-file.ts');
  const data = grading();
  const ctx = gradingContext(data);
  const quiz = ctx.quizzes.get(QUIZ)!;
  const scenario = ctx.scenarios.get(CHAT)!;
  const now = Date.now();
  const a: Assignment = {
    id: 'e2ebench50',
    group: '压力测试组',
    createdAt: new Date(now - 86_400_000).toISOString().replace(/\.\d+Z$/, '.000Z'),
    due: '2099-12-31',
    tz: 480,
    passMark: 60,
    items: [
      { kind: 'quiz', id: QUIZ, version: quiz.version },
      { kind: 'chat', id: CHAT, version: scenario.version },
    ],
    trainees: [],
  };
  const scratch = tempDir();
  const dir = scratch.dir;
  const paths: string[] = [];
  for (let i = 0; i < 50; i++) {
    const attempt = newAttempt(quiz, { seed: i + 1, mode: 'exam', startedAt: new Date(now - 3_600_000) });
    attempt.answers = i % 2 ? rightAnswers(quiz) : {};
    attempt.finishedAt = new Date(now - 3_000_000).toISOString();
    attempt.result = JSON.parse(JSON.stringify(gradeAttempt(quiz, attempt)));
    const replies = [
      { text: '您好，请问有什么可以帮您？', afterMs: 5000 + i * 100 },
      { text: '好的，请您稍等，我帮您问一下主管', afterMs: 9000 },
    ];
    const report = scoreChat(scenario, replies, ctx.rules);
    const file = buildResultFile({
      assignment: a,
      code: encodeAssignment(a),
      trainee: { name: `学员${i + 1}`, device: `bench${String(i).padStart(8, '0')}` },
      siteVersion: data.siteVersion,
      attempts: [attempt],
      chats: [
        {
          scenario: CHAT,
          scenarioVersion: scenario.version,
          scenarioHash: scenarioHash(scenario),
          startedAt: new Date(now - 2_000_000).toISOString(),
          finishedAt: new Date(now - 1_900_000).toISOString(),
          replies,
          result: { score: report.score, grade: report.grade, ending: report.ending.kind },
        },
      ],
      now: new Date(now),
    });
    const path = join(dir, `result-${i + 1}.json`);
    writeFileSync(path, JSON.stringify(file, null, 2));
    paths.push(path);
  }
  await page.goto('/trainer/dashboard/');
  await expect(page.locator('.dash[data-ready="true"]')).toBeVisible();
  // The assignment is this trainer's own (built on this device): only those count.
  await page.evaluate(
    ({ code, assignment }) =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('sop-xuetang');
        open.onsuccess = () => {
          const tx = open.result.transaction(['trainerAssignments'], 'readwrite');
          const at = new Date().toISOString();
          tx.objectStore('trainerAssignments').put({
            id: assignment.id,
            format: 'sop-trainer-assignment',
            formatVersion: 1,
            code,
            assignment,
            createdAt: at,
            updatedAt: at,
          });
          tx.oncomplete = () => {
            open.result.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
        open.onerror = () => fail(open.error);
      }),
    { code: encodeAssignment(a), assignment: a },
  );
  await page.reload();
  await expect(page.locator('.dash[data-ready="true"]')).toBeVisible();
  const started = Date.now();
  await page.getByTestId('dash-file-input').setInputFiles(paths);
  await expect(page.getByTestId('dash-table').locator('tbody tr[data-trainee]')).toHaveCount(50);
  const wall = Date.now() - started;
  const reported = Number((await page.getByTestId('dash-report').innerText()).match(/用时 (\d+) 毫秒/)?.[1]);
  console.log(
    `50 result files imported in the browser: ${reported} ms (read, check, save to IndexedDB, re-grade); ${wall} ms until the table showed 50 rows`,
  );
  expect(reported).toBeLessThan(15_000);
  await expect(page.getByTestId('dash-questions').locator('li').first()).toBeVisible();
  scratch.remove();
});
