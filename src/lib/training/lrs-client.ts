/**
 * Reading statements back from a Learning Record Store (xAPI 1.0.3 `GET /statements`), for the
 * trainer's dashboard and `sop results` (the same code):
 *
 * - pullStatements(): one query (activity + related_activities, or registration, and `since`),
 *   following `more` page by page; statements are deduplicated by id.
 * - Incremental sync: the next query asks `since` the latest `stored` seen (minus a minute of
 *   overlap for an LRS whose clock or consistency lags; duplicates are dropped by id).
 * - Failures never throw: they come back as an LrsError whose `message` says in plain Chinese what
 *   is wrong (credential refused, no read permission, wrong address, server down, CORS, network),
 *   together with the statements read before it.
 *
 * The read credential is the trainer's own: it is passed in by the caller and never put in a link.
 */
import { XAPI_VERSION } from './xapi.ts';

export interface LrsConfig {
  /** xAPI endpoint, e.g. https://lrs.example.com/xapi (statements at <endpoint>/statements). */
  endpoint: string;
  /** Authorization header value (e.g. "Basic …"). */
  auth: string;
}

/** The part of fetch the client uses (window.fetch and Node's fetch both fit). */
export type ReadFetch = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; mode?: 'cors' | 'no-cors'; signal?: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export type LrsErrorKind = 'auth' | 'forbidden' | 'not-found' | 'server' | 'http' | 'cors' | 'network' | 'format' | 'timeout' | 'config';

export interface LrsError {
  kind: LrsErrorKind;
  /** HTTP status, 0 when no answer arrived. */
  status: number;
  /** Chinese, plain words: what is wrong and what to do. */
  message: string;
}

/** A statement as read back (loosely typed: anything may be in an LRS). */
export interface LrsStatement {
  id: string;
  actor?: { objectType?: string; name?: string; account?: { homePage?: string; name?: string }; mbox?: string };
  verb?: { id?: string };
  object?: { objectType?: string; id?: string };
  result?: {
    score?: { scaled?: number; raw?: number };
    success?: boolean;
    completion?: boolean;
    duration?: string;
    extensions?: Record<string, unknown>;
  };
  context?: {
    registration?: string;
    contextActivities?: { parent?: Array<{ id?: string }>; grouping?: Array<{ id?: string }> };
    extensions?: Record<string, unknown>;
  };
  timestamp?: string;
  stored?: string;
}

export interface StatementQuery {
  /** Activity IRI; with related_activities=true the LRS also returns statements whose context names it (parent). */
  activity?: string;
  registration?: string;
  /** ISO time: statements stored after it. */
  since?: string;
  /** Page size asked for (the LRS may send fewer). */
  limit?: number;
}

export interface PullResult {
  statements: LrsStatement[];
  pages: number;
  /** Latest `stored` seen (the next `since`), or the query's since when nothing new came. */
  latestStored?: string;
  error?: LrsError;
  /** Bytes of JSON read. */
  bytes: number;
}

export const SINCE_OVERLAP_MS = 60_000;
/** Stop following `more` after this many pages (a runaway LRS must not hang the page). */
export const MAX_PAGES = 2000;

function trimEndpoint(endpoint: string): string {
  return endpoint.trim().replace(/\/+$/, '');
}

