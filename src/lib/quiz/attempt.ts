/**
 * The attempt file: what the browser saves in IndexedDB and exports, and what
 * `sop grade-quiz --answers <file>` grades. JSON, UTF-8:
 *
 *   {
 *     "format": "sop-quiz-attempt",        always this string
 *     "formatVersion": 1,                   this layout; bumped if the layout ever changes
 *     "quiz": "cancel-order-basics",        the quiz id
 *     "quizVersion": 2,                     the quiz's `version` when the attempt started
 *     "quizHash": "5f3a09c2",               quizHash(quiz) then (hash.ts): detects edited content
 *     "seed": 123456789,                    32-bit seed of every shuffle (random.ts, layout.ts)
 *     "mode": "practice" | "exam",          practice shows feedback at once; exam at the end
 *     "startedAt": "2025-01-01T08:00:00.000Z",
 *     "finishedAt": "…",                    absent while the attempt is in progress
 *     "answers": { "<question id>": answer }  shapes in answers.ts; unanswered ones left out
 *     "result": { … }                       optional copy of gradeAttempt's result at the end
 *   }
 *
 * The stored `result` is informative only: graders always re-grade from the answers.
 */
import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import type { Quiz } from '../../schemas/quiz.ts';
import { answerValueSchema } from './answers.ts';
import { quizHash } from './hash.ts';

export const ATTEMPT_FORMAT = 'sop-quiz-attempt';
export const ATTEMPT_FORMAT_VERSION = 1;

const isoTime = z.iso.datetime({ offset: true, error: '应是 ISO 8601 时间，例如 2025-01-01T08:00:00.000Z' });

/** A copy of gradeAttempt's result kept in the file (checked loosely; never trusted for grading). */
export const storedResultSchema = z.looseObject({
  /** Points earned. */
  score: z.number(),
  /** Points available. */
  max: z.number(),
  /** score / max in percent, 1 decimal. */
  percent: z.number(),
  /** Grade band A-E, F = fail (src/lib/grade-bands.ts). */
  grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  /** percent ≥ the quiz's passMark. */
  passed: z.boolean(),
  /** One entry per question. */
  questions: z.array(z.looseObject({ id: z.string(), type: z.string(), score: z.number(), max: z.number(), correct: z.boolean() })),
});

export const attemptSchema = z.object({
  /** Always "sop-quiz-attempt". */
  format: z.literal(ATTEMPT_FORMAT),
  /** Layout version of this file format (1). */
  formatVersion: z.literal(ATTEMPT_FORMAT_VERSION),
  /** Quiz id. */
  quiz: idSchema,
  /** The quiz's `version` the attempt was made against. */
  quizVersion: z.number().int().positive(),
  /** quizHash(quiz) at the time: 8 hex digits. */
  quizHash: z.string().regex(/^[0-9a-f]{8}$/, '应是 8 位十六进制数字（quizHash）'),
  /** Seed of every shuffle in the attempt (unsigned 32-bit integer). */
  seed: z.number().int().min(0).max(0xffffffff),
  /** practice: feedback after each question; exam: only at the end. Grading is the same. */
  mode: z.enum(['practice', 'exam']),
  /** When the attempt started. */
  startedAt: isoTime,
  /** When it was handed in; absent while in progress. */
  finishedAt: isoTime.optional(),
  /** Answers by question id (answers.ts). */
  answers: z.record(z.string(), answerValueSchema),
  /** The result computed when it was handed in. */
  result: storedResultSchema.optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;
export type AttemptMode = Attempt['mode'];

/** A new, empty attempt for `quiz`. */
export function newAttempt(quiz: Quiz, options: { seed: number; mode: AttemptMode; startedAt?: Date }): Attempt {
  return {
    format: ATTEMPT_FORMAT,
    formatVersion: ATTEMPT_FORMAT_VERSION,
    quiz: quiz.id,
    quizVersion: quiz.version,
    quizHash: quizHash(quiz),
    seed: options.seed >>> 0,
    mode: options.mode,
    startedAt: (options.startedAt ?? new Date()).toISOString(),
    answers: {},
  };
}
