/**
 * Optional xAPI (Experience API 1.0.3) reporting: when an assignment names an LRS, 我的培训 sends
 * each completed attempt of an assigned item as one statement (verb passed / failed against the
 * assignment's pass mark), an `attempted` statement when an item is opened, and one `completed`
 * statement for the assignment once every item is done. Statement shape, field by field:
 * docs/xapi.md.
 *
 * A finished attempt's statement carries the work itself in `result.extensions` (quiz: the attempt
 * file with answers, seed, quiz version and hash, mode; chat: the result-file chat entry with the
 * replies and their timings and the scenario fingerprint), so the trainer's dashboard and
 * `sop results` re-grade LRS data with the same code as result files (lrs-results.ts).
 * resultFileStatements() builds, from a result file, exactly the statements the browser sends.
 *
 * Ids are name-based UUIDs (v5) of the attempt, so sending again is harmless: statements go out
 * one by one with PUT /statements?statementId=<id>, and an LRS that already has the id answers
 * 204 or 409 (both count as delivered).
 */
import type { Attempt } from '../quiz/attempt.ts';
import type { Assignment, ItemKind } from './assignment.ts';
import { assignmentProgress, type DeviceAttempt } from './progress.ts';
import type { ChatEntry, ResultFile } from './result-file.ts';
import { uuidV5 } from './uuid.ts';

export const XAPI_VERSION = '1.0.3';

export const VERBS = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed', 'zh-CN': '完成' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed', 'zh-CN': '通过' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed', 'zh-CN': '未通过' } },
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted', 'zh-CN': '开始' } },
} as const;

/**
 * Extension names (the IRI is `<origin>/xapi/extensions/<name>`; readers match the name, so a
 * site that moved keeps its statements readable).
 */
export const EXT = {
  siteVersion: 'site-version',
  attempt: 'attempt',
  assignment: 'assignment',
  due: 'due',
  /** result.extensions: the quiz attempt file (Attempt). */
  quizWork: 'quiz-attempt',
  /** result.extensions: the chat entry of the result file (ChatEntry) plus `mode`. */
  chatWork: 'chat-entry',
} as const;
export type VerbName = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  quiz: 'http://adlnet.gov/expapi/activities/assessment',
  chat: 'http://adlnet.gov/expapi/activities/simulation',
  assignment: 'http://adlnet.gov/expapi/activities/course',
} as const;

export interface XapiStatement {
  id: string;
  actor: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: {
    objectType: 'Activity';
    id: string;
    definition: { name: Record<string, string>; type: string };
  };
  result: {
    score: { scaled: number; raw: number; min: number; max: number };
    success: boolean;
    completion: boolean;
    duration?: string;
    extensions?: Record<string, unknown>;
  };
  context: {
    registration: string;
    platform: string;
    language: string;
    contextActivities?: { parent: Array<{ objectType: 'Activity'; id: string }> };
    extensions: Record<string, string>;
  };
  timestamp: string;
}

/** The `attempted` statement (an item was opened): no result. */
export type XapiAttemptedStatement = Omit<XapiStatement, 'result'>;

/** A chat's work as sent: the result file's chat entry, plus the mode it was played in. */
export type ChatWork = ChatEntry & { mode?: 'practice' | 'exam' };

/** ISO 8601 duration with at most 2 decimals of seconds: 754300 ms → "PT12M34.3S". */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10) / 100);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total - h * 3600) / 60);
  const s = Math.round((total - h * 3600 - m * 60) * 100) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

export interface StatementContext {
  /** Site origin, e.g. https://sop.example.com (activity ids and the account's homePage). */
  origin: string;
  assignment: Assignment;
  trainee: { name: string; device: string };
  siteVersion: string;
}

const ext = (origin: string, name: string) => `${origin}/xapi/extensions/${name}`;
const assignmentIri = (c: StatementContext) => `${c.origin}/my/#assignment-${c.assignment.id}`;

function base(c: StatementContext) {
  return {
    actor: {
      objectType: 'Agent' as const,
      name: c.trainee.name,
      account: { homePage: `${c.origin}/`, name: `${c.trainee.device}/${c.trainee.name}` },
    },
    registration: uuidV5(`${c.origin}/xapi/registration/${c.assignment.id}/${c.trainee.device}/${c.trainee.name}`),
  };
}

function score(percent: number) {
  const raw = Math.min(100, Math.max(0, Math.round(percent * 10) / 10));
  return { scaled: Math.round(raw * 10) / 1000, raw, min: 0, max: 100 };
}

