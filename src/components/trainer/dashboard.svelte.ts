/**
 * The trainer's dashboard (/trainer/dashboard/): imported result files, re-graded, aggregated.
 *
 * - load(): fetches the grading data (/trainer/grading.json), reads the imports and the
 *   assignments built on this device from the store, and re-grades everything (regrade.ts).
 * - importFiles(files): reads the files (those over the size limit are not read), checks them
 *   (importResultFiles), saves each accepted one to "trainerImports" and re-grades. A bad file
 *   gets messages naming it; what is already on the dashboard is never touched.
 * - removeImport(id) / clear(): delete imports from the device.
 * - connectLrs / syncLrs / disconnectLrs: the Learning Record Store (lrs-client.ts). The endpoint
 *   and the trainer's read credential are kept in "meta" (trainer-lrs) on this device only; the
 *   statements read are cached in "meta" (trainer-lrs-cache) and pulled again incrementally
 *   (`since`). Their work is re-graded with the files (lrs-results.ts); the same attempt from a
 *   file and from the LRS counts once. A failed sync keeps everything already shown.
 * - importCodes(text): every 成绩码 in a pasted text, imported like files (result-code.ts).
 * Rows, the roster, failure rates and the filter options are derived (aggregate.ts, lrs-results.ts).
 */
import { decodeAssignment } from '../../lib/training/assignment.ts';
import { itemKey, type Assignment } from '../../lib/training/assignment.ts';
import {
  filterRows,
  itemTitle,
  questionRates,
  standardRates,
  traineeRows,
  type Filters,
  type QuestionRate,
  type StandardRate,
  type TraineeRow,
} from '../../lib/training/aggregate.ts';
import { gradingContext, type GradingContext, type GradingData } from '../../lib/training/grading.ts';
import {
  flagMessages,
  importResultFiles,
  regradeImports,
  storedImportProblem,
  type ImportInput,
  type ImportMessage,
  type RegradedFile,
  type StoredImport,
} from '../../lib/training/regrade.ts';
import { MAX_RESULT_FILE_BYTES } from '../../lib/training/result-file.ts';
import { toDeviceStoreError, type DeviceStore, type DeviceStoreError } from '../state/device-store.ts';
import { newTrainerRecord, readTrainerRecord, type TrainerAssignmentRecord } from '../../lib/training/device-records.ts';
import { assignmentsFileText, readAssignmentsFile } from '../../lib/training/assignments-file.ts';
import { clearKey, type FlagCode } from '../../lib/training/regrade.ts';
import { endpointProblem, nextSince, pullStatements, type LrsStatement, type ReadFetch } from '../../lib/training/lrs-client.ts';
import {
  attemptModes,
  itemSheetCsv,
  nudgeMessage,
  rosterRows,
  statementsToImports,
  type KnownAssignment,
  type RosterRow,
  type StatementsReading,
} from '../../lib/training/lrs-results.ts';
import { parseResultCodes } from '../../lib/training/result-code.ts';
import { lrsUi } from '../../i18n/zh-CN/trainer-lrs.ts';
import { traineeView, type TraineeItemView } from '../../lib/training/lrs-trainee.ts';

import { ARCHIVE_META, HISTORY_META, LRS_CACHE_META, LRS_META, saveArchived, withCurrentLink, type CodeHistory } from './trainer-meta.ts';

export { LRS_META, LRS_CACHE_META, ARCHIVE_META };
/** Automatic refresh while the dashboard is open. */
export const AUTO_SYNC_MS = 3 * 60_000;
/** Meta record of the copy / shared-device flags the trainer accepted. */
export const CLEARED_META = 'trainer-cleared';

export interface LrsSettings {
  endpoint: string;
  auth: string;
}

export interface SyncState {
  state: 'idle' | 'syncing' | 'ok' | 'error';
  /** Last successful sync (ISO). */
  at?: string;
  ms?: number;
  message?: string;
}

/** What importFiles needs from a File (tests pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

export interface DashboardOptions {
  store: DeviceStore;
  loadData: () => Promise<GradingData>;
  now?: () => Date;
  /** For the LRS (window.fetch in the page). */
  fetch?: ReadFetch;
  /** The site's origin (activity ids of the statements), e.g. location.origin. */
  origin?: string;
  /** Tell CORS refusals from network failures (browsers only). */
  probeCors?: boolean;
}

