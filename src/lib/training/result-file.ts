/**
 * The result file (培训结果文件): what a new hire exports from 我的培训 and the trainer drops on the
 * dashboard (and `sop regrade` reads). JSON, UTF-8, one assignment and one trainee per file:
 *
 *   {
 *     "format": "sop-training-result",     always this string
 *     "formatVersion": 1,                   this layout; a newer one is refused with a message
 *     "siteVersion": "1a2b3c4d",            the site version it was made with (grading.ts)
 *     "exportedAt": "2025-06-05T10:00:00.000Z",   device clock
 *     "timeZone": 480,                      device time zone, minutes east of UTC
 *     "trainee": { "name": "张三", "device": "f3k9…" },   name as typed, random id of the device
 *     "assignment": { "code": "1.eyJ….1a2b3c4d", "id": "k3x9q2m7ab", "group": "…", "due": "2025-06-08", "passMark": 80 },
 *     "quizAttempts": [ <attempt file>, … ],   src/lib/quiz/attempt.ts, raw answers + seed + times
 *     "chats": [ {
 *        "scenario": "bargain-repeat", "scenarioVersion": 1, "scenarioHash": "89ab01cd",
 *        "startedAt": "…", "finishedAt": "…",
 *        "replies": [ { "text": "您好，请问…", "afterMs": 8000 } ],   what the trainee typed, with timings
 *        "result": { "score": 86.5, "grade": "B", "ending": "satisfied" }   stored copy, informative only
 *     } ]
 *   }
 *
 * Only `assignment.code` is trusted for the assignment (its checksum is verified and the readable
 * copy compared with it); only the raw answers and replies are trusted for scores: the stored
 * results are compared with the re-grade and a difference is flagged (regrade.ts).
 */
import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import { fieldPath } from '../content/problems.ts';
import { attemptSchema, ATTEMPT_FORMAT, type Attempt } from '../quiz/attempt.ts';
import { readJsonFile } from '../text/read-json.ts';
import { deadline, type Assignment } from './assignment.ts';

export const RESULT_FORMAT = 'sop-training-result';
export const RESULT_FORMAT_VERSION = 1;
/** Bigger files are refused before they are read (a real one is a few hundred KB at most). */
export const MAX_RESULT_FILE_BYTES = 5 * 1024 * 1024;
/**
 * Longest reply a result file may hold. The chat input stops at CHAT_INPUT_MAX_CHARS; files keep a
 * wider margin so that reports saved before that limit existed still export and import.
 */
export const MAX_REPLY_CHARS = 10_000;
/** Longest message the chat input accepts (it says so and stops there). */
export const CHAT_INPUT_MAX_CHARS = 2000;

const isoTime = z.iso.datetime({ offset: true, error: '应是 ISO 8601 时间，例如 2025-06-01T08:00:00.000Z' });
const hash8 = z.string().regex(/^[0-9a-f]{8}$/, '应是 8 位十六进制数字');

/** A trainee name: 1-20 characters, no markup or control characters. */
export const traineeNameSchema = z
  .string()
  .trim()
  .min(1, '姓名不能为空')
  .max(20, '姓名不能超过 20 个字符')
  .refine((s) => !/[<>\u0000-\u001f\u007f]/.test(s), '姓名里不能有 < > 或控制字符');

export const chatReplySchema = z.object({
  /** What the trainee sent (plain text). */
  text: z.string().max(MAX_REPLY_CHARS, `每条回复不能超过 ${MAX_REPLY_CHARS} 个字符`),
  /** Milliseconds since the previous message (player.ts). */
  afterMs: z.number().min(0, '不能小于 0').max(86_400_000, '不能超过 24 小时'),
});

export const storedChatResultSchema = z.looseObject({
  score: z.number(),
  grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  ending: z.string().optional(),
});

export const chatEntrySchema = z.object({
  scenario: idSchema,
  scenarioVersion: z.number().int().positive(),
  scenarioHash: hash8,
  startedAt: isoTime,
  finishedAt: isoTime.optional(),
  replies: z.array(chatReplySchema).max(500, '最多 500 条回复'),
  result: storedChatResultSchema.optional(),
  /** Practice (hints allowed) or exam; files from before this field have none. */
  mode: z.enum(['practice', 'exam']).optional(),
  /** How many times the hint was opened (practice only). */
  hintsUsed: z.number().int().min(0).max(10_000).optional(),
  /** True when the chat was cut short by leaving the page (reload, app switch) and not resumed. */
  interrupted: z.boolean().optional(),
});
export type ChatEntry = z.infer<typeof chatEntrySchema>;

