/**
 * 我的培训: the new hire's assignments, their progress and the result file. The island renders
 * this state; records go through the injected DeviceStore (src/lib/training/device-records.ts has the shapes).
 *
 * - load(): reads assignments, quiz attempts, chat reports and the trainee's name. Called again
 *   when the tab regains focus or another tab announces a change (BroadcastChannel), so a quiz
 *   finished in another tab shows up without a reload.
 * - openLink(input): decodes a link (?a=…); a link that does not decode saves nothing and sets
 *   `linkError`. A good one is saved at once (read-modify-write, so another tab's changes to the
 *   same record are kept).
 * - resultFile(id) / resultCsv(id): the export (result-file.ts); needs the trainee's name.
 * - sendXapi(id): when the assignment names an LRS, sends the statements not sent yet.
 * Every storage failure lands in `problem` (shown by the island), never swallowed.
 */
import { decodeAssignment, itemKey, type Assignment } from '../../lib/training/assignment.ts';
import { assignmentDiff } from '../../lib/training/regrade.ts';
import { buildResultFile, resultFileName, selectForAssignment, traineeNameSchema } from '../../lib/training/result-file.ts';
import { assignmentProgress, type AssignmentProgress, type DeviceAttempt } from '../../lib/training/progress.ts';
import { resultFileCsv } from '../../lib/training/exports.ts';
import {
  assignmentStatement,
  attemptStatement,
  buildAttemptedStatement,
  sendStatements,
  type FetchLike,
  type XapiAttemptedStatement,
  type XapiStatement,
} from '../../lib/training/xapi.ts';
import { toDeviceStoreError, type DeviceStore, type DeviceStoreError } from '../state/device-store.ts';
import type { AttemptRecord } from '../../lib/quiz/attempt-record.ts';
import type { ChatReportRecord } from '../../lib/chat/report-record.ts';
import type { Catalogue, CatalogueItem } from './catalogue.ts';
import {
  attemptToDevice,
  chatToDevice,
  newAssignmentRecord,
  newDeviceId,
  readAssignmentRecord,
  toAttempt,
  toChatEntry,
  type AssignmentRecord,
  type TraineeMeta,
} from '../../lib/training/device-records.ts';

export interface MyTrainingOptions {
  store: DeviceStore;
  catalogue: Catalogue;
  /** Site origin for xAPI activity ids, e.g. https://sop.example.com. */
  origin: string;
  now?: () => Date;
  fetch?: FetchLike;
  random?: () => number;
  /** Called after every write (the island broadcasts it to other tabs). */
  onchange?: () => void;
}

export type XapiState = { state: 'idle' | 'sending' | 'sent' | 'error'; message?: string };

export class MyTraining {
  readonly catalogue: Catalogue;
  #store: DeviceStore;
  #now: () => Date;
  #fetch: FetchLike | undefined;
  #random: () => number;
  #origin: string;
  #onchange: () => void;
  #items: Map<string, CatalogueItem>;
  #attemptRecords: AttemptRecord[] = [];
  #chatRecords: ChatReportRecord[] = [];

  phase: 'loading' | 'ready' = $state('loading');
  assignments: AssignmentRecord[] = $state([]);
  attempts: DeviceAttempt[] = $state([]);
  trainee: TraineeMeta | null = $state(null);
  /** The latest storage failure. */
  problem: DeviceStoreError | null = $state(null);
  /** Why the last link could not be opened. */
  linkError: string | null = $state(null);
  /** Records that could not be read (named), each shown with its own message and a remove button. */
  recordProblems: Array<{ id?: string; message: string }> = $state([]);
  /**
   * A link with the id of a saved assignment but other content: never replaces it silently. The
   * island shows the differences and asks (acceptReplace / keepSaved).
   */
  pendingReplace: { id: string; code: string; assignment: Assignment; diff: string[] } | null = $state(null);
  /** The assignment just opened from a link. */
  justOpened: string | null = $state(null);
  xapi: Record<string, XapiState> = $state({});

