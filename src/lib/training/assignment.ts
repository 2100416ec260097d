/**
 * An assignment (培训任务): what a trainer gives a group of new hires for a week, and the link
 * that carries it. The site is static, so the whole assignment travels inside the link:
 *
 *   https://<site>/my/?a=1.<payload>.<crc>
 *
 *   1          link format version (ASSIGNMENT_LINK_VERSION); a newer one is refused with a message
 *   <payload>  base64url (no padding) of the UTF-8 bytes of the compact JSON below
 *   <crc>      CRC-32 of those same UTF-8 bytes, 8 hex digits: a truncated or edited link fails it
 *
 * Compact JSON (short keys keep the link and its QR code small):
 *
 *   {
 *     "i": "k3x9q2m7ab",             assignment id: 6-16 of [a-z0-9], random, made by the builder
 *     "g": "6月第2周新人组",          group name (1-40 characters)
 *     "r": "王老师",                  trainer's name (optional, ≤ 20)
 *     "c": 1748736000,               created at, Unix seconds (trainer's clock)
 *     "d": "2025-06-08",             due date (last day, inclusive) in the trainer's time zone
 *     "z": 480,                      that time zone: minutes east of UTC (China: 480)
 *     "p": 80,                       pass mark in percent (0-100, integer), for every item
 *     "q": [["cancel-order", 2]],    quizzes: [id, version] (the version the trainer saw)
 *     "s": [["bargain-repeat", 1]],  chat scenarios: [id, version]
 *     "n": ["张三", "李四"],          trainee names (optional, each 1-20 characters, ≤ 100)
 *     "m": "周五前完成",              note to the trainees (optional, ≤ 200)
 *     "x": { "e": "https://lrs.example/xapi", "a": "Basic …" }   optional xAPI LRS: endpoint, auth
 *     "e": 1                         exam mode required: only exam attempts count (builder default;
 *                                    links made before it existed have no "e" and count any attempt)
 *   }
 *
 * At least one quiz or scenario, at most 60 items together, no item twice, no name twice; the
 * creation time between 2000 and 2100 and the due date not before the day it was created.
 * A link code longer than MAX_CODE_CHARS is refused before it is decoded. decodeAssignment() reports every
 * problem in Chinese, naming what is wrong; nothing is saved from a link that does not decode.
 */
import { z } from 'zod';
import { idSchema } from '../../schemas/common.ts';
import { Base64UrlError, crc32Hex, fromBase64Url, fromUtf8, toBase64Url, utf8 } from './codec.ts';

export const ASSIGNMENT_LINK_VERSION = 1;
/** Query parameter that carries the code: /my/?a=<code>. */
export const ASSIGNMENT_PARAM = 'a';
export const MAX_ITEMS = 60;
export const MAX_TRAINEES = 100;
/** The longest link code read (a full assignment with 100 names and an LRS is about 4,000). */
export const MAX_CODE_CHARS = 8000;
/** Creation times accepted: 2000-01-01 to 2100-01-01 (Unix seconds). */
const MIN_CREATED_S = 946_684_800;
const MAX_CREATED_S = 4_102_444_800;

export type ItemKind = 'quiz' | 'chat';

export interface AssignmentItem {
  kind: ItemKind;
  /** Quiz id or scenario id. */
  id: string;
  /** The content's `version` when the trainer made the assignment. */
  version: number;
}

/** An assignment as the site uses it (the readable form of the compact JSON). */
export interface Assignment {
  id: string;
  group: string;
  trainer?: string;
  /** ISO 8601 (UTC), whole seconds. */
  createdAt: string;
  /** YYYY-MM-DD, the last day, inclusive. */
  due: string;
  /** Minutes east of UTC of the due date's time zone. */
  tz: number;
  passMark: number;
  items: AssignmentItem[];
  trainees: string[];
  note?: string;
  lrs?: { endpoint: string; auth?: string };
  /** Exam mode required: practice attempts never count toward this assignment. */
  examOnly?: boolean;
}

/** Human names of the compact keys, for error messages. */
export const FIELD_NAMES: Record<string, string> = {
  i: '任务编号 (i)',
  g: '培训组名称 (g)',
  r: '带教老师 (r)',
  c: '创建时间 (c)',
  d: '截止日期 (d)',
  z: '时区 (z)',
  p: '及格线 (p)',
  q: '测验列表 (q)',
  s: '模拟对话列表 (s)',
  n: '学员名单 (n)',
  m: '说明 (m)',
  x: '学习记录服务器 LRS (x)',
  e: '考试模式 (e)',
};

const name = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2100) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const itemRef = z.tuple([idSchema, z.number().int().positive()]);

const httpUrl = z
  .string()
  .max(300, '不能超过 300 个字符')
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, '应是以 http:// 或 https:// 开头的网址');