export const resultFileSchema = z.object({
  format: z.literal(RESULT_FORMAT),
  formatVersion: z.literal(RESULT_FORMAT_VERSION),
  siteVersion: hash8,
  exportedAt: isoTime,
  timeZone: z.number().int().min(-840).max(840).optional(),
  trainee: z.object({
    name: traineeNameSchema,
    device: z.string().regex(/^[a-z0-9]{6,32}$/, '应是 6-32 位小写字母或数字'),
  }),
  assignment: z.object({
    code: z.string().min(1).max(8000),
    id: z.string().max(16),
    group: z.string().max(40),
    due: z.string().max(10),
    passMark: z.number(),
  }),
  quizAttempts: z.array(attemptSchema).max(500, '最多 500 次测验作答'),
  chats: z.array(chatEntrySchema).max(500, '最多 500 次模拟对话'),
});
export type ResultFile = z.infer<typeof resultFileSchema>;

export interface FileProblem {
  /** Field path ('' for the whole file). */
  field: string;
  message: string;
}

export type ParsedResultFile = { ok: true; file: ResultFile } | { ok: false; problems: FileProblem[] };

const bad = (...problems: FileProblem[]): ParsedResultFile => ({ ok: false, problems });

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return 'JSON 对象';
  const shown = JSON.stringify(value) ?? String(value);
  return `${typeof value === 'string' ? '字符串' : typeof value === 'number' ? '数字' : typeof value} ${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown}`;
}

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: 'JSON 对象',
  array: '列表',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function issueMessage(issue: z.core.$ZodIssue, raw: unknown): string {
  const value = valueAt(raw, issue.path);
  if (value === undefined && issue.code === 'invalid_type') return '缺少此字段';
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPE_ZH[issue.expected] ?? issue.expected}，实际是${describe(value)}`;
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => JSON.stringify(v)).join(' 或 ')}，实际是${describe(value)}`;
    case 'invalid_union':
      return '答案格式不对：应是字符串、数字、true/false、字符串列表或 null';
    default:
      return `${issue.message}${value !== undefined && typeof value !== 'object' ? `（实际是${describe(value)}）` : ''}`;
  }
}

/** Reads the text of a result file; every problem names the field, in Chinese. */
export function parseResultFile(text: string): ParsedResultFile {
  const read = readJsonFile(text);
  if (!read.ok) {
    const { body } = read;
    if (read.empty) return bad({ field: '', message: '文件是空的' });
    if (read.truncated) {
      return bad({ field: '', message: '文件不完整：JSON 在结尾处中断（下载或复制时被截断），请让学员重新导出结果文件' });
    }
    const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
    if (!/^\s*[{[]/.test(body) && firstLine.includes(',')) {
      return bad({ field: '', message: '这是 CSV 表格，不是结果文件：请导入学员导出的 .json 培训结果文件（CSV 只用于在表格软件里查看）' });
    }
    if (/^\s*</.test(body)) return bad({ field: '', message: '这是网页或 XML 文件，不是 JSON 格式的培训结果文件' });
    return bad({ field: '', message: `不是 JSON 文件（${read.detail.slice(0, 120)}）` });
  }
  const raw = read.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return bad({ field: '', message: `不是培训结果文件：内容应是一个 JSON 对象，实际是${describe(raw)}` });
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format === ATTEMPT_FORMAT) {
    return bad({ field: 'format', message: '这是单个测验的答题记录，不是培训结果文件：请学员在“我的培训”页面点“导出结果文件”' });
  }
  if (obj.format !== RESULT_FORMAT) {
    const got = obj.format === undefined ? '缺少 format 字段' : `format 是${describe(obj.format)}`;
    return bad({ field: 'format', message: `不是培训结果文件：${got}，应为 “${RESULT_FORMAT}”` });
  }
  if (obj.formatVersion !== RESULT_FORMAT_VERSION) {
    const newer = typeof obj.formatVersion === 'number' && obj.formatVersion > RESULT_FORMAT_VERSION;
    return bad({
      field: 'formatVersion',
      message: newer
        ? `结果文件格式第 ${obj.formatVersion} 版由更新版本的网站导出，本页只支持第 ${RESULT_FORMAT_VERSION} 版：请刷新本页后再导入`
        : `结果文件格式版本 ${describe(obj.formatVersion)} 不受支持（只支持第 ${RESULT_FORMAT_VERSION} 版）`,
    });
  }
  const parsed = resultFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ field: fieldPath(issue.path), message: issueMessage(issue, raw) }));
    const shown = problems.slice(0, 8);
    if (problems.length > shown.length) shown.push({ field: '', message: `另有 ${problems.length - shown.length} 处问题未列出` });
    return bad(...shown);
  }
  return { ok: true, file: parsed.data };
}