export class Dashboard {
  #store: DeviceStore;
  #loadData: () => Promise<GradingData>;
  #now: () => Date = () => new Date();
  #fetch: ReadFetch | undefined;
  #origin = '';
  #probeCors = false;
  /** Latest `stored` per assignment id (the next `since`). */
  #latest: Record<string, string> = {};
  /** Earlier link codes of assignments whose due date or names were changed. */
  #history: CodeHistory = {};

  phase: 'loading' | 'ready' | 'error' = $state('loading');
  ctx: GradingContext | null = $state.raw(null);
  imports: StoredImport[] = $state.raw([]);
  files: RegradedFile[] = $state.raw([]);
  known: Assignment[] = $state.raw([]);
  filters: Filters = $state({ status: 'all' });
  messages: ImportMessage[] = $state([]);
  /** Files being read and checked now. */
  busy = $state(0);
  lastImport: { count: number; ms: number } | null = $state(null);
  problem: DeviceStoreError | null = $state(null);
  dataError: string | null = $state(null);
  /** Assignments built on this device, with their codes. */
  knownRecords: KnownAssignment[] = $state.raw([]);
  archived: string[] = $state.raw([]);
  lrs: LrsSettings | null = $state.raw(null);
  lrsStatements: LrsStatement[] = $state.raw([]);
  sync: SyncState = $state({ state: 'idle' });
  codeReport: { found: number; ok: number } | null = $state(null);
  /** Copy / shared-device flags the trainer looked at and accepted (clearKey values). */
  cleared: string[] = $state.raw([]);
  /** What the last assignments import did. */
  assignmentsReport: { added: number; problems: string[] } | null = $state(null);

  constructor(options: DashboardOptions) {
    this.#store = options.store;
    this.#loadData = options.loadData;
    this.#now = options.now ?? (() => new Date());
    this.#fetch = options.fetch;
    this.#origin = (options.origin ?? '').replace(/\/$/, '');
    this.#probeCors = options.probeCors ?? false;
  }