/** The compact JSON inside the link. */
export const wireSchema = z
  .object({
    i: z.string().regex(/^[a-z0-9]{6,16}$/, '应是 6-16 位小写字母或数字'),
    g: name(40),
    r: name(20).optional(),
    c: z.number().int().min(MIN_CREATED_S, '应是 2000 年到 2100 年之间的时间').max(MAX_CREATED_S, '应是 2000 年到 2100 年之间的时间'),
    d: z.string().refine(validDate, '应是 2000-2100 年间的有效日期 YYYY-MM-DD'),
    z: z.number().int().min(-840).max(840),
    p: z.number().int().min(0).max(100),
    q: z.array(itemRef).max(MAX_ITEMS).default([]),
    s: z.array(itemRef).max(MAX_ITEMS).default([]),
    n: z.array(name(20)).max(MAX_TRAINEES, `最多 ${MAX_TRAINEES} 人`).default([]),
    m: z.string().trim().max(200, '不能超过 200 个字符').optional(),
    x: z.object({ e: httpUrl, a: z.string().max(500).optional() }).optional(),
    e: z.literal(1).optional(),
  })
  .strict()
  .refine((w) => w.q.length + w.s.length > 0, { message: '至少要布置一个测验或模拟对话', path: ['q'] })
  .refine((w) => w.q.length + w.s.length <= MAX_ITEMS, { message: `测验和模拟对话合计最多 ${MAX_ITEMS} 项`, path: ['q'] })
  .superRefine((w, ctx) => {
    const twice = (list: readonly string[]) => list.find((x, i) => list.indexOf(x) !== i);
    const q = twice(w.q.map(([id]) => id));
    if (q !== undefined) ctx.addIssue({ code: 'custom', message: `测验 “${q}” 出现了两次`, path: ['q'] });
    const s = twice(w.s.map(([id]) => id));
    if (s !== undefined) ctx.addIssue({ code: 'custom', message: `模拟对话 “${s}” 出现了两次`, path: ['s'] });
    const n = twice(w.n.map((x) => x.trim()));
    if (n !== undefined) ctx.addIssue({ code: 'custom', message: `学员 “${n}” 出现了两次`, path: ['n'] });
    // The due date may be the creation day in any time zone, never a day before it.
    if (!(w.c >= MIN_CREATED_S && w.c <= MAX_CREATED_S)) return; // already reported on c
    const createdDay = new Date((w.c + w.z * 60) * 1000).toISOString().slice(0, 10);
    if (w.d < createdDay) ctx.addIssue({ code: 'custom', message: `截止日期 ${w.d} 早于任务创建的日期 ${createdDay}`, path: ['d'] });
  });
export type AssignmentWire = z.infer<typeof wireSchema>;
/** The compact JSON as written (optional lists left out). */
export type AssignmentWireInput = z.input<typeof wireSchema>;

export function toWire(a: Assignment): AssignmentWireInput {
  const ref = (kind: ItemKind) => a.items.filter((i) => i.kind === kind).map((i): [string, number] => [i.id, i.version]);
  return {
    i: a.id,
    g: a.group,
    ...(a.trainer ? { r: a.trainer } : {}),
    c: Math.floor(Date.parse(a.createdAt) / 1000),
    d: a.due,
    z: a.tz,
    p: a.passMark,
    q: ref('quiz'),
    s: ref('chat'),
    ...(a.trainees.length ? { n: a.trainees } : {}),
    ...(a.note ? { m: a.note } : {}),
    ...(a.lrs ? { x: { e: a.lrs.endpoint, ...(a.lrs.auth ? { a: a.lrs.auth } : {}) } } : {}),
    ...(a.examOnly ? { e: 1 as const } : {}),
  };
}

export function fromWire(w: AssignmentWire): Assignment {
  return {
    id: w.i,
    group: w.g,
    ...(w.r ? { trainer: w.r } : {}),
    createdAt: new Date(w.c * 1000).toISOString(),
    due: w.d,
    tz: w.z,
    passMark: w.p,
    items: [
      ...w.q.map(([id, version]): AssignmentItem => ({ kind: 'quiz', id, version })),
      ...w.s.map(([id, version]): AssignmentItem => ({ kind: 'chat', id, version })),
    ],
    trainees: w.n,
    ...(w.m ? { note: w.m } : {}),
    ...(w.x ? { lrs: { endpoint: w.x.e, ...(w.x.a ? { auth: w.x.a } : {}) } } : {}),
    ...(w.e === 1 ? { examOnly: true } : {}),
  };
}

/** The link code for an assignment: "1.<base64url>.<crc32>". */
export function encodeAssignment(a: Assignment): string {
  const bytes = utf8(JSON.stringify(toWire(a)));
  return `${ASSIGNMENT_LINK_VERSION}.${toBase64Url(bytes)}.${crc32Hex(bytes)}`;
}

/** The full link: <origin>/my/?a=<code>. */
export function assignmentUrl(origin: string, path: string, a: Assignment): string {
  return `${origin.replace(/\/$/, '')}${path}?${ASSIGNMENT_PARAM}=${encodeAssignment(a)}`;
}

export type DecodedAssignment =
  | { ok: true; assignment: Assignment; code: string }
  | { ok: false; problem: 'missing' | 'format' | 'version' | 'truncated' | 'checksum' | 'content'; message: string };

const fail = (problem: Exclude<DecodedAssignment, { ok: true }>['problem'], message: string): DecodedAssignment => ({
  ok: false,
  problem,
  message,
});

