/**
 * The training records in the device store (src/components/state/device-store.ts) and their
 * versioned shapes (docs/data-shapes.md has the same tables), with their readers:
 *
 * "assignments" — AssignmentRecord, one per assignment opened from a link on this device:
 *   { id: <assignment id>, format: "sop-assignment-record", formatVersion: 1, code: <link code>,
 *     assignment: <decoded copy>, openedAt, updatedAt, xapi?: { sent: [statement ids], error?, at? } }
 *   `code` is the source of truth: reading a record decodes it again (a damaged copy is repaired).
 *
 * "trainerAssignments" — TrainerAssignmentRecord, one per assignment built on this device:
 *   { id, format: "sop-trainer-assignment", formatVersion: 1, code, assignment, createdAt, updatedAt }
 *
 * "trainerImports" — StoredImport (src/lib/training/regrade.ts): one per imported result file,
 *   the parsed file as it was (raw answers and replies), re-graded every time the dashboard opens.
 *
 * "meta" — { id: "trainee", name, device }: the trainee's name as last typed, and a random id of
 *   the device (result files and xAPI statements carry it).
 *
 * Attempt records ("attempts", src/lib/quiz/attempt-record.ts) and chat reports ("chatReports",
 * src/lib/chat/report-record.ts) are read as they are; attemptToDevice / chatToDevice / toChatEntry
 * map them.
 */
import type { ChatReportRecord } from '../chat/report-record.ts';
import type { Attempt } from '../quiz/attempt.ts';
import type { AttemptRecord } from '../quiz/attempt-record.ts';
import { decodeAssignment, type Assignment } from './assignment.ts';
import type { DeviceAttempt } from './progress.ts';
import type { ChatEntry } from './result-file.ts';

export const ASSIGNMENT_RECORD_FORMAT = 'sop-assignment-record';
export const ASSIGNMENT_RECORD_VERSION = 1;
export const TRAINER_RECORD_FORMAT = 'sop-trainer-assignment';
export const TRAINER_RECORD_VERSION = 1;

export interface AssignmentRecord {
  id: string;
  format: typeof ASSIGNMENT_RECORD_FORMAT;
  formatVersion: 1;
  code: string;
  assignment: Assignment;
  openedAt: string;
  updatedAt: string;
  xapi?: { sent: string[]; error?: string; at?: string };
  /**
   * The trainee's answer to "send my name and results to <LRS host>?" for the LRS the link names
   * (endpoint kept, so a changed endpoint asks again). Nothing is sent without `answer: 'yes'`.
   */
  lrsConsent?: { answer: 'yes' | 'no'; endpoint: string; at: string };
}

export interface TrainerAssignmentRecord {
  id: string;
  format: typeof TRAINER_RECORD_FORMAT;
  formatVersion: 1;
  code: string;
  assignment: Assignment;
  createdAt: string;
  updatedAt: string;
}

export interface TraineeMeta {
  id: 'trainee';
  name: string;
  device: string;
}

/** A record read back: usable (maybe migrated), or why not, with its id so the UI can offer to remove it. */
export type RecordRead<T> = { ok: true; record: T; migrated: boolean } | { ok: false; message: string; id?: string };

/**
 * Reads (and if needed migrates) an "assignments" record. Handles:
 * - formatVersion 1: the code is decoded again; the decoded copy replaces a stale or damaged one;
 * - no format (the early shape { id, code, openedAt }): migrated to version 1;
 * - a newer formatVersion (written by a newer site in another tab): refused, left untouched.
 */
export function readAssignmentRecord(raw: unknown, now: Date = new Date()): RecordRead<AssignmentRecord> {
  if (!raw || typeof raw !== 'object') return { ok: false, message: '记录不是对象' };
  const r = raw as Partial<AssignmentRecord> & { formatVersion?: unknown; format?: unknown };
  if (typeof r.formatVersion === 'number' && r.formatVersion > ASSIGNMENT_RECORD_VERSION) {
    return { ok: false, message: `培训任务记录是更新版本的网站保存的（第 ${r.formatVersion} 版），请刷新页面` };
  }
  const id = typeof r.id === 'string' ? { id: r.id } : {};
  if (typeof r.code !== 'string') return { ok: false, message: `培训任务记录 “${String(r.id)}” 缺少任务链接`, ...id };
  const decoded = decodeAssignment(r.code);
  if (!decoded.ok) return { ok: false, message: `培训任务记录 “${String(r.id)}” 的任务链接已损坏：${decoded.message}`, ...id };
  const at = now.toISOString();
  const record: AssignmentRecord = {
    id: decoded.assignment.id,
    format: ASSIGNMENT_RECORD_FORMAT,
    formatVersion: 1,
    code: decoded.code,
    assignment: decoded.assignment,
    openedAt: typeof r.openedAt === 'string' ? r.openedAt : at,
    updatedAt: typeof r.updatedAt === 'string' ? r.updatedAt : at,
    ...(r.xapi && Array.isArray(r.xapi.sent)
      ? { xapi: { ...r.xapi, sent: r.xapi.sent.filter((x): x is string => typeof x === 'string') } }
      : {}),
    ...(r.lrsConsent && (r.lrsConsent.answer === 'yes' || r.lrsConsent.answer === 'no') && typeof r.lrsConsent.endpoint === 'string'
      ? { lrsConsent: { answer: r.lrsConsent.answer, endpoint: r.lrsConsent.endpoint, at: String(r.lrsConsent.at) } }
      : {}),
  };
  const migrated =
    r.format !== ASSIGNMENT_RECORD_FORMAT ||
    r.formatVersion !== ASSIGNMENT_RECORD_VERSION ||
    JSON.stringify(r.assignment) !== JSON.stringify(decoded.assignment) ||
    r.id !== record.id;
  return { ok: true, record, migrated };
}