  #title(key: string): string {
    const i = key.indexOf(':');
    const kind = key.slice(0, i);
    const id = key.slice(i + 1);
    return (kind === 'quiz' ? this.ctx?.quizzes.get(id)?.title : this.ctx?.scenarios.get(id)?.title) ?? id;
  }

  readonly rows: TraineeRow[] = $derived(this.ctx ? traineeRows(this.files, this.ctx, this.#now()) : []);
  readonly shown: TraineeRow[] = $derived(filterRows(this.rows, this.filters));
  readonly questions: QuestionRate[] = $derived(this.ctx ? questionRates(this.shown, this.ctx, this.filters.item) : []);
  readonly standards: StandardRate[] = $derived(this.ctx ? standardRates(this.shown, this.ctx, this.filters.item) : []);
  readonly groups: string[] = $derived([...new Set(this.rows.map((r) => r.group))].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  readonly assignments: Array<{ id: string; label: string }> = $derived.by(() => {
    const seen = new Map<string, string>();
    for (const r of this.rows) seen.set(r.assignment.id, `${r.assignment.group}（${r.assignment.due}）`);
    return [...seen].map(([id, label]) => ({ id, label }));
  });
  readonly items: Array<{ key: string; label: string }> = $derived.by(() => {
    const seen = new Map<string, string>();
    const ctx = this.ctx;
    if (ctx) for (const r of this.rows) for (const it of r.assignment.items) seen.set(itemKey(it), itemTitle(ctx, it));
    return [...seen].map(([key, label]) => ({ key, label }));
  });

  readonly reading: StatementsReading = $derived(
    statementsToImports(this.lrsStatements, this.knownRecords, this.#origin ? { origin: this.#origin } : {}),
  );
  /** Assignments whose roster is shown: built here and not archived. */
  readonly activeAssignments: Assignment[] = $derived(
    this.knownRecords.filter((k) => !this.archived.includes(k.assignment.id)).map((k) => k.assignment),
  );
  readonly roster: RosterRow[] = $derived(
    this.ctx
      ? rosterRows(
          this.rows.filter((r) => !this.archived.includes(r.assignment.id)),
          this.activeAssignments,
          this.reading.active,
          (_a, key) => this.#title(key),
          this.#now(),
        )
      : [],
  );
  readonly shownRoster: RosterRow[] = $derived(
    this.roster.filter(
      (r) =>
        (!this.filters.group || r.assignment.group === this.filters.group) &&
        (!this.filters.assignment || r.assignment.id === this.filters.assignment) &&
        (!this.filters.trainee?.trim() || r.name.includes(this.filters.trainee.trim())),
    ),
  );
  readonly nudge: string = $derived(nudgeMessage(this.shownRoster, this.#now()));

  async load(): Promise<void> {
    try {
      this.ctx = gradingContext(await this.#loadData());
    } catch (err) {
      this.dataError = err instanceof Error ? err.message : String(err);
      this.phase = 'error';
      return;
    }
    try {
      const [imports, built] = await Promise.all([
        this.#store.list<StoredImport>('trainerImports'),
        this.#store.list<TrainerAssignmentRecord>('trainerAssignments'),
      ]);
      this.knownRecords = built.flatMap((r) => {
        const read = readTrainerRecord(r);
        return read.ok ? [{ assignment: read.record.assignment, code: read.record.code }] : [];
      });
      this.known = this.knownRecords.map((k) => k.assignment);
      await this.#loadLrs();
      // Records are kept as imported; re-check them so a damaged one cannot break the page.
      const good: StoredImport[] = [];
      for (const imp of imports) {
        const problem = storedImportProblem(imp);
        if (problem)
          this.messages = [...this.messages, { file: (imp as { fileName?: string }).fileName ?? '?', level: 'warning', text: problem }];
        else good.push(imp);
      }
      this.imports = good.sort((a, b) => a.importedAt.localeCompare(b.importedAt) || a.id.localeCompare(b.id));
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'list');
    }
    this.#regrade();
    this.phase = 'ready';
  }

  async #loadLrs(): Promise<void> {
    const [settings, cache, archive, history] = await Promise.all([
      this.#store.get<{ id: string } & LrsSettings>('meta', LRS_META),
      this.#store.get<{ id: string; statements: LrsStatement[]; latest: Record<string, string> }>('meta', LRS_CACHE_META),
      this.#store.get<{ id: string; ids: string[] }>('meta', ARCHIVE_META),
      this.#store.get<{ id: string; codes: CodeHistory }>('meta', HISTORY_META),
    ]);
    if (history && history.codes && typeof history.codes === 'object') this.#history = history.codes;
    if (settings && typeof settings.endpoint === 'string' && typeof settings.auth === 'string')
      this.lrs = { endpoint: settings.endpoint, auth: settings.auth };
    if (cache && Array.isArray(cache.statements)) {
      this.lrsStatements = cache.statements;
      this.#latest = cache.latest && typeof cache.latest === 'object' ? { ...cache.latest } : {};
    }
    if (archive && Array.isArray(archive.ids)) this.archived = archive.ids.filter((x) => typeof x === 'string');
    const cleared = await this.#store.get<{ id: string; keys: string[] }>('meta', CLEARED_META);
    if (cleared && Array.isArray(cleared.keys)) this.cleared = cleared.keys.filter((x) => typeof x === 'string');
  }

  /** This device's assignments as a file for a second device (see assignments-file.ts). */
  assignmentsFile(): { name: string; text: string } {
    const now = this.#now();
    return {
      name: `培训任务-${now.toISOString().slice(0, 10)}.json`,
      text: assignmentsFileText(
        this.knownRecords.map((k) => k.code),
        now,
      ),
    };
  }

  /**
   * Adds the assignments of a file from another device (or pasted links, one per line) to this
   * device's own: their results then count here. An id already here with other content is not
   * replaced (named in the report). Saved data is untouched when the file is bad.
   */
  async importAssignments(text: string): Promise<void> {
    const fromFile = readAssignmentsFile(text);
    const read =
      fromFile.assignments.length || !/a=|^\s*1\./m.test(text)
        ? fromFile
        : {
            assignments: text
              .split(/\s+/)
              .map((l) => decodeAssignment(l))
              .flatMap((d) => (d.ok ? [{ code: d.code, assignment: d.assignment }] : [])),
            problems: [],
          };
    const problems = [...read.problems];
    let added = 0;
    for (const { code, assignment } of read.assignments) {
      const mine = this.knownRecords.find((k) => k.assignment.id === assignment.id);
      if (mine) {
        if (mine.code !== code) problems.push(`任务 “${assignment.group}”（${assignment.id}）在本设备上已有内容不同的版本，没有替换`);
        continue;
      }
      const at = this.#now().toISOString();
      const record = newTrainerRecord(code, assignment, at, at);
      try {
        await this.#store.put('trainerAssignments', record);
        this.knownRecords = [...this.knownRecords, { assignment, code }];
        added += 1;
      } catch (err) {
        this.problem = toDeviceStoreError(err, 'put');
      }
    }
    this.known = this.knownRecords.map((k) => k.assignment);
    this.assignmentsReport = { added, problems };
    this.#regrade();
  }

  /** The trainer looked at a copy or shared-device flag and accepts the result: it counts again. */
  async accept(file: RegradedFile, code: FlagCode, item?: { key: string }): Promise<void> {
    const key = clearKey(file, code, item);
    if (this.cleared.includes(key)) return;
    this.cleared = [...this.cleared, key];
    try {
      await this.#store.put('meta', { id: CLEARED_META, keys: this.cleared });
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'put');
    }
    this.#regrade();
  }

  #regrade(): void {
    if (!this.ctx) return;
    // Files first: an attempt that came both ways counts once (the LRS copy is the duplicate).
    // Files made with an earlier link of an assignment whose due date or names changed count for it.
    const current = new Map(this.knownRecords.map((k) => [k.assignment.id, k]));
    const files = this.imports.map((imp) => withCurrentLink(imp, current, this.#history));
    this.files = regradeImports([...files, ...this.reading.imports], this.ctx, {
      knownAssignments: this.known,
      cleared: new Set(this.cleared),
    });
  }

  /** Saves the LRS settings on this device (never in a link) and syncs; returns a problem or null. */
  async connectLrs(endpoint: string, auth: string): Promise<string | null> {
    const problem = endpointProblem(endpoint);
    if (problem) return problem;
    if (!auth.trim()) return lrsUi.lrs.needAuth;
    const settings = { endpoint: endpoint.trim().replace(/\/+$/, ''), auth: auth.trim() };
    const changed = !this.lrs || this.lrs.endpoint !== settings.endpoint;
    try {
      await this.#store.put('meta', { id: LRS_META, ...settings });
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'put');
    }
    this.lrs = settings;
    if (changed) {
      // Another server: start over (what came from the old one is not mixed in).
      this.lrsStatements = [];
      this.#latest = {};
    }
    await this.syncLrs();
    return null;
  }

  async disconnectLrs(): Promise<void> {
    try {
      await this.#store.delete('meta', LRS_META);
      await this.#store.delete('meta', LRS_CACHE_META);
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'delete');
    }
    this.lrs = null;
    this.lrsStatements = [];
    this.#latest = {};
    this.sync = { state: 'idle' };
    this.#regrade();
  }

  /**
   * Pulls the statements of every assignment built here (not archived), each since its latest
   * stored time. On a failure the statements already read stay, and the message says what failed.
   */
  async syncLrs(): Promise<void> {
    const lrs = this.lrs;
    if (!lrs || !this.#fetch || this.sync.state === 'syncing') return;
    const started = performance.now();
    const previous = this.sync;
    this.sync = { ...previous, state: 'syncing' };
    const byId = new Map(this.lrsStatements.map((s) => [s.id, s]));
    let error: string | undefined;
    if (!this.activeAssignments.length) {
      // Nothing to read yet: still check the address and the credential (one empty page).
      const r = await pullStatements(lrs, { since: this.#now().toISOString(), limit: 1 }, this.#fetch, {
        probeCors: this.#probeCors,
        timeoutMs: 30_000,
        maxPages: 1,
      });
      if (r.error && r.error.kind !== 'format') error = r.error.message;
    }
    for (const a of this.activeAssignments) {
      const since = nextSince(this.#latest[a.id]);
      const r = await pullStatements(
        lrs,
        { activity: `${this.#origin}/my/#assignment-${a.id}`, ...(since ? { since } : {}) },
        this.#fetch,
        { probeCors: this.#probeCors, timeoutMs: 30_000 },
      );
      for (const st of r.statements) byId.set(st.id, st);
      if (r.latestStored) this.#latest[a.id] = r.latestStored;
      if (r.error) {
        error = r.error.message;
        break;
      }
    }
    this.lrsStatements = [...byId.values()];
    this.#regrade();
    const ms = Math.round(performance.now() - started);
    if (error) {
      this.sync = { ...(previous.at ? { at: previous.at } : {}), state: 'error', message: error, ms };
    } else {
      this.sync = { state: 'ok', at: this.#now().toISOString(), ms };
    }
    try {
      await this.#store.put('meta', { id: LRS_CACHE_META, statements: this.lrsStatements, latest: { ...this.#latest } });
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'put');
    }
  }

  /** Archives (or brings back) an assignment: archived ones leave the roster and the sync. */
  async setArchived(id: string, archived: boolean): Promise<void> {
    try {
      this.archived = await saveArchived(this.#store, this.archived, id, archived);
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'put');
    }
  }

  /** A trainee's wrong answers and chat transcripts (the row's best attempts). */
  traineeView(rowKey: string): TraineeItemView[] {
    const row = this.rows.find((r) => r.key === rowKey);
    return row && this.ctx ? traineeView(row, [...this.imports, ...this.reading.imports], this.ctx) : [];
  }

  /** The per-item sheet (CSV) of the roster rows shown. */
  itemCsv(): string {
    return itemSheetCsv(
      this.shownRoster,
      (_a, key) => this.#title(key),
      new Map([...attemptModes([...this.imports, ...this.reading.imports]), ...this.reading.modes]),
      this.#now(),
    );
  }

  /** Imports every 成绩码 found in a pasted text; returns the number accepted. */
  async importCodes(text: string): Promise<number> {
    if (!this.ctx) return 0;
    const parsed = await parseResultCodes(text);
    const inputs: ImportInput[] = [];
    const problems: ImportMessage[] = [];
    for (const c of parsed.codes) {
      if (c.ok) inputs.push({ name: lrsUi.codes.source(c.index), size: c.size, text: c.text });
      else problems.push({ file: lrsUi.codes.source(c.index), level: 'error', text: c.message });
    }
    this.codeReport = { found: parsed.found, ok: inputs.length };
    const n = await this.#importInputs(inputs, performance.now());
    this.messages = [...problems, ...this.messages];
    return n;
  }

  /** Reads, checks, saves and re-grades; returns the number of files accepted. */
  async importFiles(list: readonly FileLike[]): Promise<number> {
    if (!this.ctx || !list.length) return 0;
    const started = performance.now();
    this.busy = list.length;
    const inputs: ImportInput[] = [];
    for (const f of list) {
      if (f.size > MAX_RESULT_FILE_BYTES) {
        inputs.push({ name: f.name, size: f.size });
        continue;
      }
      try {
        inputs.push({ name: f.name, size: f.size, text: await f.text() });
      } catch (err) {
        inputs.push({ name: f.name, size: f.size, readError: err instanceof Error ? err.message : String(err) });
      }
    }
    return this.#importInputs(inputs, started);
  }

  async #importInputs(inputs: ImportInput[], started: number): Promise<number> {
    if (!this.ctx) return 0;
    const { accepted, messages } = importResultFiles(inputs, this.imports, { now: this.#now() });
    const saved: StoredImport[] = [];
    for (const imp of accepted) {
      try {
        await this.#store.put('trainerImports', imp);
        saved.push(imp);
      } catch (err) {
        const problem = toDeviceStoreError(err, 'put');
        this.problem = problem;
        messages.push({
          file: imp.fileName,
          level: 'error',
          text: `没有保存到本设备（${problem.reason === 'quota' ? '存储空间已满' : problem.message}），未导入`,
        });
      }
    }
    this.imports = [...this.imports, ...saved];
    this.#regrade();
    const ids = new Set(saved.map((s) => s.id));
    const flags = flagMessages(this.files.filter((f) => ids.has(f.id)));
    this.messages = [...messages, ...flags];
    this.busy = 0;
    this.lastImport = { count: saved.length, ms: Math.round(performance.now() - started) };
    return saved.length;
  }

  async removeImport(id: string): Promise<void> {
    try {
      await this.#store.delete('trainerImports', id);
      this.imports = this.imports.filter((i) => i.id !== id);
      this.#regrade();
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'delete');
    }
  }

  async clear(): Promise<void> {
    for (const imp of this.imports) {
      try {
        await this.#store.delete('trainerImports', imp.id);
      } catch (err) {
        this.problem = toDeviceStoreError(err, 'delete');
        return;
      }
    }
    this.imports = [];
    this.messages = [];
    this.lastImport = null;
    this.#regrade();
  }

  report(problem: DeviceStoreError | null): void {
    if (problem) this.problem = problem;
  }
}