  constructor(options: MyTrainingOptions) {
    this.catalogue = options.catalogue;
    this.#store = options.store;
    this.#now = options.now ?? (() => new Date());
    this.#fetch = options.fetch;
    this.#random = options.random ?? Math.random;
    this.#origin = options.origin.replace(/\/$/, '');
    this.#onchange = options.onchange ?? (() => {});
    this.#items = new Map(options.catalogue.items.map((i) => [itemKey(i), i]));
  }

  item(kind: 'quiz' | 'chat', id: string): CatalogueItem | undefined {
    return this.#items.get(`${kind}:${id}`);
  }

  async load(): Promise<void> {
    const problems: Array<{ id?: string; message: string }> = [];
    const list = async <T>(name: 'assignments' | 'attempts' | 'chatReports'): Promise<T[]> => {
      try {
        return await this.#store.list<T & { id: string }>(name);
      } catch (err) {
        this.#fail(err, 'list');
        return [];
      }
    };
    const [rawAssignments, attempts, chats] = await Promise.all([
      list<unknown>('assignments'),
      list<AttemptRecord>('attempts'),
      list<ChatReportRecord>('chatReports'),
    ]);
    const records: AssignmentRecord[] = [];
    for (const raw of rawAssignments) {
      const read = readAssignmentRecord(raw, this.#now());
      if (!read.ok) {
        problems.push({ ...(read.id ? { id: read.id } : {}), message: read.message });
        continue;
      }
      records.push(read.record);
      if (read.migrated) await this.#put('assignments', read.record);
    }
    this.#attemptRecords = attempts.filter((r) => r && typeof r.quiz === 'string' && typeof r.startedAt === 'string');
    this.#chatRecords = chats.filter(
      (r) => r && typeof r.scenario === 'string' && typeof r.startedAt === 'string' && Array.isArray(r.replies),
    );
    this.attempts = [...this.#attemptRecords.map(attemptToDevice), ...this.#chatRecords.map(chatToDevice)];
    this.assignments = records.sort((a, b) =>
      a.assignment.due < b.assignment.due ? -1 : a.assignment.due > b.assignment.due ? 1 : b.openedAt.localeCompare(a.openedAt),
    );
    this.recordProblems = problems;
    try {
      const meta = await this.#store.get<TraineeMeta>('meta', 'trainee');
      this.trainee = meta && typeof meta.name === 'string' && typeof meta.device === 'string' ? meta : null;
    } catch (err) {
      this.#fail(err, 'get');
    }
    this.phase = 'ready';
  }

  /** Opens a link or code; returns the assignment id, or null (linkError says why; nothing saved). */
  async openLink(input: string): Promise<string | null> {
    const decoded = decodeAssignment(input);
    if (!decoded.ok) {
      this.linkError = decoded.message;
      this.justOpened = null;
      return null;
    }
    this.linkError = null;
    const a = decoded.assignment;
    let existing: AssignmentRecord | undefined;
    try {
      const raw = await this.#store.get<AssignmentRecord>('assignments', a.id);
      const read = raw ? readAssignmentRecord(raw, this.#now()) : undefined;
      existing = read?.ok ? read.record : undefined;
    } catch (err) {
      this.#fail(err, 'get');
    }
    if (existing && existing.code !== decoded.code) {
      this.pendingReplace = { id: a.id, code: decoded.code, assignment: a, diff: assignmentDiff(existing.assignment, a) };
      this.justOpened = null;
      return a.id;
    }
    const now = this.#now();
    const record: AssignmentRecord = existing
      ? { ...existing, code: decoded.code, assignment: a, updatedAt: now.toISOString() }
      : newAssignmentRecord(decoded.code, a, now);
    const saved = await this.#put('assignments', record);
    this.assignments = [record, ...this.assignments.filter((r) => r.id !== record.id)];
    this.justOpened = saved ? a.id : null;
    if (saved) this.#onchange();
    return a.id;
  }

  /** The trainee confirmed: the link's version replaces the saved assignment (its attempts stay). */
  async acceptReplace(): Promise<void> {
    const p = this.pendingReplace;
    const existing = p && this.assignments.find((r) => r.id === p.id);
    this.pendingReplace = null;
    if (!p || !existing) return;
    const { lrsConsent, ...rest } = existing;
    const keepConsent = lrsConsent && p.assignment.lrs?.endpoint === lrsConsent.endpoint ? { lrsConsent } : {};
    const record: AssignmentRecord = {
      ...rest,
      ...keepConsent,
      code: p.code,
      assignment: p.assignment,
      updatedAt: this.#now().toISOString(),
    };
    if (await this.#put('assignments', record)) {
      this.assignments = this.assignments.map((r) => (r.id === record.id ? record : r));
      this.justOpened = record.id;
      this.#onchange();
    }
  }

  /** The trainee keeps the saved assignment; the other link is ignored. */
  keepSaved(): void {
    this.pendingReplace = null;
  }

  /** Removes a record that could not be read (it never blocks the page, and can go). */
  async removeBroken(id: string): Promise<void> {
    try {
      await this.#store.delete('assignments', id);
      this.recordProblems = this.recordProblems.filter((p) => p.id !== id);
      this.#onchange();
    } catch (err) {
      this.#fail(err, 'delete');
    }
  }

  /** True when the link names an LRS and the trainee has not answered for this endpoint yet. */
  needsConsent(record: AssignmentRecord): boolean {
    const lrs = record.assignment.lrs;
    return Boolean(lrs && record.lrsConsent?.endpoint !== lrs.endpoint);
  }

  /** Whether the trainee agreed to send to the LRS this link names. */
  consented(record: AssignmentRecord): boolean {
    const lrs = record.assignment.lrs;
    return Boolean(lrs && record.lrsConsent?.answer === 'yes' && record.lrsConsent.endpoint === lrs.endpoint);
  }

  /** Records the trainee's answer for the link's LRS; sends nothing by itself. */
  async setConsent(id: string, answer: 'yes' | 'no'): Promise<void> {
    const record = this.#record(id);
    const lrs = record?.assignment.lrs;
    if (!record || !lrs) return;
    const next: AssignmentRecord = { ...record, lrsConsent: { answer, endpoint: lrs.endpoint, at: this.#now().toISOString() } };
    if (await this.#put('assignments', next)) {
      this.assignments = this.assignments.map((r) => (r.id === id ? next : r));
      this.#onchange();
    }
  }

  progress(record: AssignmentRecord): AssignmentProgress {
    return assignmentProgress(record.assignment, this.attempts, this.#now());
  }

  /** Saves the trainee's name; returns an error message or null. */
  async setName(name: string): Promise<string | null> {
    const parsed = traineeNameSchema.safeParse(name);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '姓名有误';
    const meta: TraineeMeta = { id: 'trainee', name: parsed.data, device: this.trainee?.device ?? newDeviceId(this.#random) };
    this.trainee = meta;
    if (await this.#put('meta', meta)) this.#onchange();
    return null;
  }

  async remove(id: string): Promise<void> {
    try {
      await this.#store.delete('assignments', id);
      this.assignments = this.assignments.filter((r) => r.id !== id);
      this.#onchange();
    } catch (err) {
      this.#fail(err, 'delete');
    }
  }

  #record(id: string): AssignmentRecord | undefined {
    return this.assignments.find((r) => r.id === id);
  }

  #fileFor(record: AssignmentRecord) {
    if (!this.trainee) return null;
    const a = record.assignment;
    const selected = selectForAssignment(a, this.#attemptRecords, this.#chatRecords);
    // The fingerprint saved with the chat wins; older records (without one) take the current
    // content's when the version matches.
    const hashOf = (r: ChatReportRecord) => this.#chatHash(r);
    return buildResultFile({
      assignment: a,
      code: record.code,
      trainee: { name: this.trainee.name, device: this.trainee.device },
      siteVersion: this.catalogue.siteVersion,
      attempts: selected.attempts.map(toAttempt),
      chats: selected.chats.map((r) => toChatEntry(r, hashOf(r))),
      now: this.#now(),
    });
  }

  /** The fingerprint saved with the chat wins; older records take the current content's when the version matches. */
  #chatHash(r: ChatReportRecord): string {
    if (r.scenarioHash) return r.scenarioHash;
    const item = this.item('chat', r.scenario);
    return item && item.version === r.scenarioVersion ? item.hash : '00000000';
  }

  /** The result file object (for 成绩码 and sharing), or null without a name. */
  resultFileObject(id: string): ReturnType<typeof buildResultFile> | null {
    const record = this.#record(id);
    return record ? this.#fileFor(record) : null;
  }

  /** The result file (JSON) for an assignment, or null without a name. */
  resultFile(id: string): { name: string; text: string } | null {
    const record = this.#record(id);
    const file = record ? this.#fileFor(record) : null;
    if (!record || !file) return null;
    return { name: resultFileName(file), text: `${JSON.stringify(file, null, 2)}\n` };
  }

  /** The same attempts as a CSV table. */
  resultCsv(id: string): { name: string; text: string } | null {
    const record = this.#record(id);
    const file = record ? this.#fileFor(record) : null;
    if (!record || !file) return null;
    const title = (kind: 'quiz' | 'chat', itemId: string) => this.item(kind, itemId)?.title ?? itemId;
    return { name: resultFileName(file, 'csv'), text: resultFileCsv(file, record.assignment, title) };
  }

  /** Statements for the assignment's finished attempts that the LRS has not acknowledged yet. */
  pendingStatements(id: string): Array<XapiStatement | XapiAttemptedStatement> {
    const record = this.#record(id);
    if (!record?.assignment.lrs || !this.trainee || !this.consented(record)) return [];
    const a: Assignment = record.assignment;
    const ctx = {
      origin: this.#origin,
      assignment: a,
      trainee: { name: this.trainee.name, device: this.trainee.device },
      siteVersion: this.catalogue.siteVersion,
    };
    // Only what was started after the assignment reached this device is ever sent: a forged link
    // cannot pull older attempts (or anything else on the device) to its server.
    const opened = Date.parse(record.openedAt);
    const after = <T extends { startedAt: string }>(list: readonly T[]) => list.filter((r) => Date.parse(r.startedAt) >= opened);
    const all = selectForAssignment(a, this.#attemptRecords, this.#chatRecords);
    const selected = { attempts: after(all.attempts), chats: after(all.chats) };
    const statements: Array<XapiStatement | XapiAttemptedStatement> = [
      ...selected.attempts.flatMap((r) =>
        r.finishedAt && r.result
          ? [
              attemptStatement(ctx, {
                kind: 'quiz',
                itemId: r.quiz,
                title: this.item('quiz', r.quiz)?.title ?? r.quiz,
                key: `quiz:${r.quiz}:${r.startedAt}:${r.seed}`,
                percent: r.result.percent,
                startedAt: r.startedAt,
                finishedAt: r.finishedAt,
                // The attempt itself, so the dashboard re-grades it as it would a result file.
                work: toAttempt(r),
              }),
            ]
          : [],
      ),
      ...selected.chats.map((r) =>
        attemptStatement(ctx, {
          kind: 'chat',
          itemId: r.scenario,
          title: this.item('chat', r.scenario)?.title ?? r.scenario,
          key: `chat:${r.scenario}:${r.startedAt}`,
          percent: r.report.score,
          startedAt: r.startedAt,
          finishedAt: r.finishedAt,
          work: { ...toChatEntry(r, this.#chatHash(r)), mode: r.mode },
        }),
      ),
    ];
    // 进行中 on the trainer's roster: one `attempted` per item opened here after the link arrived.
    const itemIds = new Set(a.items.map(itemKey));
    const opened_ = [
      ...this.#attemptRecords.map((r) => ({ kind: 'quiz' as const, itemId: r.quiz, startedAt: r.startedAt })),
      ...this.#chatRecords.map((r) => ({ kind: 'chat' as const, itemId: r.scenario, startedAt: r.startedAt })),
    ].filter((r) => itemIds.has(`${r.kind}:${r.itemId}`) && Date.parse(r.startedAt) >= opened);
    const firstOpen = new Map<string, (typeof opened_)[number]>();
    for (const r of opened_) {
      const k = `${r.kind}:${r.itemId}`;
      if (!firstOpen.has(k) || r.startedAt < firstOpen.get(k)!.startedAt) firstOpen.set(k, r);
    }
    for (const r of firstOpen.values())
      statements.push(
        buildAttemptedStatement(ctx, {
          kind: r.kind,
          itemId: r.itemId,
          title: this.item(r.kind, r.itemId)?.title ?? r.itemId,
          openedAt: r.startedAt,
        }),
      );
    const progress = this.progress(record);
    const sentItems = new Set([...selected.attempts.map((r) => `quiz:${r.quiz}`), ...selected.chats.map((r) => `chat:${r.scenario}`)]);
    const allAfterOpening = a.items.every((i) => sentItems.has(itemKey(i)));
    if (progress.done === progress.total && progress.completedAt && allAfterOpening) {
      statements.push(assignmentStatement(ctx, { percent: progress.percent, passed: progress.passed, finishedAt: progress.completedAt }));
    }
    const sent = new Set(record.xapi?.sent ?? []);
    return statements.filter((s) => !sent.has(s.id));
  }

  /** Sends the pending statements; records which ones the LRS took. */
  async sendXapi(id: string): Promise<void> {
    const record = this.#record(id);
    const lrs = record?.assignment.lrs;
    if (!record || !lrs || !this.#fetch) return;
    const pending = this.pendingStatements(id);
    if (!pending.length) return;
    this.xapi[id] = { state: 'sending' };
    const outcomes = await sendStatements(lrs, pending, this.#fetch);
    const ok = outcomes.filter((o) => o.ok).map((o) => o.id);
    const failed = outcomes.find((o) => !o.ok);
    // Read-modify-write: another tab may have sent some meanwhile.
    let fresh = record;
    try {
      const raw = await this.#store.get<AssignmentRecord>('assignments', id);
      const read = raw ? readAssignmentRecord(raw, this.#now()) : undefined;
      if (read?.ok) fresh = read.record;
    } catch (err) {
      this.#fail(err, 'get');
    }
    const at = this.#now().toISOString();
    const message = failed
      ? failed.status
        ? `HTTP ${failed.status}${failed.message ? ` ${failed.message}` : ''}`
        : (failed.message ?? '网络错误')
      : undefined;
    const next: AssignmentRecord = {
      ...fresh,
      updatedAt: at,
      xapi: { sent: [...new Set([...(fresh.xapi?.sent ?? []), ...ok])], at, ...(message ? { error: message } : {}) },
    };
    await this.#put('assignments', next);
    this.assignments = this.assignments.map((r) => (r.id === id ? next : r));
    this.xapi[id] = message ? { state: 'error', message } : { state: 'sent' };
  }

  async #put(store: 'assignments' | 'meta', record: { id: string }): Promise<boolean> {
    try {
      await this.#store.put(store, $state.snapshot(record) as { id: string });
      if (this.problem?.reason === 'quota' || this.problem?.reason === 'failed') this.problem = null;
      return true;
    } catch (err) {
      this.#fail(err, 'put');
      return false;
    }
  }

  #fail(err: unknown, during: string): void {
    this.problem = toDeviceStoreError(err, during);
  }

  report(problem: DeviceStoreError | null): void {
    if (problem) this.problem = problem;
  }
}