/** Checks the endpoint the trainer typed; null when usable, else a message. */
export function endpointProblem(endpoint: string): string | null {
  const e = endpoint.trim();
  if (!e) return '请填写学习记录服务器地址';
  let u: URL;
  try {
    u = new URL(e);
  } catch {
    return `“${e.slice(0, 80)}” 不是网址：应以 https:// 或 http:// 开头，例如 https://lrs.example.com/xapi`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return '地址应以 https:// 或 http:// 开头';
  if (/\/statements\/?$/i.test(u.pathname)) return '地址只填到 xAPI 路径为止，不要带 /statements（例如 https://lrs.example.com/xapi）';
  if (u.search || u.hash) return '地址里不要带 ? 或 # 之后的部分';
  return null;
}

/** The `since` to ask next time: the latest stored time minus the overlap. */
export function nextSince(latestStored: string | undefined): string | undefined {
  if (!latestStored) return undefined;
  const t = Date.parse(latestStored);
  return Number.isFinite(t) ? new Date(t - SINCE_OVERLAP_MS).toISOString() : undefined;
}

export function statementsUrl(config: Pick<LrsConfig, 'endpoint'>, q: StatementQuery): string {
  const params = new URLSearchParams();
  if (q.activity) {
    params.set('activity', q.activity);
    params.set('related_activities', 'true');
  }
  if (q.registration) params.set('registration', q.registration);
  if (q.since) params.set('since', q.since);
  params.set('limit', String(q.limit ?? 500));
  params.set('ascending', 'true');
  return `${trimEndpoint(config.endpoint)}/statements?${params.toString()}`;
}

function httpError(status: number, body: string): LrsError {
  const detail = body.replace(/\s+/g, ' ').trim().slice(0, 120);
  if (status === 401)
    return { kind: 'auth', status, message: '学习记录服务器拒绝了读取凭据（HTTP 401）：请检查“读取凭据”是否填对、是否已被撤销' };
  if (status === 403)
    return {
      kind: 'forbidden',
      status,
      message: '这个凭据没有读取记录的权限（HTTP 403）：看板需要有“读取”权限的密钥（链接里给学员的只能写入）',
    };
  if (status === 404)
    return {
      kind: 'not-found',
      status,
      message: '服务器上没有这个地址（HTTP 404）：请确认填的是 xAPI 地址，例如 https://lrs.example.com/xapi（不带 /statements）',
    };
  if (status >= 500)
    return { kind: 'server', status, message: `学习记录服务器出错（HTTP ${status}），请稍后再试${detail ? `：${detail}` : ''}` };
  return { kind: 'http', status, message: `学习记录服务器拒绝了请求（HTTP ${status}）${detail ? `：${detail}` : ''}` };
}

const NETWORK_MESSAGE = '连不上学习记录服务器：网络不通，或地址写错了（服务器没有应答）。请检查网络和地址后再试';
const CORS_MESSAGE =
  '学习记录服务器有应答，但不允许本网站读取（跨域 CORS 被拒绝）：请管理员在服务器上允许本网站的来源（Origin），并放行 Authorization 和 X-Experience-API-Version 请求头';

/**
 * After a fetch that threw: was the server reachable at all? A `no-cors` request succeeds (opaque)
 * when something answers, so a CORS refusal and a dead network can be told apart in a browser.
 * Only asked when `probeCors` is on (browsers); Node has no CORS.
 */
async function classifyThrown(err: unknown, config: LrsConfig, fetchImpl: ReadFetch, probeCors: boolean): Promise<LrsError> {
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'))
    return { kind: 'timeout', status: 0, message: '学习记录服务器太久没有应答（超时），请稍后再试' };
  if (probeCors) {
    try {
      await fetchImpl(`${trimEndpoint(config.endpoint)}/about`, { method: 'GET', headers: {}, mode: 'no-cors' });
      return { kind: 'cors', status: 0, message: CORS_MESSAGE };
    } catch {
      // not reachable either: a network problem
    }
  }
  return { kind: 'network', status: 0, message: NETWORK_MESSAGE };
}

/**
 * Runs one statement query and follows `more` until the end. Never throws: on a failure the
 * statements read so far come back with `error`.
 */
export async function pullStatements(
  config: LrsConfig,
  query: StatementQuery,
  fetchImpl: ReadFetch,
  options: { probeCors?: boolean; timeoutMs?: number; maxPages?: number } = {},
): Promise<PullResult> {
  const bad = endpointProblem(config.endpoint);
  const out: PullResult = { statements: [], pages: 0, bytes: 0, ...(query.since ? { latestStored: query.since } : {}) };
  if (bad) return { ...out, error: { kind: 'config', status: 0, message: bad } };
  const seen = new Set<string>();
  const headers: Record<string, string> = { 'X-Experience-API-Version': XAPI_VERSION, Accept: 'application/json' };
  if (config.auth.trim()) headers.Authorization = config.auth.trim();
  let url: string | null = statementsUrl(config, query);
  const max = options.maxPages ?? MAX_PAGES;
  while (url) {
    if (out.pages >= max) {
      out.error = { kind: 'format', status: 0, message: `记录超过 ${max} 页，只读取了前面的部分` };
      break;
    }
    let status: number;
    let text: string;
    try {
      const signal = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
      const res = await fetchImpl(url, { method: 'GET', headers, ...(signal ? { signal } : {}) });
      status = res.status;
      text = await res.text();
    } catch (err) {
      out.error = await classifyThrown(err, config, fetchImpl, options.probeCors ?? false);
      break;
    }
    if (status < 200 || status >= 300) {
      out.error = httpError(status, text);
      break;
    }
    out.pages++;
    out.bytes += text.length;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      out.error = {
        kind: 'format',
        status,
        message: /^\s*</.test(text)
          ? '这个地址返回的是网页，不是 xAPI 数据：请填学习记录服务器的 xAPI 地址（例如 https://lrs.example.com/xapi）'
          : '学习记录服务器返回的不是 JSON，无法读取',
      };
      break;
    }
    const result = body as { statements?: unknown; more?: unknown };
    if (!result || typeof result !== 'object' || !Array.isArray(result.statements)) {
      out.error = { kind: 'format', status, message: '学习记录服务器的回答里没有 statements 列表：这个地址可能不是 xAPI 地址' };
      break;
    }
    for (const s of result.statements as LrsStatement[]) {
      if (!s || typeof s !== 'object' || typeof s.id !== 'string' || seen.has(s.id)) continue;
      seen.add(s.id);
      out.statements.push(s);
      if (typeof s.stored === 'string' && (!out.latestStored || s.stored > out.latestStored)) out.latestStored = s.stored;
    }
    const more = typeof result.more === 'string' ? result.more.trim() : '';
    if (!more || !result.statements.length) break;
    try {
      // Some LRSs (Learning Locker's) put the activity IRI into `more` unencoded: a raw '#' would
      // start a fragment and drop the rest of the query (the cursor), so it is encoded here.
      url = new URL(more.replace(/#/g, '%23'), trimEndpoint(config.endpoint) + '/').toString();
    } catch {
      out.error = { kind: 'format', status, message: `学习记录服务器给的下一页地址无效：${more.slice(0, 80)}` };
      break;
    }
  }
  return out;
}
