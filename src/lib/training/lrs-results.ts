/**
 * From LRS statements to the dashboard's rows, with the same code as result files:
 *
 * - statementsToImports(): the work carried by the statements (xapi.ts: the quiz attempt file or
 *   the chat entry in result.extensions) of one trainee and one assignment becomes one result file
 *   (StoredImport, kept in memory, never saved as an import), built with the trainer's own link
 *   code; regradeImports() then grades it like any file, and an attempt that also came in a file
 *   counts once (`duplicate`). Statements of other assignments or other sites, score-only
 *   statements and malformed work are left out, each kind with one message saying how many and why.
 * - rosterRows(): the link's name list is the roster: one row per listed trainee with a status
 *   (未开始 / 进行中 / 已完成 / 已通过 / 未通过 / 逾期), plus rows for names not on the list.
 * - nudgeMessage(): the short text for the team's WeChat group (who is missing what).
 * - itemSheetCsv(): one row per trainee × item (score, passed, mode, attempts, time spent, late).
 */
import { attemptSchema, type Attempt } from '../quiz/attempt.ts';
import { deadline, itemKey, type Assignment } from './assignment.ts';
import type { TraineeRow } from './aggregate.ts';
import { toCsv, type Cell } from './csv.ts';
import type { LrsStatement } from './lrs-client.ts';
import type { ImportMessage, StoredImport } from './regrade.ts';
import {
  chatEntrySchema,
  RESULT_FORMAT,
  RESULT_FORMAT_VERSION,
  traineeNameSchema,
  type ChatEntry,
  type ResultFile,
} from './result-file.ts';
import { EXT, VERBS } from './xapi.ts';

/** An assignment the trainer knows, with its link code (the trusted copy). */
export interface KnownAssignment {
  assignment: Assignment;
  code: string;
}

/** Source label of LRS rows (shown where a file name would be). */
export const LRS_SOURCE = '学习记录服务器';

/** The assignment IRI's tail: …/my/#assignment-<id>. */
const ASSIGNMENT_IRI = /\/my\/#assignment-([a-z0-9]{6,16})$/;

const extValue = (exts: Record<string, unknown> | undefined, name: string): unknown => {
  if (!exts) return undefined;
  for (const [k, v] of Object.entries(exts)) if (k.endsWith(`/xapi/extensions/${name}`)) return v;
  return undefined;
};

const originOf = (iri: string): string | undefined => {
  try {
    return new URL(iri).origin;
  } catch {
    return undefined;
  }
};

/** Who and which assignment a statement belongs to, or why it cannot be used. */
function statementAssignment(s: LrsStatement): { id: string; origin: string | undefined } | undefined {
  const own = typeof s.object?.id === 'string' ? ASSIGNMENT_IRI.exec(s.object.id) : null;
  if (own) return { id: own[1]!, origin: originOf(s.object!.id!) };
  for (const p of s.context?.contextActivities?.parent ?? []) {
    const m = typeof p?.id === 'string' ? ASSIGNMENT_IRI.exec(p.id) : null;
    if (m) return { id: m[1]!, origin: originOf(p.id!) };
  }
  const id = extValue(s.context?.extensions, EXT.assignment);
  if (typeof id === 'string' && /^[a-z0-9]{6,16}$/.test(id)) return { id, origin: s.object?.id ? originOf(s.object.id) : undefined };
  return undefined;
}

function actorOf(s: LrsStatement): { name: string; device: string } | undefined {
  const name = s.actor?.name;
  const account = s.actor?.account?.name;
  if (typeof name !== 'string' || typeof account !== 'string') return undefined;
  const slash = account.indexOf('/');
  const device = slash > 0 ? account.slice(0, slash) : account;
  const checked = traineeNameSchema.safeParse(name);
  if (!checked.success || !/^[a-z0-9]{6,32}$/.test(device)) return undefined;
  return { name: checked.data, device };
}

export interface StatementsReading {
  /** One per (assignment, trainee device, name): a result file made from the statements. */
  imports: StoredImport[];
  /** assignment id → names that opened an item (attempted) or finished something. */
  active: Map<string, Set<string>>;
  messages: ImportMessage[];
  /** Statements used (work) / seen. */
  used: number;
  seen: number;
  /** Chat attempt key → mode (sent next to the chat entry). */
  modes: Map<string, string>;
}

