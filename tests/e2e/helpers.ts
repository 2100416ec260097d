/**
 * Shared e2e helpers: the list of built pages, a console-error collector, the axe check, the
 * records the page keeps in the device store, and answering a quiz question through the island's UI.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import type { AnswerValue } from '../../src/lib/quiz/answers.ts';
import type { Question, Quiz } from '../../src/schemas/quiz.ts';
import { rightAnswers } from '../unit/quiz-helpers.ts';

/** Workflow ids that exist in the build (dist/workflows/<id>/). */
export function builtWorkflows(): string[] {
  return readdirSync('dist/workflows', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Collects console errors and page errors; call `.errors` at the end. */
/** Waits until an island has hydrated (Astro removes its `ssr` marker): before that, input goes nowhere. */
export async function islandHydrated(page: Page, component: string): Promise<void> {
  await expect(page.locator(`astro-island[component-url*="${component}"]`)).not.toHaveAttribute('ssr', /.*/);
}

export function watchConsole(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return { errors };
}

/** Serious and critical accessibility violations on the page, one line each (rule, help, first three nodes). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

/** Every record of a device-store object store ("attempts", "chatReports", …), read in the page from IndexedDB. */
export async function storedRecords<T = unknown>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((ok, fail) => {
        const open = indexedDB.open('sop-xuetang');
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => ok(req.result as T[]);
          req.onerror = () => fail(req.error);
        };
        open.onerror = () => fail(open.error);
      }),
    store,
  );
}

/**
 * Gives `value` as the answer to question `q` in its section on screen, as a trainee would (does
 * not submit). Role-plays: each choice is clicked and its reply awaited, then `afterChoice(k)` runs.
 */
export async function answerQuestion(
  section: Locator,
  q: Question,
  value: AnswerValue,
  afterChoice?: (k: number) => Promise<void>,
): Promise<void> {
  switch (q.type) {
    case 'single':
      await section.getByRole('radio', { name: q.options.find((o) => o.id === value)!.text, exact: true }).check();
      break;
    case 'truefalse':
      await section.getByRole('radio', { name: value ? '对' : '错', exact: true }).check();
      break;
    case 'multiple':
      for (const id of value as string[])
        await section.getByRole('checkbox', { name: q.options.find((o) => o.id === id)!.text, exact: true }).check();
      break;
    case 'numeric':
      await section.getByRole('textbox', { name: '你的答案' }).fill(String(value));
      break;
    case 'ordering': {
      const target = value as string[];
      for (let i = 0; i < target.length; i++) {
        const shown = await section.locator('li[data-item-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')));
        const text = q.items.find((it) => it.id === target[i])!.text;
        for (let j = shown.indexOf(target[i]!); j > i; j--) await section.getByRole('button', { name: `上移：${text}` }).click();
      }
      break;
    }
    case 'roleplay':
      for (const [k, choice] of (value as string[]).entries()) {
        await section.locator(`.quiz-replies button[data-choice-id="${choice}"]`).click();
        await expect(section.locator('.quiz-bubble.agent')).toHaveCount(k + 1);
        await afterChoice?.(k);
      }
      break;
  }
}

/** Closes WeChat's "open in the browser" notice when the page shows one (the trainee stays). */
export async function stayInWeChat(page: Page): Promise<void> {
  const notice = page.locator('[data-wechat-notice]');
  if (await notice.isVisible().catch(() => false)) await notice.locator('[data-wechat-stay]').click();
}

/**
 * Answers the quiz on screen in exam mode with the right answers through the UI, then hands in.
 * Closes the WeChat notice first when the page shows one (the trainee stays in WeChat).
 */
export async function takeQuiz(page: Page, quiz: Quiz): Promise<void> {
  await stayInWeChat(page);
  await page.getByRole('radio', { name: '考试模式' }).check();
  await page.getByRole('button', { name: '开始答题' }).click();
  const answers = rightAnswers(quiz);
  for (let n = 0; n < quiz.questions.length; n++) {
    const section = page.locator('section.quiz-question');
    const id = await section.getAttribute('data-question-id');
    const q = quiz.questions.find((x) => x.id === id)!;
    await answerQuestion(section, q, answers[q.id]!);
    await page.locator('#quiz-next').click();
    if (n < quiz.questions.length - 1) await expect(section).not.toHaveAttribute('data-question-id', q.id);
  }
  await expect(page.getByRole('heading', { name: '测验成绩' })).toBeVisible();
}