export function newAssignmentRecord(code: string, assignment: Assignment, now: Date): AssignmentRecord {
  const at = now.toISOString();
  return { id: assignment.id, format: ASSIGNMENT_RECORD_FORMAT, formatVersion: 1, code, assignment, openedAt: at, updatedAt: at };
}

/** A new "trainerAssignments" record: an assignment the trainer built or imported, with its link code. */
export function newTrainerRecord(code: string, assignment: Assignment, createdAt: string, updatedAt: string): TrainerAssignmentRecord {
  return { id: assignment.id, format: TRAINER_RECORD_FORMAT, formatVersion: 1, code, assignment, createdAt, updatedAt };
}

/** Reads a "trainerAssignments" record (same rules as readAssignmentRecord). */
export function readTrainerRecord(raw: unknown): RecordRead<TrainerAssignmentRecord> {
  if (!raw || typeof raw !== 'object') return { ok: false, message: '记录不是对象' };
  const r = raw as Partial<TrainerAssignmentRecord> & { formatVersion?: unknown };
  if (typeof r.formatVersion === 'number' && r.formatVersion > TRAINER_RECORD_VERSION)
    return { ok: false, message: '记录是更新版本的网站保存的' };
  const decoded = decodeAssignment(typeof r.code === 'string' ? r.code : '');
  if (!decoded.ok) return { ok: false, message: decoded.message };
  const created = typeof r.createdAt === 'string' ? r.createdAt : decoded.assignment.createdAt;
  return {
    ok: true,
    migrated: r.formatVersion !== TRAINER_RECORD_VERSION,
    record: {
      id: decoded.assignment.id,
      format: TRAINER_RECORD_FORMAT,
      formatVersion: 1,
      code: decoded.code,
      assignment: decoded.assignment,
      createdAt: created,
      updatedAt: typeof r.updatedAt === 'string' ? r.updatedAt : created,
    },
  };
}

/** A random device id (12 characters of [a-z0-9]). */
export function newDeviceId(random: () => number = Math.random): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 12; i++) id += chars[Math.floor(random() * chars.length) % chars.length];
  return id;
}

/** An attempt record as progress input. */
export function attemptToDevice(r: Pick<AttemptRecord, 'quiz' | 'startedAt' | 'finishedAt' | 'result' | 'mode'>): DeviceAttempt {
  return {
    kind: 'quiz',
    itemId: r.quiz,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    percent: r.finishedAt ? r.result?.percent : undefined,
    mode: r.mode,
  };
}

/** A chat report record as progress input. */
export function chatToDevice(r: Pick<ChatReportRecord, 'scenario' | 'startedAt' | 'finishedAt' | 'report' | 'mode'>): DeviceAttempt {
  return {
    kind: 'chat',
    itemId: r.scenario,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    percent: typeof r.report?.score === 'number' ? r.report.score : undefined,
    mode: r.mode,
  };
}

/** A chat report record as it goes into the result file (the scenario hash comes from the site). */
export function toChatEntry(r: ChatReportRecord, scenarioHash: string): ChatEntry {
  return {
    scenario: r.scenario,
    scenarioVersion: r.scenarioVersion,
    scenarioHash,
    startedAt: r.startedAt,
    ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
    replies: r.replies.map((x) => ({
      text: typeof x.text === 'string' ? x.text : '',
      afterMs: Number.isFinite(x.afterMs) && x.afterMs >= 0 ? Math.min(x.afterMs, 86_400_000) : 0,
    })),
    ...(r.report ? { result: { score: r.report.score, grade: r.report.grade, ending: r.report.ending?.kind } } : {}),
    ...(r.mode === 'practice' || r.mode === 'exam' ? { mode: r.mode } : {}),
    ...(Number.isInteger(r.hintsUsed) && r.hintsUsed >= 0 ? { hintsUsed: Math.min(r.hintsUsed, 10_000) } : {}),
  };
}

/** The attempt file inside an attempt record (no id/updatedAt), as in quiz-session's export. */
export function toAttempt(r: AttemptRecord): Attempt {
  const { id: _id, updatedAt: _u, ...rest } = r;
  return rest;
}