const itemPath = (kind: ItemKind, id: string) => (kind === 'quiz' ? `/quizzes/${id}/` : `/chat/${id}/`);

/**
 * One statement for one finished attempt of an assigned quiz or chat. With `work` (the attempt
 * file, or the chat entry) the statement carries it in result.extensions and gets its own id
 * (…/work), so a device that sent the score-only statement before sends the full one once.
 */
export function attemptStatement(
  c: StatementContext,
  attempt: {
    kind: ItemKind;
    itemId: string;
    title: string;
    key: string;
    percent: number;
    startedAt: string;
    finishedAt: string;
    work?: Attempt | ChatWork;
  },
): XapiStatement {
  const b = base(c);
  const success = attempt.percent >= c.assignment.passMark;
  const verb = VERBS[success ? 'passed' : 'failed'];
  const path = itemPath(attempt.kind, attempt.itemId);
  const ms = Date.parse(attempt.finishedAt) - Date.parse(attempt.startedAt);
  const work = attempt.work ? { extensions: { [ext(c.origin, attempt.kind === 'quiz' ? EXT.quizWork : EXT.chatWork)]: attempt.work } } : {};
  return {
    id: uuidV5(`${c.origin}/xapi/statement/${c.assignment.id}/${c.trainee.device}/${attempt.key}${attempt.work ? '/work' : ''}`),
    actor: b.actor,
    verb: { id: verb.id, display: { ...verb.display } },
    object: {
      objectType: 'Activity',
      id: `${c.origin}${path}`,
      definition: { name: { 'zh-CN': attempt.title }, type: ACTIVITY_TYPES[attempt.kind] },
    },
    result: {
      score: score(attempt.percent),
      success,
      completion: true,
      ...(Number.isFinite(ms) && ms >= 0 ? { duration: isoDuration(ms) } : {}),
      ...work,
    },
    context: {
      registration: b.registration,
      platform: '客服 SOP 学堂',
      language: 'zh-CN',
      contextActivities: { parent: [{ objectType: 'Activity', id: assignmentIri(c) }] },
      extensions: {
        [ext(c.origin, EXT.siteVersion)]: c.siteVersion,
        [ext(c.origin, EXT.attempt)]: attempt.key,
        ...(attempt.work ? { [ext(c.origin, EXT.assignment)]: c.assignment.id } : {}),
      },
    },
    timestamp: attempt.finishedAt,
  };
}

/**
 * The `attempted` statement: the trainee opened an assigned item (the roster shows 进行中). One id
 * per trainee, assignment and item, so opening it again sends nothing new.
 */
export function buildAttemptedStatement(
  c: StatementContext,
  item: { kind: ItemKind; itemId: string; title: string; openedAt: string },
): XapiAttemptedStatement {
  const b = base(c);
  return {
    id: uuidV5(`${c.origin}/xapi/attempted/${c.assignment.id}/${c.trainee.device}/${c.trainee.name}/${item.kind}:${item.itemId}`),
    actor: b.actor,
    verb: { id: VERBS.attempted.id, display: { ...VERBS.attempted.display } },
    object: {
      objectType: 'Activity',
      id: `${c.origin}${itemPath(item.kind, item.itemId)}`,
      definition: { name: { 'zh-CN': item.title }, type: ACTIVITY_TYPES[item.kind] },
    },
    context: {
      registration: b.registration,
      platform: '客服 SOP 学堂',
      language: 'zh-CN',
      contextActivities: { parent: [{ objectType: 'Activity', id: assignmentIri(c) }] },
      extensions: { [ext(c.origin, EXT.siteVersion)]: c.siteVersion, [ext(c.origin, EXT.assignment)]: c.assignment.id },
    },
    timestamp: item.openedAt,
  };
}

/**
 * Every statement the browser sends for a result file's work: one per finished quiz attempt and
 * chat (with the work), and `completed` once every assigned item is done. The same function feeds
 * 我的培训 (from the file it would export) and `sop send-results` (from files on disk).
 * `chatMode` adds the mode a chat was played in when the caller knows it (the device record).
 */
