/**
 * The quiz pages and the quiz island, in Chromium, against the production build.
 *
 * Quizzes come from quizzes/*.yaml: the first one the server serves that has what a test needs (e.g.
 * a role-play); which one is noted as the test's "quiz" annotation. When the project has none, the
 * tests build the quiz fixture site (tests/fixtures/quiz-site, every question type) into
 * node_modules/.quiz-e2e/<pid>/ and serve it themselves. Expected scores are computed with the
 * engine (gradeAttempt) from the answers the test gives, and the export is graded by the CLI.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { quizSchema, type Question, type Quiz } from '../../src/schemas/quiz.ts';
import type { AnswerValue } from '../../src/lib/quiz/answers.ts';
import { gradeAttempt, type AttemptResult } from '../../src/lib/quiz/grade-attempt.ts';
import { bestRoleplayPath, nodesById, type Roleplay } from '../../src/lib/quiz/roleplay.ts';
import { serveDist } from '../../scripts/serve-dist.ts';
import { rightAnswers } from '../unit/quiz-helpers.ts';
import { runSop } from '../unit/cli-helpers.ts';
import { answerQuestion, seriousViolations as axe, storedRecords, watchConsole } from './helpers.ts';

const REPO = resolve('.');
const FIXTURE = join(REPO, 'tests/fixtures/quiz-site');

interface Target {
  /** Content root of the site (for the CLI's SOP_ROOT). */
  root: string;
  /** Origin to prefix paths with ('' = the config's baseURL). */
  origin: string;
  quiz: Quiz;
}

/** Quizzes of a content root, parsed with the schema. */
function quizzesIn(root: string): Quiz[] {
  const dir = join(root, 'quizzes');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
    .sort()
    .flatMap((f) => {
      const r = quizSchema.safeParse(parse(readFileSync(join(dir, f), 'utf8')));
      return r.success && r.data.id === basename(f, '.yaml') ? [r.data] : [];
    });
}

let fixtureServer: Promise<{ url: string; close(): Promise<void>; dir: string }> | undefined;

/** The fixture site, built once per worker into a temporary folder and served on a free port. */
function fixtureSite() {
  fixtureServer ??= (async () => {
    // Inside the project: Astro puts a build's server chunks (.prerender) in .astro/ of the
    // project when the output folder is outside it, and two such builds at once collide.
    const dir = join(REPO, 'node_modules/.quiz-e2e', String(process.pid));
    rmSync(dir, { recursive: true, force: true });
    const r = spawnSync(join(REPO, 'node_modules/.bin/astro'), ['build'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, SOP_ROOT: FIXTURE, SOP_OUT_DIR: join(dir, 'dist'), SOP_CACHE_DIR: join(dir, 'cache'), FORCE_COLOR: '0' },
      timeout: 180_000,
    });
    if (r.status !== 0) throw new Error(`构建测验样例站点失败：\n${r.stdout}\n${r.stderr}`);
    const server = await serveDist(0, join(dir, 'dist'));
    return { ...server, dir };
  })();
  return fixtureServer;
}

test.afterAll(async () => {
  if (!fixtureServer) return;
  const s = await fixtureServer;
  await s.close();
  rmSync(s.dir, { recursive: true, force: true });
});

/** True when the server at `origin` serves the page of quiz `id`. */
async function served(origin: string, id: string): Promise<boolean> {
  const r = await fetch(`${origin}/quizzes/${id}/`).catch(() => undefined);
  return r?.status === 200;
}

/** Number of question types a quiz uses. */
const typeCount = (q: Quiz) => new Set(q.questions.map((x) => x.type)).size;

/**
 * The first quiz (project first, fixture otherwise) that satisfies `wanted` and has a built page;
 * with `mostTypes`, the one that uses the most question types.
 */