/**
 * Turns statements into result files for regradeImports. `origin` (the site's, e.g.
 * https://sop.example.com) names statements from another site; without it any origin is accepted.
 */
export function statementsToImports(
  statements: readonly LrsStatement[],
  known: readonly KnownAssignment[],
  options: { origin?: string; now?: Date } = {},
): StatementsReading {
  const byId = new Map(known.map((k) => [k.assignment.id, k]));
  const groups = new Map<string, { k: KnownAssignment; trainee: { name: string; device: string }; file: ResultFile; latest: string }>();
  const active = new Map<string, Set<string>>();
  const counts = { foreignSite: 0, otherAssignment: 0, noWork: 0, badActor: 0 };
  const badWork: string[] = [];
  const seenIds = new Set<string>();
  let used = 0;
  const sites = new Set<string>();
  const modes = new Map<string, string>();
  for (const s of statements) {
    if (!s || typeof s.id !== 'string' || seenIds.has(s.id)) continue;
    seenIds.add(s.id);
    const where = statementAssignment(s);
    if (!where) {
      counts.otherAssignment++;
      continue;
    }
    if (options.origin && where.origin && where.origin !== options.origin) {
      counts.foreignSite++;
      sites.add(where.origin);
      continue;
    }
    const k = byId.get(where.id);
    if (!k) {
      counts.otherAssignment++;
      continue;
    }
    const trainee = actorOf(s);
    if (!trainee) {
      counts.badActor++;
      continue;
    }
    const verb = s.verb?.id;
    if (verb === VERBS.attempted.id || verb === VERBS.passed.id || verb === VERBS.failed.id) {
      const set = active.get(k.assignment.id) ?? new Set<string>();
      set.add(trainee.name);
      active.set(k.assignment.id, set);
    }
    if (verb !== VERBS.passed.id && verb !== VERBS.failed.id) continue;
    const quizWork = extValue(s.result?.extensions, EXT.quizWork);
    const chatWork = extValue(s.result?.extensions, EXT.chatWork);
    if (quizWork === undefined && chatWork === undefined) {
      counts.noWork++;
      continue;
    }
    let attempt: Attempt | undefined;
    let chat: ChatEntry | undefined;
    if (quizWork !== undefined) {
      const r = attemptSchema.safeParse(quizWork);
      if (r.success) attempt = r.data;
      else badWork.push(`${s.id}（${trainee.name}）：${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`);
    } else {
      const r = chatEntrySchema.safeParse(chatWork);
      if (r.success) {
        chat = r.data;
        // The mode rides next to the entry; kept apart so the entry equals the file's copy.
        const mode = (chatWork as { mode?: unknown }).mode;
        if (mode === 'practice' || mode === 'exam') modes.set(`chat:${chat.scenario}:${chat.startedAt}`, mode);
      } else badWork.push(`${s.id}（${trainee.name}）：${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`);
    }
    if (!attempt && !chat) continue;
    used++;
    const key = `${k.assignment.id}|${trainee.device}|${trainee.name}`;
    let g = groups.get(key);
    const siteVersion = extValue(s.context?.extensions, EXT.siteVersion);
    const stamp = [s.stored, s.timestamp].filter((x): x is string => typeof x === 'string' && Number.isFinite(Date.parse(x))).sort();
    const latest = stamp[stamp.length - 1] ?? (options.now ?? new Date()).toISOString();
    if (!g) {
      const a = k.assignment;
      g = {
        k,
        trainee,
        latest,
        file: {
          format: RESULT_FORMAT,
          formatVersion: RESULT_FORMAT_VERSION,
          siteVersion: typeof siteVersion === 'string' && /^[0-9a-f]{8}$/.test(siteVersion) ? siteVersion : '00000000',
          exportedAt: latest,
          trainee,
          assignment: { code: k.code, id: a.id, group: a.group, due: a.due, passMark: a.passMark },
          quizAttempts: [],
          chats: [],
        },
      };
      groups.set(key, g);
    }
    if (latest > g.latest) {
      g.latest = latest;
      g.file.exportedAt = latest;
      if (typeof siteVersion === 'string' && /^[0-9a-f]{8}$/.test(siteVersion)) g.file.siteVersion = siteVersion;
    }
    if (attempt) g.file.quizAttempts.push(attempt);
    if (chat) g.file.chats.push(chat);
  }
  const imports: StoredImport[] = [...groups.values()].map((g) => {
    g.file.quizAttempts.sort((x, y) => x.startedAt.localeCompare(y.startedAt));
    g.file.chats.sort((x, y) => x.startedAt.localeCompare(y.startedAt));
    return {
      id: `lrs-${g.k.assignment.id}-${g.trainee.device}-${g.trainee.name}`,
      fileName: `${LRS_SOURCE}：${g.trainee.name}`,
      size: 0,
      importedAt: g.latest,
      file: g.file,
    };
  });
  const messages: ImportMessage[] = [];
  const note = (level: ImportMessage['level'], text: string) => messages.push({ file: LRS_SOURCE, level, text });
  if (counts.foreignSite)
    note('warning', `${counts.foreignSite} 条记录来自另一个网站（${[...sites].slice(0, 3).join('、')}），不是本站布置的任务，已忽略`);
  if (counts.otherAssignment) note('info', `${counts.otherAssignment} 条记录不属于本设备上布置的培训任务，已忽略`);
  if (counts.badActor) note('warning', `${counts.badActor} 条记录的学员信息不完整或姓名无效，已忽略`);
  if (counts.noWork)
    note('info', `${counts.noWork} 条记录只有成绩、没有答案（旧版网站发送的），无法重新评分，未计入；请学员在“我的培训”里点“立即发送”补发`);
  if (badWork.length)
    note(
      'warning',
      `${badWork.length} 条记录里的作答数据已损坏或被改动，已忽略：${badWork.slice(0, 3).join('；')}${badWork.length > 3 ? ' …' : ''}`,
    );
  return { imports, active, messages, used, seen: seenIds.size, modes };
}

