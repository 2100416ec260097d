/**
 * The dashboard's numbers, from re-graded files (regrade.ts): one row per trainee and assignment,
 * and failure rates per question and per standard over the rows shown.
 *
 * - An item's result is the trainee's best counted attempt (highest re-graded score).
 * - Row score = mean of the item results over every assigned item, a missing one counting 0;
 *   grade = gradeFor(score). Passed = every item done with a result ≥ the pass mark.
 * - Late = an item finished after the due date, or an item still missing after it.
 * - Failure rates use the same best attempts, so every trainee weighs once per item:
 *   a question fails when it is not fully right; a standard fails in a quiz question that tests it
 *   and is not fully right (role-plays: a standard broken on the path fails, one honoured passes),
 *   and in a chat when any of its findings failed.
 */
import { gradeFor, type Grade } from '../grade-bands.ts';
import { deadline, itemKey, type Assignment, type AssignmentItem } from './assignment.ts';
import type { GradingContext } from './grading.ts';
import { TRUST_FLAGS, type Flag, type RegradedFile, type RegradedItem } from './regrade.ts';

export interface RowItem {
  item: AssignmentItem;
  title: string;
  /** Best counted attempt. */
  best?: RegradedItem;
  /** Counted attempts. */
  attempts: number;
  /** Finished practice attempts that did not count (exam mode required). */
  practice: number;
}

export interface TraineeRow {
  key: string;
  name: string;
  group: string;
  assignment: Assignment;
  files: string[];
  assigned: number;
  done: number;
  /** Mean over assigned items (missing = 0), 1 decimal. */
  score: number;
  grade: Grade;
  passed: boolean;
  late: boolean;
  items: RowItem[];
  /** Flags of the row's files and items (duplicates and unfinished left out). */
  flags: Flag[];
  /** At least one flag that needs a look (TRUST_FLAGS). */
  flagged: boolean;
}

export type StatusFilter = 'all' | 'passed' | 'failed' | 'late' | 'flagged' | 'incomplete';