async function pickQuiz(wanted: (q: Quiz) => boolean, options: { mostTypes?: boolean } = {}): Promise<Target> {
  const baseURL = test.info().project.use.baseURL ?? '';
  const candidates = quizzesIn(REPO).filter(wanted);
  if (options.mostTypes) candidates.sort((a, b) => typeCount(b) - typeCount(a));
  for (const quiz of candidates) {
    if (await served(baseURL, quiz.id)) {
      test.info().annotations.push({ type: 'quiz', description: quiz.id });
      return { root: REPO, origin: '', quiz };
    }
  }
  test.setTimeout(180_000);
  const quiz = quizzesIn(FIXTURE).find(wanted);
  if (!quiz) throw new Error('样例站点里没有符合条件的测验');
  test.info().annotations.push({ type: 'quiz', description: `${quiz.id}（样例站点 tests/fixtures/quiz-site）` });
  return { root: FIXTURE, origin: (await fixtureSite()).url, quiz };
}

const has = (type: Question['type']) => (q: Quiz) => q.questions.some((x) => x.type === type);

/** Choice ids of the lowest-scoring path to an ending (no node twice). */
function worstPath(q: Roleplay): string[] {
  const nodes = nodesById(q);
  let worst: { score: number; path: string[] } | undefined;
  const walk = (id: string, seen: Set<string>, score: number, path: string[]) => {
    const node = nodes.get(id);
    if (!node || seen.has(id)) return;
    for (const c of node.choices) {
      const s = score + c.score;
      if (c.ending !== undefined) {
        if (!worst || s < worst.score) worst = { score: s, path: [...path, c.id] };
      } else if (c.next !== undefined) walk(c.next, new Set([...seen, id]), s, [...path, c.id]);
    }
  };
  walk(q.start, new Set(), 0, []);
  return worst!.path;
}

const current = (page: Page) => page.locator('section.quiz-question');

/** Clicks the main button (下一题 / 查看成绩 / 交卷) and waits until focus has moved on. */
async function next(page: Page) {
  await page.locator('#quiz-next').click();
  await expect(page.locator('#quiz-q-heading:focus, #quiz-result-heading:focus, #quiz-confirm:focus')).toHaveCount(1);
}

async function currentQuestion(page: Page, quiz: Quiz): Promise<Question> {
  const id = await current(page).getAttribute('data-question-id');
  const q = quiz.questions.find((x) => x.id === id);
  if (!q) throw new Error(`页面上的题目 “${id}” 不在测验里`);
  return q;
}

async function start(page: Page, target: Target, mode: '练习模式' | '考试模式') {
  await page.goto(`${target.origin}/quizzes/${target.quiz.id}/`);
  await page.getByRole('radio', { name: mode }).check();
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(current(page)).toBeVisible();
}

/**
 * Answers the question on screen through the UI with `value` (practice mode: and submits it).
 * `afterFirstChoice` runs after the first role-play choice (used to reload mid-conversation).
 */
async function answer(
  page: Page,
  quiz: Quiz,
  value: AnswerValue,
  mode: 'practice' | 'exam',
  afterFirstChoice?: (q: Roleplay) => Promise<void>,
) {
  const q = await currentQuestion(page, quiz);
  const section = current(page);
  await answerQuestion(section, q, value, async (k) => {
    if (k === 0 && q.type === 'roleplay' && afterFirstChoice) await afterFirstChoice(q);
  });
  if (q.type === 'roleplay') return;
  if (q.type === 'ordering') await expect(section.locator('li[data-item-id]')).toHaveCount((value as string[]).length);
  if (mode === 'practice') await section.getByRole('button', { name: '提交答案' }).click();
}

/** Answers every question in display order with `answers`, then hands in. */
async function takeQuiz(
  page: Page,
  quiz: Quiz,
  answers: Record<string, AnswerValue>,
  mode: 'practice' | 'exam',
  hooks: { each?: (q: Question) => Promise<void>; afterFirstChoice?: (q: Roleplay) => Promise<void> } = {},
) {
  for (let n = 0; n < quiz.questions.length; n++) {
    const q = await currentQuestion(page, quiz);
    await answer(page, quiz, answers[q.id]!, mode, hooks.afterFirstChoice);
    await hooks.each?.(q);
    await next(page);
  }
  await expect(page.getByRole('heading', { name: '测验成绩' })).toBeFocused();
}

