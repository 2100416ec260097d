/**
 * The "attempts" record on the device (src/components/state/device-store.ts; docs/data-shapes.md
 * has the same table): the attempt file object (attempt.ts, read by parse-attempt.ts) plus its
 * record key and last save time. Leaving out `id` and `updatedAt` gives the exact attempt file
 * that `sop grade-quiz` grades (toAttemptFile).
 */
import type { Attempt } from './attempt.ts';

/** What the "attempts" store holds: the attempt file object plus its key and last save time. */
export type AttemptRecord = Attempt & {
  /** Record key: "<quiz id>-<start time in base 36>-<seed in hex>". */
  id: string;
  /** When the record was last saved (ISO 8601). */
  updatedAt: string;
};

/** The attempt file inside a record: everything but `id` and `updatedAt`, in the file's key order. */
export function toAttemptFile(record: Attempt | AttemptRecord): Attempt {
  const { format, formatVersion, quiz, quizVersion, quizHash: hash, seed, mode, startedAt, finishedAt, answers, result } = record;
  return {
    format,
    formatVersion,
    quiz,
    quizVersion,
    quizHash: hash,
    seed,
    mode,
    startedAt,
    ...(finishedAt === undefined ? {} : { finishedAt }),
    answers,
    ...(result === undefined ? {} : { result }),
  };
}