export interface Filters {
  group?: string;
  assignment?: string;
  /** Part of the name. */
  trainee?: string;
  status?: StatusFilter;
  /** itemKey: "quiz:<id>" / "chat:<id>" — failure rates of that item only. */
  item?: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function itemTitle(ctx: Pick<GradingContext, 'quizzes' | 'scenarios'>, item: Pick<AssignmentItem, 'kind' | 'id'>): string {
  return (item.kind === 'quiz' ? ctx.quizzes.get(item.id)?.title : ctx.scenarios.get(item.id)?.title) ?? item.id;
}

/** One row per (assignment, trainee name), in assignment then name order. */
export function traineeRows(
  files: readonly RegradedFile[],
  ctx: Pick<GradingContext, 'quizzes' | 'scenarios'>,
  now: Date = new Date(),
): TraineeRow[] {
  const groups = new Map<string, RegradedFile[]>();
  for (const f of files) {
    const key = `${f.assignment.id}|${f.trainee.name}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const rows: TraineeRow[] = [];
  for (const [key, fs] of groups) {
    const a = fs[0]!.assignment;
    const all = fs.flatMap((f) => f.items);
    const items: RowItem[] = a.items.map((it) => {
      const counted = all.filter((x) => x.counted && x.kind === it.kind && x.itemId === it.id);
      const best = counted.reduce<RegradedItem | undefined>((b, x) => (!b || (x.score ?? 0) > (b.score ?? 0) ? x : b), undefined);
      const practice = all.filter(
        (x) => x.kind === it.kind && x.itemId === it.id && x.finishedAt && x.flags.some((f) => f.code === 'practice'),
      ).length;
      return { item: it, title: itemTitle(ctx, it), ...(best ? { best } : {}), attempts: counted.length, practice };
    });
    const done = items.filter((i) => i.best).length;
    const score = items.length ? round1(items.reduce((s, i) => s + (i.best?.score ?? 0), 0) / items.length) : 0;
    const passed = items.length > 0 && items.every((i) => i.best && (i.best.score ?? 0) >= a.passMark);
    const late = items.some((i) => i.best?.late) || (done < items.length && now.getTime() > deadline(a));
    const flags = [...fs.flatMap((f) => f.flags), ...all.flatMap((x) => x.flags)].filter(
      (x) => x.code !== 'duplicate' && x.code !== 'unfinished',
    );
    rows.push({
      key,
      name: fs[0]!.trainee.name,
      group: a.group,
      assignment: a,
      files: fs.map((f) => f.fileName),
      assigned: items.length,
      done,
      score,
      grade: gradeFor(score),
      passed,
      late,
      items,
      flags,
      flagged: flags.some((x) => TRUST_FLAGS.has(x.code)),
    });
  }
  return rows.sort(
    (x, y) =>
      x.group.localeCompare(y.group, 'zh-CN') || x.assignment.id.localeCompare(y.assignment.id) || x.name.localeCompare(y.name, 'zh-CN'),
  );
}

export function filterRows(rows: readonly TraineeRow[], f: Filters): TraineeRow[] {
  const needle = f.trainee?.trim();
  return rows.filter((r) => {
    if (f.group && r.group !== f.group) return false;
    if (f.assignment && r.assignment.id !== f.assignment) return false;
    if (needle && !r.name.includes(needle)) return false;
    if (f.item && !r.assignment.items.some((i) => itemKey(i) === f.item)) return false;
    switch (f.status ?? 'all') {
      case 'passed':
        return r.passed;
      case 'failed':
        return !r.passed && r.done === r.assigned;
      case 'late':
        return r.late;
      case 'flagged':
        return r.flagged;
      case 'incomplete':
        return r.done < r.assigned;
      default:
        return true;
    }
  });
}

export interface QuestionRate {
  quiz: string;
  quizTitle: string;
  question: string;
  prompt: string;
  attempts: number;
  failed: number;
  /** failed / attempts, 0..1. */
  rate: number;
}

export interface StandardRate {
  standard: string;
  name: string;
  observations: number;
  failed: number;
  rate: number;
  /** Observations from quiz questions and from chats. */
  fromQuiz: number;
  fromChat: number;
}

function bestItems(rows: readonly TraineeRow[], item?: string): RegradedItem[] {
  return rows.flatMap((r) => r.items.filter((i) => i.best && (!item || itemKey(i.item) === item)).map((i) => i.best!));
}

/** Failure rate of every question answered in the rows' best attempts, highest first. */
export function questionRates(rows: readonly TraineeRow[], ctx: Pick<GradingContext, 'quizzes'>, item?: string): QuestionRate[] {
  const stats = new Map<string, QuestionRate>();
  for (const best of bestItems(rows, item)) {
    if (best.kind !== 'quiz' || !best.questions) continue;
    const quiz = ctx.quizzes.get(best.itemId);
    for (const q of best.questions) {
      const key = `${best.itemId}/${q.id}`;
      let s = stats.get(key);
      if (!s) {
        const prompt = quiz?.questions.find((x) => x.id === q.id)?.prompt ?? q.id;
        s = { quiz: best.itemId, quizTitle: quiz?.title ?? best.itemId, question: q.id, prompt, attempts: 0, failed: 0, rate: 0 };
        stats.set(key, s);
      }
      s.attempts++;
      if (!q.correct) s.failed++;
    }
  }
  return [...stats.values()]
    .map((s) => ({ ...s, rate: s.attempts ? s.failed / s.attempts : 0 }))
    .sort((a, b) => b.rate - a.rate || b.failed - a.failed || a.quiz.localeCompare(b.quiz) || a.question.localeCompare(b.question));
}

/** Failure rate of every standard observed in the rows' best attempts (quiz questions and chats), highest first. */
export function standardRates(rows: readonly TraineeRow[], ctx: Pick<GradingContext, 'standardNames'>, item?: string): StandardRate[] {
  const stats = new Map<string, StandardRate>();
  const add = (id: string, failed: boolean, from: 'quiz' | 'chat') => {
    let s = stats.get(id);
    if (!s) {
      s = { standard: id, name: ctx.standardNames.get(id) ?? id, observations: 0, failed: 0, rate: 0, fromQuiz: 0, fromChat: 0 };
      stats.set(id, s);
    }
    s.observations++;
    if (failed) s.failed++;
    if (from === 'quiz') s.fromQuiz++;
    else s.fromChat++;
  };
  for (const best of bestItems(rows, item)) {
    if (best.kind === 'quiz') {
      for (const q of best.questions ?? []) {
        // Broken on the path: failed; honoured: passed; otherwise the question's result decides.
        for (const id of new Set([...q.standards, ...q.honoured, ...q.broken])) {
          add(id, q.broken.includes(id) || (!q.honoured.includes(id) && !q.correct), 'quiz');
        }
      }
    } else {
      for (const s of best.standards ?? []) add(s.id, !s.passed, 'chat');
    }
  }
  return [...stats.values()]
    .map((s) => ({ ...s, rate: s.observations ? s.failed / s.observations : 0 }))
    .sort((a, b) => b.rate - a.rate || b.failed - a.failed || a.standard.localeCompare(b.standard));
}