async function expectResult(page: Page, expected: AttemptResult) {
  await expect(page.getByTestId('quiz-score')).toHaveText(`${expected.score} / ${expected.max}`);
  await expect(page.getByTestId('quiz-percent')).toHaveText(`${expected.percent}%`);
  await expect(page.getByTestId('quiz-grade')).toHaveText(expected.grade === 'F' ? '不及格' : expected.grade);
  await expect(page.getByTestId('quiz-passed')).toContainText(expected.passed ? '通过' : '未通过');
  if (expected.passed) await expect(page.getByTestId('quiz-passed')).not.toContainText('未通过');
}

const reviewOf = (page: Page, id: string): Locator => page.locator(`.quiz-review > li[data-question-id="${id}"]`);

test('role-play to its best ending (practice): feedback after every reply, full marks, review with the ending; resumes mid-conversation after a reload', async ({
  page,
}) => {
  const consoleWatch = watchConsole(page);
  const target = await pickQuiz(has('roleplay'));
  const { quiz } = target;
  const rp = quiz.questions.find((q): q is Roleplay => q.type === 'roleplay')!;
  const answers = rightAnswers(quiz);
  await start(page, target, '练习模式');

  let reloaded = false;
  await takeQuiz(page, quiz, answers, 'practice', {
    afterFirstChoice: async (q) => {
      const first = nodesById(q)
        .get(q.start)!
        .choices.find((c) => c.id === (answers[q.id] as string[])[0])!;
      if (reloaded || !first.next) return;
      reloaded = true;
      // Coach's note after the reply, then reload in the middle of the conversation.
      await expect(current(page).locator('.quiz-coach').first()).toContainText(first.feedback);
      await expect(page.getByTestId('quiz-live')).toContainText(first.feedback);
      await page.reload();
      await expect(page.getByTestId('quiz-resumed')).toBeVisible();
      await expect(current(page)).toHaveAttribute('data-question-id', q.id);
      await expect(current(page).locator('.quiz-bubble.agent')).toHaveCount(1);
      await expect(current(page).locator('.quiz-bubble.agent').first()).toContainText(first.text);
      await expect(current(page).locator('.quiz-bubble.customer.current')).toContainText(nodesById(q).get(first.next)!.customer);
    },
    each: async (q) => {
      // Practice: feedback at once, right.
      await expect(current(page).getByTestId('quiz-feedback')).toHaveAttribute('data-verdict', 'correct');
      if (q.type === 'roleplay') {
        const path = bestRoleplayPath(q)!;
        const ending = q.endings.find((e) => e.id === path.ending)!;
        await expect(current(page).locator('.quiz-ending')).toContainText(ending.title);
        await expect(current(page).locator('.quiz-coach')).toHaveCount(path.steps.length);
      }
    },
  });
  expect(reloaded).toBe(true);

  const expected = gradeAttempt(quiz, { answers });
  expect(expected.percent).toBe(100);
  await expectResult(page, expected);
  const review = reviewOf(page, rp.id);
  await expect(review.getByTestId('quiz-feedback')).toHaveAttribute('data-verdict', 'correct');
  await expect(review).toContainText(rp.endings.find((e) => e.id === bestRoleplayPath(rp)!.ending)!.title);
  await expect(review).toContainText(rp.explanation);
  await expect(review.locator('a[href^="/workflows/"]')).toHaveAttribute('href', `/workflows/${rp.ref.workflow}/#step-${rp.ref.step}`);
  await expect(page.locator('.quiz-review > li')).toHaveCount(quiz.questions.length);
  expect(consoleWatch.errors).toEqual([]);
});

