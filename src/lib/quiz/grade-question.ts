/**
 * Grades one question. `score` and `max` are in points; every type but role-play is worth its
 * `points` (default 1):
 *
 * - single, truefalse: all the points when the answer is right, else 0;
 * - multiple: points × (right picked − wrong picked) / right total, floored at 0 (credit.ts);
 * - ordering: points × (L − 1) / (n − 1), L = longest subsequence in the right order (credit.ts);
 * - numeric: all the points when the typed text is an accepted spelling or the right number, with
 *   or without the unit, in Arabic, full-width or Chinese numerals (numeric.ts);
 * - roleplay: `points` is ignored. total = sum of the choice scores along the learner's path;
 *   max = the best path's total, computed from the graph (roleplay.ts). score = total, kept
 *   between 0 and max (a path with negative scores does not take points from other questions,
 *   and a path that loops cannot earn more than the best path). Correct = an ending reached with
 *   the best total.
 *
 * An unanswered question (absent, null or of the wrong shape) scores 0 and is not correct.
 * `score` and `max` are rounded to 2 decimals in the result; gradeAttempt sums the unrounded values.
 */
import type { Question } from '../../schemas/quiz.ts';
import type { AnswerValue } from './answers.ts';
import { multipleCredit, orderingCredit } from './credit.ts';
import { numericMatches } from './numeric.ts';
import { bestRoleplayPath, walkRoleplay, type PathStep } from './roleplay.ts';

interface ResultBase {
  /** Question id. */
  id: string;
  /** Question type. */
  type: Question['type'];
  /** Points earned (2 decimals). */
  score: number;
  /** Points available. */
  max: number;
  /** Fully right. */
  correct: boolean;
  /** The attempt holds an answer of the right shape. */
  answered: boolean;
}

export type QuestionResult = ResultBase &
  (
    | { type: 'single'; chosen: string | null; answer: string }
    | { type: 'multiple'; picked: string[]; answers: string[]; rightPicked: number; wrongPicked: number; rightTotal: number }
    | { type: 'ordering'; order: string[]; answer: string[]; longest: number; items: number }
    | { type: 'numeric'; typed: string | null; value: number | null; answer: number; unit: string | null }
    | { type: 'truefalse'; chosen: boolean | null; answer: boolean }
    | {
        type: 'roleplay';
        /** Sum of the choice scores along the path (before clamping to 0 … max). */
        total: number;
        /** The choices taken. */
        path: PathStep[];
        /** The ending reached, or null when the path stops before one. */
        ending: { id: string; title: string; outcome: 'good' | 'neutral' | 'bad' } | null;
        /** Standards honoured / broken along the path. */
        honoured: string[];
        broken: string[];
        /** Choice ids of one best path (for the review). */
        bestPath: string[];
      }
  );

const round2 = (n: number) => Math.round(n * 100) / 100;
const strings = (v: AnswerValue | undefined): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

/** Grades `question` for `value` (undefined when the attempt has no answer for it). */
export function gradeQuestion(question: Question, value: AnswerValue | undefined): QuestionResult {
  return gradeQuestionExact(question, value).result;
}

/** The result and the unrounded score (gradeAttempt sums these so totals do not drift). */
export function gradeQuestionExact(
  question: Question,
  value: AnswerValue | undefined,
): { result: QuestionResult; exact: number; exactMax: number } {
  let exact = 0;
  let exactMax = 0;
  // Builds the fields every result has, and keeps the unrounded score and max for the caller.
  const base = (score: number, max: number, correct: boolean, answered: boolean): ResultBase => {
    exact = score;
    exactMax = max;
    return { id: question.id, type: question.type, score: round2(score), max: round2(max), correct, answered };
  };
  const result = gradeByType(question, value, base);
  return { result, exact, exactMax };
}

type Base = (score: number, max: number, correct: boolean, answered: boolean) => ResultBase;

function gradeByType(question: Question, value: AnswerValue | undefined, base: Base): QuestionResult {
  const points = question.points;

  switch (question.type) {
    case 'single': {
      const chosen = typeof value === 'string' ? value : null;
      const correct = chosen === question.answer;
      return { ...base(correct ? points : 0, points, correct, chosen !== null), type: 'single', chosen, answer: question.answer };
    }
    case 'truefalse': {
      const chosen = typeof value === 'boolean' ? value : null;
      const correct = chosen === question.answer;
      return { ...base(correct ? points : 0, points, correct, chosen !== null), type: 'truefalse', chosen, answer: question.answer };
    }
    case 'multiple': {
      const picked = strings(value);
      const c = multipleCredit(
        question.answers,
        picked ?? [],
        question.options.map((o) => o.id),
      );
      const correct = c.fraction === 1 && c.wrongPicked === 0;
      return {
        ...base(points * c.fraction, points, correct, picked !== undefined),
        type: 'multiple',
        picked: picked ?? [],
        answers: question.answers,
        rightPicked: c.rightPicked,
        wrongPicked: c.wrongPicked,
        rightTotal: c.rightTotal,
      };
    }
    case 'ordering': {
      const order = strings(value);
      const right = question.items.map((i) => i.id);
      const c = orderingCredit(right, order ?? []);
      return {
        ...base(points * c.fraction, points, c.fraction === 1, order !== undefined),
        type: 'ordering',
        order: order ?? [],
        answer: right,
        longest: c.longest,
        items: c.items,
      };
    }
    case 'numeric': {
      const typed = typeof value === 'string' || typeof value === 'number' ? value : null;
      const m = typed === null ? { correct: false, value: undefined } : numericMatches(question, typed);
      return {
        ...base(m.correct ? points : 0, points, m.correct, typed !== null),
        type: 'numeric',
        typed: typed === null ? null : String(typed),
        value: m.value ?? null,
        answer: question.answer,
        unit: question.unit ?? null,
      };
    }
    case 'roleplay': {
      const choices = strings(value);
      const best = bestRoleplayPath(question);
      const max = Math.max(0, best?.score ?? 0);
      const walk = walkRoleplay(question, choices ?? []);
      const score = Math.min(max, Math.max(0, walk.total));
      const ending = walk.ending ? { id: walk.ending.id, title: walk.ending.title, outcome: walk.ending.outcome } : null;
      const correct = walk.finished && !walk.error && max > 0 && walk.total >= max;
      return {
        ...base(score, max, correct, choices !== undefined && choices.length > 0),
        type: 'roleplay',
        total: walk.total,
        path: walk.steps,
        ending,
        honoured: walk.honoured,
        broken: walk.broken,
        bestPath: best?.steps.map((s) => s.choice) ?? [],
      };
    }
  }
}
