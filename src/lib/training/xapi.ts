/**
 * Optional xAPI (Experience API 1.0.3) reporting: when an assignment names an LRS, 我的培训 sends
 * each completed attempt of an assigned item as one statement (verb passed / failed against the
 * assignment's pass mark), and one `completed` statement for the assignment once every item is
 * done. Statement shape, field by field: docs/xapi.md.
 *
 * Ids are name-based UUIDs (v5) of the attempt, so sending again is harmless: statements go out
 * one by one with PUT /statements?statementId=<id>, and an LRS that already has the id answers
 * 204 or 409 (both count as delivered).
 */
import type { Assignment, ItemKind } from './assignment.ts';
import { uuidV5 } from './uuid.ts';

export const XAPI_VERSION = '1.0.3';

export const VERBS = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed', 'zh-CN': '完成' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed', 'zh-CN': '通过' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed', 'zh-CN': '未通过' } },
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

/** One statement for one finished attempt of an assigned quiz or chat. */
export function attemptStatement(
  c: StatementContext,
  attempt: { kind: ItemKind; itemId: string; title: string; key: string; percent: number; startedAt: string; finishedAt: string },
): XapiStatement {
  const b = base(c);
  const success = attempt.percent >= c.assignment.passMark;
  const verb = VERBS[success ? 'passed' : 'failed'];
  const path = attempt.kind === 'quiz' ? `/quizzes/${attempt.itemId}/` : `/chat/${attempt.itemId}/`;
  const ms = Date.parse(attempt.finishedAt) - Date.parse(attempt.startedAt);
  return {
    id: uuidV5(`${c.origin}/xapi/statement/${c.assignment.id}/${c.trainee.device}/${attempt.key}`),
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
    },
    context: {
      registration: b.registration,
      platform: '客服 SOP 学堂',
      language: 'zh-CN',
      contextActivities: { parent: [{ objectType: 'Activity', id: assignmentIri(c) }] },
      extensions: { [ext(c.origin, 'site-version')]: c.siteVersion, [ext(c.origin, 'attempt')]: attempt.key },
    },
    timestamp: attempt.finishedAt,
  };
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
  statements: readonly XapiStatement[],
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