test('role-play to a poor ending (exam): the score, grade and review match the engine', async ({ page }) => {
  const target = await pickQuiz(has('roleplay'));
  const { quiz } = target;
  const rp = quiz.questions.find((q): q is Roleplay => q.type === 'roleplay')!;
  const answers = { ...rightAnswers(quiz), [rp.id]: worstPath(rp) };
  await start(page, target, '考试模式');
  await takeQuiz(page, quiz, answers, 'exam');

  const expected = gradeAttempt(quiz, { answers });
  const rpResult = expected.questions.find((r) => r.id === rp.id)!;
  expect(rpResult.correct).toBe(false);
  expect(expected.percent).toBeLessThan(100);
  await expectResult(page, expected);

  const review = reviewOf(page, rp.id);
  const walkEnding = rpResult.type === 'roleplay' ? rpResult.ending : null;
  await expect(review.getByTestId('quiz-feedback')).toHaveAttribute('data-verdict', rpResult.score > 0 ? 'partial' : 'wrong');
  await expect(review).toContainText(`得分 ${rpResult.score} / ${rpResult.max}`);
  await expect(review).toContainText(walkEnding!.title);
  await expect(review).toContainText('最佳回复路线');
  for (const step of bestRoleplayPath(rp)!.steps) {
    const text = nodesById(rp)
      .get(step.node)!
      .choices.find((c) => c.id === step.choice)!.text;
    await expect(review.locator('.quiz-path.best')).toContainText(text);
  }
});

test('reload mid-quiz: the attempt resumes at the same question with its answers', async ({ page }) => {
  const target = await pickQuiz((q) => q.questions.length >= 3);
  const { quiz } = target;
  const answers = rightAnswers(quiz);
  await start(page, target, '练习模式');
  const seen: string[] = [];
  for (let i = 0; i < 2; i++) {
    seen.push((await currentQuestion(page, quiz)).id);
    await answer(page, quiz, answers[seen[i]!]!, 'practice');
    await next(page);
  }
  const third = await current(page).getAttribute('data-question-id');
  await page.reload();
  await expect(page.getByTestId('quiz-resumed')).toBeVisible();
  await expect(current(page)).toHaveAttribute('data-question-id', third!);
  await expect(page.locator('.quiz-progress')).toContainText(`已答 2 / ${quiz.questions.length}`);
  // The stored attempt has both answers.
  const stored = await storedRecords(page, 'attempts');
  expect(stored).toHaveLength(1);
  expect(Object.keys((stored[0] as { answers: object }).answers).sort()).toEqual([...seen].sort());
});

test('exam mode shows no feedback until the end', async ({ page }) => {
  const target = await pickQuiz((q) => q.questions.length >= 2);
  const { quiz } = target;
  await start(page, target, '考试模式');
  const answers = rightAnswers(quiz);
  for (let n = 0; n < quiz.questions.length; n++) {
    const q = await currentQuestion(page, quiz);
    await answer(page, quiz, answers[q.id]!, 'exam');
    await expect(current(page).getByTestId('quiz-feedback')).toHaveCount(0);
    await expect(current(page).locator('.quiz-coach, .quiz-tag, .is-right, .is-wrong')).toHaveCount(0);
    await expect(page.getByTestId('quiz-live')).not.toContainText('回答');
    await expect(page.getByTestId('quiz-live')).not.toContainText('点评（');
    await next(page);
  }
  await expect(page.getByRole('heading', { name: '测验成绩' })).toBeFocused();
  await expect(page.getByTestId('quiz-feedback')).toHaveCount(quiz.questions.length);
});

/** Presses Tab until `locator` has focus (keyboard only), failing after `max` presses. */
async function tabTo(page: Page, locator: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(locator).toBeFocused();
}