const TRUNCATED =
  '链接不完整：结尾的校验码缺失或不全，链接可能在复制、转发时被截断。没有保存任何内容，请向带教老师要完整的链接或扫描二维码。';
const CHANGED = '链接校验失败：内容与校验码不符，链接被截断或改动过。没有保存任何内容，请向带教老师重新获取链接。';

/**
 * Reads a link code, or a whole link (anything containing "a=<code>"), and checks it. Spaces and
 * line breaks inside the code (inserted by some chat apps) are ignored.
 */
export function decodeAssignment(input: string | null | undefined): DecodedAssignment {
  // URLs never contain whitespace: any inside was added on the way (line breaks by chat apps).
  let code = (input ?? '').replace(/\s+/g, '');
  const param = /(?:^|[?&#])a=([^&#]*)/.exec(code);
  if (param) {
    try {
      code = decodeURIComponent(param[1] ?? '');
    } catch {
      code = param[1] ?? '';
    }
  } else if (/^https?:\/\//i.test(code) || code.startsWith('/')) {
    return fail('missing', '这个网址里没有培训任务（缺少 “a=” 参数）。请打开带教老师发来的完整链接。');
  }
  if (!code) return fail('missing', '链接里没有培训任务内容（“a=” 后面是空的），链接可能被截断了。');
  if (code.length > MAX_CODE_CHARS)
    return fail('format', `链接太长（${code.length} 个字符，最多 ${MAX_CODE_CHARS}），不是本网站生成的培训任务，没有保存。`);

  const parts = code.split('.');
  const version = parts[0] ?? '';
  if (!/^\d+$/.test(version)) {
    return fail(
      'format',
      `不是培训任务链接：内容应以版本号开头（例如 “${ASSIGNMENT_LINK_VERSION}.”），实际以 “${version.slice(0, 12)}” 开头。`,
    );
  }
  if (Number(version) !== ASSIGNMENT_LINK_VERSION) {
    return Number(version) > ASSIGNMENT_LINK_VERSION
      ? fail(
          'version',
          `这个链接是由更新版本的网站生成的（链接格式第 ${version} 版），当前页面只认识第 ${ASSIGNMENT_LINK_VERSION} 版。请刷新页面（或清除缓存）后再打开链接。`,
        )
      : fail('version', `链接格式第 ${version} 版不受支持（当前为第 ${ASSIGNMENT_LINK_VERSION} 版），请向带教老师要新的链接。`);
  }
  if (parts.length > 3) return fail('format', '链接格式不对：应由版本号、内容和校验码三段组成，用 “.” 分隔。');
  const [, payload = '', checksum] = parts;
  if (checksum === undefined || !/^[0-9a-f]{8}$/.test(checksum)) return fail('truncated', TRUNCATED);
  if (!payload) return fail('truncated', TRUNCATED);

  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(payload);
  } catch (err) {
    if (err instanceof Base64UrlError && err.kind === 'character') return fail('checksum', `${CHANGED}（${err.message}）`);
    return fail('checksum', CHANGED);
  }
  if (crc32Hex(bytes) !== checksum) return fail('checksum', CHANGED);

  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(bytes));
  } catch {
    return fail('content', '链接校验码正确，但内容不是可读的培训任务（不是有效的 JSON）。请向带教老师要新的链接。');
  }
  const parsed = wireSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((issue) => {
      const key = String(issue.path[0] ?? '');
      const field = FIELD_NAMES[key] ?? (key ? `字段 “${key}”` : '内容');
      const rest = issue.path
        .slice(1)
        .map((p) => (typeof p === 'number' ? `第 ${p + 1} 项` : String(p)))
        .join(' ');
      const message = issue.code === 'unrecognized_keys' ? `有不认识的字段 ${issue.keys.join('、')}` : issue.message;
      return `${field}${rest ? ` ${rest}` : ''}：${message}`;
    });
    return fail('content', `链接里的培训任务内容有误，没有保存：${lines.join('；')}`);
  }
  return { ok: true, assignment: fromWire(parsed.data), code };
}

/** The moment the due date ends: 23:59:59.999 of `due` in the assignment's time zone, as epoch ms. */
export function deadline(a: Pick<Assignment, 'due' | 'tz'>): number {
  const [y, m, d] = a.due.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 23, 59, 59, 999) - a.tz * 60_000;
}

/** True when `at` (ISO time or epoch ms) is after the due date. */
export function isLate(a: Pick<Assignment, 'due' | 'tz'>, at: string | number): boolean {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(t) && t > deadline(a);
}

/** A new random assignment id (10 characters of [a-z0-9]). */
export function newAssignmentId(random: () => number = Math.random): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 10; i++) id += chars[Math.floor(random() * chars.length) % chars.length];
  return id;
}

/** Same assignment? Compares the canonical link payloads (the code is deterministic). */
export function sameAssignment(a: Assignment, b: Assignment): boolean {
  return encodeAssignment(a) === encodeAssignment(b);
}

/** Key of an item: "quiz:<id>" / "chat:<id>". */
export const itemKey = (item: Pick<AssignmentItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`;
