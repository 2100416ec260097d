/**
 * A new hire's progress on an assignment, from what the device holds (我的培训): per item the
 * attempts that belong to the assignment (result-file.ts selectForAssignment), the best score
 * recorded on the device, whether it reaches the pass mark, and whether it was late. The device's
 * own scores are shown here; the trainer's dashboard re-grades everything from the raw answers.
 */
import { gradeFor, type Grade } from '../grade-bands.ts';
import { deadline, itemKey, type Assignment, type AssignmentItem } from './assignment.ts';
import { windowStart } from './result-file.ts';

export interface DeviceAttempt {
  kind: AssignmentItem['kind'];
  itemId: string;
  startedAt: string;
  finishedAt?: string | undefined;
  /** Score in percent recorded when it was finished. */
  percent?: number | undefined;
  /** Practice or exam (records from before exam mode existed may have none). */
  mode?: 'practice' | 'exam' | undefined;
}

export type ItemStatus = 'todo' | 'started' | 'passed' | 'failed';

export interface ItemProgress {
  item: AssignmentItem;
  key: string;
  status: ItemStatus;
  /** Finished attempts in the assignment's window that count (exam only when the assignment requires it). */
  finished: number;
  /** Finished practice attempts that do not count because the assignment requires exam mode. */
  practice: number;
  best?: DeviceAttempt;
  late: boolean;
}

export interface AssignmentProgress {
  items: ItemProgress[];
  done: number;
  total: number;
  /** Mean of the best scores over all items (missing = 0), 1 decimal. */
  percent: number;
  grade: Grade;
  /** Every item finished with a best score ≥ the pass mark. */
  passed: boolean;
  /** Past the due date with items missing, or an item finished late. */
  late: boolean;
  /** Past the due date (whatever is done). */
  overdue: boolean;
  /** When the last counted item was finished (for the certificate). */
  completedAt?: string;
  /** Milliseconds to the deadline (negative once past). */
  msLeft: number;
}

export function assignmentProgress(a: Assignment, attempts: readonly DeviceAttempt[], now: Date = new Date()): AssignmentProgress {
  const from = windowStart(a);
  const end = deadline(a);
  const items = a.items.map((item): ItemProgress => {
    const mine = attempts.filter((x) => x.kind === item.kind && x.itemId === item.id && Date.parse(x.startedAt) >= from);
    const done = mine.filter((x) => x.finishedAt && typeof x.percent === 'number');
    // Exam mode required: practice (answers shown, hints) is for learning and never counts.
    const finished = a.examOnly ? done.filter((x) => x.mode === 'exam') : done;
    const best = finished.reduce<DeviceAttempt | undefined>((b, x) => (!b || (x.percent ?? 0) > (b.percent ?? 0) ? x : b), undefined);
    const status: ItemStatus = best ? ((best.percent ?? 0) >= a.passMark ? 'passed' : 'failed') : mine.length ? 'started' : 'todo';
    return {
      item,
      key: itemKey(item),
      status,
      finished: finished.length,
      practice: done.length - finished.length,
      ...(best ? { best } : {}),
      late: !!best?.finishedAt && Date.parse(best.finishedAt) > end,
    };
  });
  const done = items.filter((i) => i.best).length;
  const percent = items.length ? Math.round((items.reduce((s, i) => s + (i.best?.percent ?? 0), 0) / items.length) * 10) / 10 : 0;
  const overdue = now.getTime() > end;
  const passed = items.length > 0 && items.every((i) => i.status === 'passed');
  const times = items.flatMap((i) => (i.best?.finishedAt ? [i.best.finishedAt] : [])).sort();
  return {
    items,
    done,
    total: items.length,
    percent,
    grade: gradeFor(percent),
    passed,
    late: items.some((i) => i.late) || (overdue && done < items.length),
    overdue,
    ...(done === items.length && times.length ? { completedAt: times[times.length - 1]! } : {}),
    msLeft: end - now.getTime(),
  };
}