/* ——— roster ——— */

export type RosterStatus = 'not-started' | 'in-progress' | 'completed' | 'passed' | 'failed' | 'overdue';

export const ROSTER_STATUS_ZH: Record<RosterStatus, string> = {
  'not-started': '未开始',
  'in-progress': '进行中',
  completed: '已完成',
  passed: '已通过',
  failed: '未通过',
  overdue: '逾期',
};

export interface RosterRow {
  key: string;
  name: string;
  assignment: Assignment;
  status: RosterStatus;
  /** The trainee's results (absent: nothing received yet). */
  row?: TraineeRow;
  /** Not on the link's name list (typed by the trainee, or the list was empty). */
  unlisted: boolean;
  /** Items with no counted attempt yet. */
  missing: string[];
}

/** Name comparison that survives full-width characters, spaces and case. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function statusOf(a: Assignment, row: TraineeRow | undefined, active: boolean, now: Date): RosterStatus {
  const over = now.getTime() > deadline(a);
  if (row && row.assigned > 0 && row.done === row.assigned) {
    if (row.flagged) return 'completed';
    return row.passed ? 'passed' : 'failed';
  }
  if (over) return 'overdue';
  if (row && (row.done > 0 || row.files.length > 0)) return 'in-progress';
  return active ? 'in-progress' : 'not-started';
}

/**
 * One row per listed trainee of every assignment (in list order), then the rows of names not on
 * a list. A typed name matches a listed one when equal after NFKC, spaces and case are ignored.
 */
export function rosterRows(
  rows: readonly TraineeRow[],
  assignments: readonly Assignment[],
  active: ReadonlyMap<string, ReadonlySet<string>>,
  titleOf: (a: Assignment, key: string) => string,
  now: Date = new Date(),
): RosterRow[] {
  const out: RosterRow[] = [];
  const taken = new Set<TraineeRow>();
  const all = new Map<string, Assignment>();
  for (const a of assignments) all.set(a.id, a);
  for (const r of rows) if (!all.has(r.assignment.id)) all.set(r.assignment.id, r.assignment);
  const missingOf = (a: Assignment, row: TraineeRow | undefined) =>
    a.items.filter((it) => !row?.items.find((x) => itemKey(x.item) === itemKey(it))?.best).map((it) => titleOf(a, itemKey(it)));
  for (const a of all.values()) {
    const mine = rows.filter((r) => r.assignment.id === a.id);
    const activeNames = new Set([...(active.get(a.id) ?? [])].map(nameKey));
    for (const name of a.trainees) {
      const row =
        mine.find((r) => !taken.has(r) && r.name === name) ?? mine.find((r) => !taken.has(r) && nameKey(r.name) === nameKey(name));
      if (row) taken.add(row);
      out.push({
        key: `${a.id}|${name}`,
        name,
        assignment: a,
        status: statusOf(a, row, activeNames.has(nameKey(name)), now),
        ...(row ? { row } : {}),
        unlisted: false,
        missing: missingOf(a, row),
      });
    }
    for (const row of mine) {
      if (taken.has(row)) continue;
      out.push({
        key: row.key,
        name: row.name,
        assignment: a,
        status: statusOf(a, row, true, now),
        row,
        unlisted: a.trainees.length > 0,
        missing: missingOf(a, row),
      });
    }
  }
  return out;
}