/** Problems as one line each: "<file> → <field>: <message>". */
export function formatFileProblems(fileName: string, problems: readonly FileProblem[]): string[] {
  return problems.map((p) => `${fileName}${p.field ? ` → ${p.field}` : ''}：${p.message}`);
}

/** Attempts earlier than this before the assignment was made do not belong to it (clock skew allowance). */
export const WINDOW_SKEW_MS = 10 * 60_000;

/** Start of the time window whose attempts count for an assignment. */
export function windowStart(a: Pick<Assignment, 'createdAt'>): number {
  return Date.parse(a.createdAt) - WINDOW_SKEW_MS;
}

/** The attempts and chats of the device that belong to an assignment: assigned item, finished, started in the window. */
export function selectForAssignment<
  A extends Pick<Attempt, 'quiz' | 'startedAt' | 'finishedAt'>,
  C extends Pick<ChatEntry, 'scenario' | 'startedAt' | 'finishedAt'>,
>(a: Assignment, attempts: readonly A[], chats: readonly C[]): { attempts: A[]; chats: C[] } {
  const from = windowStart(a);
  const quizIds = new Set(a.items.filter((i) => i.kind === 'quiz').map((i) => i.id));
  const chatIds = new Set(a.items.filter((i) => i.kind === 'chat').map((i) => i.id));
  const inWindow = (r: { startedAt: string; finishedAt?: string | undefined }) => !!r.finishedAt && Date.parse(r.startedAt) >= from;
  return {
    attempts: attempts.filter((r) => quizIds.has(r.quiz) && inWindow(r)).sort((x, y) => x.startedAt.localeCompare(y.startedAt)),
    chats: chats.filter((r) => chatIds.has(r.scenario) && inWindow(r)).sort((x, y) => x.startedAt.localeCompare(y.startedAt)),
  };
}

/** Builds the result file object (the caller has selected the attempts and chats). */
export function buildResultFile(input: {
  assignment: Assignment;
  code: string;
  trainee: { name: string; device: string };
  siteVersion: string;
  attempts: readonly Attempt[];
  chats: readonly ChatEntry[];
  now?: Date;
}): ResultFile {
  const now = input.now ?? new Date();
  const a = input.assignment;
  return {
    format: RESULT_FORMAT,
    formatVersion: RESULT_FORMAT_VERSION,
    siteVersion: input.siteVersion,
    exportedAt: now.toISOString(),
    timeZone: -now.getTimezoneOffset() || 0,
    trainee: { name: input.trainee.name.trim(), device: input.trainee.device },
    assignment: { code: input.code, id: a.id, group: a.group, due: a.due, passMark: a.passMark },
    quizAttempts: input.attempts.map((x) => structuredClone(x)),
    chats: input.chats.map((x) => structuredClone(x)),
  };
}

/** Characters file systems refuse, and spaces, become "_". */
function safePart(s: string): string {
  return (
    s
      .replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '_')
      .replace(/^[._]+|_+$/g, '')
      .slice(0, 40) || '未命名'
  );
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** "培训结果-张三-6月第2周新人组-20250605-1000.json": who, what, when. */
export function resultFileName(file: Pick<ResultFile, 'trainee' | 'assignment' | 'exportedAt'>, ext: 'json' | 'csv' = 'json'): string {
  return `培训结果-${safePart(file.trainee.name)}-${safePart(file.assignment.group)}-${stamp(new Date(file.exportedAt))}.${ext}`;
}

/** True when `at` is after the assignment's due date (re-exported for the views). */
export function finishedLate(a: Pick<Assignment, 'due' | 'tz'>, at: string | undefined): boolean {
  return !!at && Date.parse(at) > deadline(a);
}
