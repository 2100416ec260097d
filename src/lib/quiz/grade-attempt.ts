/**
 * Grades a whole attempt: each question with gradeQuestion (grade-question.ts), then
 * percent = 100 × score / max rounded to 1 decimal, grade = gradeFor(percent) (A-E, F = fail),
 * passed = percent ≥ quiz.passMark. The rounded percent is the one shown, so grade and pass use it
 * too. Totals are summed from unrounded question scores, then rounded to 2 decimals.
 * The attempt's stored `result` is ignored: the same answers always give the same result.
 */
import type { Quiz } from '../../schemas/quiz.ts';
import { gradeFor, type Grade } from '../grade-bands.ts';
import type { Attempt } from './attempt.ts';
import { gradeQuestionExact, type QuestionResult } from './grade-question.ts';

export interface AttemptResult {
  /** Quiz id and version graded against. */
  quiz: string;
  quizVersion: number;
  /** Points earned and available (2 decimals). */
  score: number;
  max: number;
  /** 100 × score / max, 1 decimal. */
  percent: number;
  /** Grade band for percent (F = 不及格). */
  grade: Grade;
  /** The quiz's pass mark (percent) and whether percent reaches it. */
  passMark: number;
  passed: boolean;
  /** Per question, in the quiz's order. */
  questions: QuestionResult[];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function gradeAttempt(quiz: Quiz, attempt: Pick<Attempt, 'answers'>): AttemptResult {
  let score = 0;
  let max = 0;
  const questions = quiz.questions.map((q) => {
    const graded = gradeQuestionExact(q, Object.hasOwn(attempt.answers, q.id) ? attempt.answers[q.id] : undefined);
    score += graded.exact;
    max += graded.exactMax;
    return graded.result;
  });
  const percent = max > 0 ? round((100 * score) / max, 1) : 0;
  return {
    quiz: quiz.id,
    quizVersion: quiz.version,
    score: round(score, 2),
    max: round(max, 2),
    percent,
    grade: gradeFor(percent),
    passMark: quiz.passMark,
    passed: percent >= quiz.passMark,
    questions,
  };
}