export function resultFileStatements(
  file: ResultFile,
  options: {
    origin: string;
    assignment: Assignment;
    title: (kind: ItemKind, id: string) => string;
    chatMode?: (chat: ChatEntry) => 'practice' | 'exam' | undefined;
    now?: Date;
  },
): XapiStatement[] {
  const c: StatementContext = {
    origin: options.origin,
    assignment: options.assignment,
    trainee: file.trainee,
    siteVersion: file.siteVersion,
  };
  const out: XapiStatement[] = [];
  const device: DeviceAttempt[] = [];
  for (const a of file.quizAttempts) {
    if (!a.finishedAt) continue;
    const percent = a.result?.percent;
    device.push({ kind: 'quiz', itemId: a.quiz, startedAt: a.startedAt, finishedAt: a.finishedAt, percent });
    out.push(
      attemptStatement(c, {
        kind: 'quiz',
        itemId: a.quiz,
        title: options.title('quiz', a.quiz),
        key: `quiz:${a.quiz}:${a.startedAt}:${a.seed}`,
        percent: percent ?? 0,
        startedAt: a.startedAt,
        finishedAt: a.finishedAt,
        work: a,
      }),
    );
  }
  for (const ch of file.chats) {
    if (!ch.finishedAt) continue;
    const percent = ch.result?.score;
    device.push({ kind: 'chat', itemId: ch.scenario, startedAt: ch.startedAt, finishedAt: ch.finishedAt, percent });
    const mode = options.chatMode?.(ch);
    out.push(
      attemptStatement(c, {
        kind: 'chat',
        itemId: ch.scenario,
        title: options.title('chat', ch.scenario),
        key: `chat:${ch.scenario}:${ch.startedAt}`,
        percent: percent ?? 0,
        startedAt: ch.startedAt,
        finishedAt: ch.finishedAt,
        work: mode ? { ...ch, mode } : ch,
      }),
    );
  }
  const progress = assignmentProgress(options.assignment, device, options.now ?? new Date(file.exportedAt));
  if (progress.done === progress.total && progress.completedAt) {
    out.push(assignmentStatement(c, { percent: progress.percent, passed: progress.passed, finishedAt: progress.completedAt }));
  }
  return out;
}

/** Size of a statement as sent (UTF-8 bytes of its JSON). */
export function statementBytes(s: unknown): number {
  return new TextEncoder().encode(JSON.stringify(s)).length;
}

/** The `completed` statement of the whole assignment (every item done). */
export function assignmentStatement(c: StatementContext, summary: { percent: number; passed: boolean; finishedAt: string }): XapiStatement {
  const b = base(c);
  return {
    id: uuidV5(`${c.origin}/xapi/statement/${c.assignment.id}/${c.trainee.device}/${c.trainee.name}/completed`),
    actor: b.actor,
    verb: { id: VERBS.completed.id, display: { ...VERBS.completed.display } },
    object: {
      objectType: 'Activity',
      id: assignmentIri(c),
      definition: { name: { 'zh-CN': `培训任务：${c.assignment.group}` }, type: ACTIVITY_TYPES.assignment },
    },
    result: { score: score(summary.percent), success: summary.passed, completion: true },
    context: {
      registration: b.registration,
      platform: '客服 SOP 学堂',
      language: 'zh-CN',
      extensions: { [ext(c.origin, 'site-version')]: c.siteVersion, [ext(c.origin, 'due')]: c.assignment.due },
    },
    timestamp: summary.finishedAt,
  };
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface SendOutcome {
  id: string;
  ok: boolean;
  /** HTTP status, or 0 when the request failed (network, CORS). */
  status: number;
  message?: string;
}

/** PUTs each statement; 2xx and 409 (already stored) count as delivered. Never throws. */
export async function sendStatements(
  lrs: { endpoint: string; auth?: string | undefined },
  statements: ReadonlyArray<XapiStatement | XapiAttemptedStatement>,
  fetchImpl: FetchLike,
): Promise<SendOutcome[]> {
  const root = lrs.endpoint.replace(/\/+$/, '');
  const out: SendOutcome[] = [];
  for (const s of statements) {
    try {
      const res = await fetchImpl(`${root}/statements?statementId=${encodeURIComponent(s.id)}`, {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/json',
          'X-Experience-API-Version': XAPI_VERSION,
          ...(lrs.auth ? { Authorization: lrs.auth } : {}),
        },
        body: JSON.stringify(s),
      });
      const ok = (res.status >= 200 && res.status < 300) || res.status === 409;
      out.push({ id: s.id, ok, status: res.status, ...(ok ? {} : { message: (await res.text().catch(() => '')).slice(0, 200) }) });
    } catch (err) {
      out.push({ id: s.id, ok: false, status: 0, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