test('keyboard only: start, reach and answer a single-choice question, focus moves to the next heading', async ({ page }) => {
  const target = await pickQuiz(has('single'));
  const { quiz } = target;
  await page.goto(`${target.origin}/quizzes/${quiz.id}/`);
  await tabTo(page, page.getByRole('button', { name: '开始答题' }));
  await page.keyboard.press('Enter');
  const heading = page.locator('#quiz-q-heading');
  await expect(heading).toBeFocused();

  // Skip (by keyboard) to the first single-choice question.
  let q = await currentQuestion(page, quiz);
  while (q.type !== 'single') {
    await tabTo(page, current(page).getByRole('button', { name: '跳过此题' }));
    await page.keyboard.press('Enter');
    await expect(heading).toBeFocused();
    q = await currentQuestion(page, quiz);
  }
  const position = Number((await heading.textContent())!.match(/第 (\d+) 题/)![1]);
  const radios = current(page).getByRole('radio');
  const shown = await current(page)
    .locator('label[data-option-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-option-id')));
  const right = shown.indexOf(q.type === 'single' ? q.answer : '');
  await page.keyboard.press('Tab');
  await expect(radios.first()).toBeFocused();
  await page.keyboard.press('Space');
  for (let i = 0; i < right; i++) await page.keyboard.press('ArrowDown');
  await expect(radios.nth(right)).toBeChecked();
  await tabTo(page, current(page).getByRole('button', { name: '提交答案' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quiz-live')).toContainText('回答正确');
  await expect(current(page).getByTestId('quiz-feedback')).toHaveAttribute('data-verdict', 'correct');
  await expect(page.locator('#quiz-next')).toBeFocused();
  await page.keyboard.press('Enter');
  if (position < quiz.questions.length) {
    await expect(heading).toBeFocused();
    await expect(heading).toContainText(`第 ${position + 1} 题`);
  } else {
    await expect(page.locator('#quiz-confirm')).toBeFocused();
  }
});

test('export downloads the attempt file, and `sop grade-quiz --json` grades it to the same score', async ({ page }) => {
  const target = await pickQuiz((q) => q.questions.length >= 2);
  const { quiz } = target;
  await start(page, target, '考试模式');
  // Answer the first question right and hand in the rest unanswered.
  const first = await currentQuestion(page, quiz);
  await answer(page, quiz, rightAnswers(quiz)[first.id]!, 'exam');
  for (let n = 1; n < quiz.questions.length; n++) await next(page);
  await next(page);
  await expect(page.getByTestId('quiz-result').or(page.locator('#quiz-confirm'))).toBeVisible();
  if (await page.locator('#quiz-confirm').isVisible()) await page.getByRole('button', { name: '仍然交卷' }).click();
  await expect(page.getByTestId('quiz-result')).toBeVisible();
  const shownScore = await page.getByTestId('quiz-score').textContent();
  const shownPercent = await page.getByTestId('quiz-percent').textContent();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出答题记录/ }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^sop-quiz-${quiz.id}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  const dir = mkdtempSync(join(tmpdir(), 'quiz-export-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(json)).toEqual([
      'format',
      'formatVersion',
      'quiz',
      'quizVersion',
      'quizHash',
      'seed',
      'mode',
      'startedAt',
      'finishedAt',
      'answers',
      'result',
    ]);
    expect(json).toMatchObject({ format: 'sop-quiz-attempt', formatVersion: 1, quiz: quiz.id, quizVersion: quiz.version, mode: 'exam' });

    const r = runSop(target.root, ['grade-quiz', '--json', '--quiz', quiz.id, '--answers', file], 30_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const graded = JSON.parse(r.stdout) as AttemptResult;
    expect(`${graded.score} / ${graded.max}`).toBe(shownScore);
    expect(`${graded.percent}%`).toBe(shownPercent);
    expect(graded).toEqual(gradeAttempt(quiz, { answers: json.answers }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('HTML typed into a numeric box is shown as text, never as markup', async ({ page }) => {
  const target = await pickQuiz(has('numeric'));
  const { quiz } = target;
  const typed = '<img src=x onerror="window.__quizXss=1"><b>十五</b>';
  await start(page, target, '练习模式');
  while ((await currentQuestion(page, quiz)).type !== 'numeric') {
    await current(page).getByRole('button', { name: '跳过此题' }).click();
    await expect(page.locator('#quiz-q-heading:focus')).toHaveCount(1);
  }
  await answer(page, quiz, typed, 'practice');
  const mine = current(page).getByTestId('quiz-your-answer');
  await expect(mine).toHaveText(typed);
  await expect(page.locator('.quiz-app img, .quiz-app b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __quizXss?: number }).__quizXss)).toBeUndefined();
  await expect(current(page).getByTestId('quiz-feedback')).toHaveAttribute('data-verdict', 'wrong');
});

test('axe: no serious or critical violations on the quiz pages (intro, each question type, feedback, review; light and dark)', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const target = await pickQuiz(has('roleplay'), { mostTypes: true });
  const { quiz } = target;
  const answers = rightAnswers(quiz);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${target.origin}/quizzes/`);
    expect(await axe(page), `/quizzes/ ${scheme}`).toEqual([]);
    await page.goto(`${target.origin}/quizzes/${quiz.id}/`);
    await expect(page.getByRole('button', { name: '开始答题' })).toBeVisible();
    expect(await axe(page), `intro ${scheme}`).toEqual([]);
    await page.getByRole('button', { name: '开始答题' }).click();
    // The first question of each type, before and after its practice feedback; then the review.
    const checked = new Set<string>();
    for (let n = 0; n < quiz.questions.length; n++) {
      const q = await currentQuestion(page, quiz);
      const first = !checked.has(q.type);
      checked.add(q.type);
      if (first) expect(await axe(page), `${q.id} ${scheme}`).toEqual([]);
      await answer(page, quiz, answers[q.id]!, 'practice');
      if (first) expect(await axe(page), `${q.id} feedback ${scheme}`).toEqual([]);
      await next(page);
    }
    await expect(page.getByTestId('quiz-result')).toBeVisible();
    expect(await axe(page), `review ${scheme}`).toEqual([]);
  }
});

test('phone width 360px: the quiz fits without horizontal scroll', async ({ page }) => {
  const target = await pickQuiz(has('roleplay'));
  const { quiz } = target;
  await page.setViewportSize({ width: 360, height: 740 });
  await start(page, target, '练习模式');
  const answers = rightAnswers(quiz);
  for (let n = 0; n < quiz.questions.length; n++) {
    const q = await currentQuestion(page, quiz);
    await answer(page, quiz, answers[q.id]!, 'practice');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, q.id).toBe(0);
    await next(page);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});

test('without IndexedDB the quiz says its answers will not be kept, and still works', async ({ page }) => {
  const target = await pickQuiz((q) => q.questions.length >= 1);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await start(page, target, '练习模式');
  await expect(page.getByRole('alert')).toContainText('不能在本设备上保存答题记录');
  const q = await currentQuestion(page, target.quiz);
  await answer(page, target.quiz, rightAnswers(target.quiz)[q.id]!, 'practice');
  await expect(current(page).getByTestId('quiz-feedback')).toHaveAttribute('data-verdict', 'correct');
});

test('the intro is in the served page with start disabled; ?mode=exam preselects exam once it runs', async ({ page, request }) => {
  const target = await pickQuiz((q) => q.questions.length >= 1);
  const html = await (await request.get(`/quizzes/${target.quiz.id}/`)).text();
  expect(html).toMatch(/<button type="submit" class="quiz-button primary"[^>]* disabled/);
  await page.goto(`/quizzes/${target.quiz.id}/?mode=exam`);
  await expect(page.getByRole('radio', { name: /考试模式/ })).toBeChecked();
  await expect(page.getByRole('button', { name: '开始答题' })).toBeEnabled();
  await expect(page.locator('.quiz-loading')).toBeHidden();
});

test('the quiz list groups quizzes by track; workflow and track pages link their quizzes', async ({ page }) => {
  const target = await pickQuiz(() => true);
  const { quiz } = target;
  await page.goto(`${target.origin}/quizzes/`);
  const card = page.locator('.quiz-card', { has: page.getByRole('link', { name: quiz.title, exact: true }) });
  await expect(card).toContainText(`${quiz.questions.length} 道题`);
  await expect(card).toContainText(`${quiz.passMark}%`);
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '测验' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await page.goto(`${target.origin}/workflows/${quiz.workflow}/`);
  const related = page.locator('section', { has: page.getByRole('heading', { name: '相关测验' }) });
  await expect(related.getByRole('link', { name: quiz.title, exact: true })).toHaveAttribute('href', `/quizzes/${quiz.id}/`);

  const trackHref = await page.locator('.breadcrumbs a[href^="/tracks/"]').getAttribute('href');
  await page.goto(`${target.origin}${trackHref}`);
  const list = page.locator('section', { has: page.getByRole('heading', { name: '测验', exact: true }) });
  await expect(list.getByRole('link', { name: quiz.title, exact: true })).toBeVisible();
});

// No work lost (issue 12, item 5): attacks that passed silently before.

/** The first question on screen answered (exam mode saves every change) with a right answer. */
async function answerFirst(page: Page, quiz: Quiz): Promise<Question> {
  const q = await currentQuestion(page, quiz);
  await answer(page, quiz, rightAnswers(quiz)[q.id]!, 'exam');
  return q;
}

test('two tabs on one quiz: the second is read-only and says so until it takes over; the first then turns read-only; a hand-in is never reopened', async ({
  context,
}) => {
  const target = await pickQuiz((q) => q.questions.some((x) => x.type === 'single' || x.type === 'truefalse'));
  const { quiz } = target;
  const one = await context.newPage();
  const two = await context.newPage();
  await start(one, target, '考试模式');
  const first = await answerFirst(one, quiz);
  await expect
    .poll(async () => Object.keys(((await storedRecords(one, 'attempts'))[0] as { answers: object }).answers))
    .toEqual([first.id]);

  await two.goto(`${target.origin}/quizzes/${quiz.id}/`);
  await expect(two.getByTestId('quiz-readonly')).toContainText('正在另一个标签页中作答');
  await expect(two.locator('.quiz-progress')).toContainText(`已答 1 / ${quiz.questions.length}`);
  await expect(current(two).locator('fieldset :is(input, textarea, button)').first()).toBeDisabled();

  await two.getByTestId('quiz-take-over').click();
  await expect(two.getByTestId('quiz-readonly')).toHaveCount(0);
  await expect(current(two).locator('fieldset :is(input, textarea, button)').first()).toBeEnabled();
  await expect(one.getByTestId('quiz-readonly')).toContainText('已在另一个标签页中接着作答');
  // Nothing in the first tab takes an answer any more (whatever view it shows while it re-reads).
  await expect(current(one).locator('fieldset :is(input, textarea, button):enabled')).toHaveCount(0);

  // The second tab hands in; the first tab takes over again and sees the result: not reopened.
  await two.locator('#quiz-next').click();
  for (let i = 0; i < quiz.questions.length && (await two.locator('#quiz-confirm').count()) === 0; i++) {
    if ((await two.getByRole('heading', { name: '测验成绩' }).count()) > 0) break;
    await two.locator('#quiz-next').click();
  }
  if ((await two.locator('#quiz-confirm').count()) > 0) await two.getByRole('button', { name: '仍然交卷' }).click();
  await expect(two.getByRole('heading', { name: '测验成绩' })).toBeVisible();
  const handedIn = await storedRecords(two, 'attempts');
  expect((handedIn[0] as { finishedAt?: string }).finishedAt).toBeTruthy();
  await one.getByTestId('quiz-take-over').click();
  await expect(one.locator('.quiz-app')).not.toHaveAttribute('data-phase', 'running');
  expect(await storedRecords(one, 'attempts')).toEqual(handedIn);
});

test('the answer given just before a reload is back after it, though the IndexedDB write never committed', async ({ page }) => {
  const target = await pickQuiz((q) => q.questions.some((x) => x.type === 'single' || x.type === 'truefalse'));
  const { quiz } = target;
  await start(page, target, '考试模式');
  await expect.poll(async () => (await storedRecords(page, 'attempts')).length).toBe(1);
  // A choice question (a role-play waits for each save before the next choice).
  for (let i = 0; i < quiz.questions.length; i++) {
    const type = await current(page).getAttribute('data-question-type');
    if (type === 'single' || type === 'truefalse') break;
    await next(page);
  }
  // From now on no IndexedDB write finishes before the page goes away (its transaction never completes).
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function (this: IDBObjectStore) {
      const spin = () => {
        this.get('\u0000never').onsuccess = spin;
      };
      spin();
      return {} as IDBRequest<IDBValidKey>;
    };
  });
  const q = await answerFirst(page, quiz);
  await page.reload();
  await expect(page.getByTestId('quiz-notice')).toContainText('已恢复刷新前最后的作答');
  await expect(page.locator('.quiz-progress')).toContainText(`已答 1 / ${quiz.questions.length}`);
  await expect
    .poll(async () => ((await storedRecords(page, 'attempts'))[0] as { answers: Record<string, unknown> }).answers)
    .toEqual({
      [q.id]: rightAnswers(quiz)[q.id],
    });
});