/**
 * The reminder for the team's WeChat group: who has not finished what, per assignment (only the
 * rows given, so a filter applies). Empty when nobody is missing anything.
 */
export function nudgeMessage(rows: readonly RosterRow[], now: Date = new Date()): string {
  const byAssignment = new Map<string, RosterRow[]>();
  for (const r of rows) {
    if (r.status === 'passed' || r.status === 'failed' || r.status === 'completed') continue;
    byAssignment.set(r.assignment.id, [...(byAssignment.get(r.assignment.id) ?? []), r]);
  }
  const parts: string[] = [];
  for (const list of byAssignment.values()) {
    const a = list[0]!.assignment;
    const over = now.getTime() > deadline(a);
    const lines = list.map((r) => {
      const what = r.status === 'not-started' ? '还没开始' : `还差 ${r.missing.join('、')}`;
      return `@${r.name} ${what}`;
    });
    parts.push(
      `【${a.group}】培训任务${over ? `已于 ${a.due} 截止` : `截止 ${a.due}`}，以下同事还没完成：\n${lines.join('\n')}\n${over ? '请尽快补完。' : '请在截止前完成，谢谢！'}`,
    );
  }
  return parts.join('\n\n');
}

/* ——— per-item sheet ——— */

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Header and rows of the per-item sheet: one row per trainee × assigned item. */
export function itemSheet(
  roster: readonly RosterRow[],
  titleOf: (a: Assignment, key: string) => string,
  modes: ReadonlyMap<string, string> = new Map(),
  at: Date = new Date(),
): { header: string[]; rows: Cell[][] } {
  const header = [
    '培训组',
    '任务编号',
    '学员',
    '状态',
    '项目',
    '类型',
    '得分',
    '等级',
    '通过',
    '模式',
    '次数',
    '用时（分钟）',
    '逾期',
    '需核对',
  ];
  const rows: Cell[][] = [];
  for (const r of roster) {
    for (const it of r.assignment.items) {
      const key = itemKey(it);
      const ri = r.row?.items.find((x) => itemKey(x.item) === key);
      const best = ri?.best;
      rows.push([
        r.assignment.group,
        r.assignment.id,
        r.name,
        ROSTER_STATUS_ZH[r.status],
        titleOf(r.assignment, key),
        it.kind === 'quiz' ? '测验' : '模拟对话',
        best?.score ?? null,
        best?.grade ?? null,
        best ? (best.passed ? '是' : '否') : null,
        best ? (MODE_ZH[modes.get(best.key) ?? ''] ?? null) : null,
        ri?.attempts ?? 0,
        best?.durationMs !== undefined ? round1(best.durationMs / 60_000) : null,
        best ? (best.late ? '是' : '否') : at.getTime() > deadline(r.assignment) ? '是' : '否',
        best?.flags.length ? best.flags.map((f) => f.message).join('；') : null,
      ]);
    }
  }
  return { header, rows };
}

const MODE_ZH: Record<string, string> = { practice: '练习', exam: '考试' };

/** Attempt key (regrade.ts RegradedItem.key) → mode, from the raw work of the imports. */
export function attemptModes(imports: readonly StoredImport[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const imp of imports) {
    for (const a of imp.file.quizAttempts) out.set(`quiz:${a.quiz}:${a.startedAt}:${a.seed}`, a.mode);
    for (const c of imp.file.chats) {
      const mode = (c as { mode?: unknown }).mode;
      if (typeof mode === 'string') out.set(`chat:${c.scenario}:${c.startedAt}`, mode);
    }
  }
  return out;
}

export function itemSheetCsv(
  roster: readonly RosterRow[],
  titleOf: (a: Assignment, key: string) => string,
  modes: ReadonlyMap<string, string> = new Map(),
  at: Date = new Date(),
): string {
  const sheet = itemSheet(roster, titleOf, modes, at);
  return toCsv(sheet.header, sheet.rows);
}
