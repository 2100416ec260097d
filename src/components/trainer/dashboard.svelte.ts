/**
 * The trainer's dashboard (/trainer/dashboard/): imported result files, re-graded, aggregated.
 *
 * - load(): fetches the grading data (/trainer/grading.json), reads the imports and the
 *   assignments built on this device from the store, and re-grades everything (regrade.ts).
 * - importFiles(files): reads the files (those over the size limit are not read), checks them
 *   (importResultFiles), saves each accepted one to "trainerImports" and re-grades. A bad file
 *   gets messages naming it; what is already on the dashboard is never touched.
 * - removeImport(id) / clear(): delete imports from the device.
 * Rows, failure rates and the filter options are derived (aggregate.ts).
 */
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
import { readTrainerRecord, type TrainerAssignmentRecord } from '../../lib/training/device-records.ts';

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
}

export class Dashboard {
  #store: DeviceStore;
  #loadData: () => Promise<GradingData>;
  #now: () => Date = () => new Date();

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

  constructor(options: DashboardOptions) {
    this.#store = options.store;
    this.#loadData = options.loadData;
    this.#now = options.now ?? (() => new Date());
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
      this.known = built.flatMap((r) => {
        const read = readTrainerRecord(r);
        return read.ok ? [read.record.assignment] : [];
      });
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

  #regrade(): void {
    if (!this.ctx) return;
    this.files = regradeImports(this.imports, this.ctx, { knownAssignments: this.known });
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
