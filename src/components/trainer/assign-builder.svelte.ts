/**
 * The assignment builder (/trainer/assign/): the form's state, the validation, and the link.
 *
 * The trainer filters the catalogue, picks items, fills in the settings and presses 生成链接:
 * generate() checks everything, gives the assignment a new id and creation time, encodes the link
 * (assignment.ts), draws the QR code (src/lib/qr) and saves it to "trainerAssignments" so the
 * dashboard can tell an edited link and the trainer can find it again. Changing the form after
 * that marks the link as stale until it is generated again.
 *
 * Earlier assignments (11.5): show(record) shows their link and QR code again; startEdit/saveEdit
 * change the due date or add trainees keeping the same id (the earlier link code is kept in
 * "meta" trainer-history so the dashboard counts files made with it); setArchived hides old ones
 * here and from the dashboard's roster and sync ("meta" trainer-archive).
 */
import { ui } from '../../i18n/zh-CN/trainer.ts';
import { assignmentUrl, encodeAssignment, itemKey, newAssignmentId, toWire, type Assignment } from '../../lib/training/assignment.ts';
import { traineeNameSchema } from '../../lib/training/result-file.ts';
import { encodeQr, qrSvg, QrTooLongError } from '../../lib/qr/qr-code.ts';
import { toDeviceStoreError, type DeviceStore, type DeviceStoreError } from '../state/device-store.ts';
import type { Catalogue, CatalogueItem } from './catalogue.ts';
import { newTrainerRecord, readTrainerRecord, type TrainerAssignmentRecord } from '../../lib/training/device-records.ts';
import { MAX_TRAINEES } from '../../lib/training/assignment.ts';
import { ARCHIVE_META, HISTORY_META, saveArchived, type CodeHistory } from './trainer-meta.ts';

export interface AssignBuilderOptions {
  store: DeviceStore;
  catalogue: Catalogue;
  /** Site origin for the link, e.g. https://sop.example.com. */
  origin: string;
  now?: () => Date;
  random?: () => number;
}

export interface Generated {
  assignment: Assignment;
  code: string;
  url: string;
  /** SVG markup of the QR code, or null when the link is too long for one. */
  qr: string | null;
  qrVersion: number | null;
}

const need = ui.trainer.assign.need;

/** Local date YYYY-MM-DD, `days` from `d`. */
export function localDay(d: Date, days = 0): string {
  const x = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${x.getFullYear()}-${p(x.getMonth() + 1)}-${p(x.getDate())}`;
}

/** Lower-case text for matching titles, ids, workflows and tags. */
const fold = (s: string) => s.toLowerCase().replace(/\s+/g, '');

export class AssignBuilder {
  readonly catalogue: Catalogue;
  #store: DeviceStore;
  #now: () => Date;
  #random: () => number;
  #origin: string;
  #byKey: Map<string, CatalogueItem>;

  query = $state('');
  track = $state('');
  kind: 'all' | 'quiz' | 'chat' = $state('all');
  /** Item keys ("quiz:<id>", "chat:<id>") in the order picked. */
  selected: string[] = $state([]);
  group = $state('');
  trainer = $state('');
  passMark: number | string = $state(80);
  /** Only exam-mode attempts count (practice shows answers as you go): on by default. */
  examOnly = $state(true);
  due = $state('');
  traineesText = $state('');
  note = $state('');
  lrsEndpoint = $state('');
  lrsAuth = $state('');

  generated: Generated | null = $state(null);
  recent: TrainerAssignmentRecord[] = $state([]);
  problem: DeviceStoreError | null = $state(null);
  /** Set by generate() when the form has errors (the island shows `errors` then). */
  tried = $state(false);
  /** Archived assignment ids (shared with the dashboard). */
  archived: string[] = $state([]);
  showArchived = $state(false);
  /** The earlier assignment being changed (due date, added names). */
  editing: { id: string; due: string; add: string } | null = $state(null);
  editErrors: string[] = $state([]);
  /** Set when generated shows an earlier assignment again (or its changed link). */
  shownFrom: string | null = $state(null);

  constructor(options: AssignBuilderOptions) {
    this.catalogue = options.catalogue;
    this.#store = options.store;
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#origin = options.origin.replace(/\/$/, '');
    this.#byKey = new Map(options.catalogue.items.map((i) => [itemKey(i), i]));
    this.due = localDay(this.#now(), 7);
  }

  item(key: string): CatalogueItem | undefined {
    return this.#byKey.get(key);
  }

  readonly matches: CatalogueItem[] = $derived.by(() => {
    const q = fold(this.query);
    return this.catalogue.items.filter(
      (i) =>
        (!this.track || i.track === this.track) &&
        (this.kind === 'all' || i.kind === this.kind) &&
        (!q || fold(`${i.title} ${i.id} ${i.workflowTitle} ${i.tags.join(' ')}`).includes(q)),
    );
  });

  readonly trainees: string[] = $derived(
    this.traineesText
      .split(/[\n,，、;；]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

  readonly errors: string[] = $derived.by(() => {
    const out: string[] = [];
    if (this.selected.length === 0) out.push(need.items);
    if (!this.group.trim()) out.push(need.group);
    const pm = Number(this.passMark);
    if (this.passMark === '' || !Number.isInteger(pm) || pm < 0 || pm > 100) out.push(need.passMark);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.due)) out.push(need.due);
    else if (this.due < localDay(this.#now())) out.push(need.duePast);
    const seen = new Set<string>();
    for (const n of this.trainees) {
      if (!traineeNameSchema.safeParse(n).success) out.push(need.names(n.slice(0, 24)));
      else if (seen.has(n)) out.push(need.dupName(n));
      seen.add(n);
    }
    if (this.lrsEndpoint.trim() && !/^https?:\/\/\S+$/i.test(this.lrsEndpoint.trim())) out.push(need.lrs);
    return out;
  });

  /** The assignment as the form describes it now (id and creation time from `base`). */
  #draft(base: { id: string; createdAt: string }): Assignment {
    const endpoint = this.lrsEndpoint.trim();
    return {
      id: base.id,
      group: this.group.trim(),
      ...(this.trainer.trim() ? { trainer: this.trainer.trim() } : {}),
      createdAt: base.createdAt,
      due: this.due,
      tz: -this.#now().getTimezoneOffset(),
      passMark: Number(this.passMark),
      items: this.selected.flatMap((key) => {
        const i = this.#byKey.get(key);
        return i ? [{ kind: i.kind, id: i.id, version: i.version }] : [];
      }),
      trainees: [...new Set(this.trainees)],
      ...(this.note.trim() ? { note: this.note.trim() } : {}),
      ...(endpoint ? { lrs: { endpoint, ...(this.lrsAuth.trim() ? { auth: this.lrsAuth.trim() } : {}) } } : {}),
      ...(this.examOnly ? { examOnly: true } : {}),
    };
  }

  /** True when the form no longer matches the generated link. */
  readonly stale: boolean = $derived.by(() => {
    const g = this.generated;
    if (!g) return false;
    const now = JSON.stringify({ ...toWire(this.#draft(g.assignment)), z: 0 });
    return now !== JSON.stringify({ ...toWire(g.assignment), z: 0 });
  });

  isSelected(key: string): boolean {
    return this.selected.includes(key);
  }

  toggle(key: string): void {
    this.selected = this.isSelected(key) ? this.selected.filter((k) => k !== key) : [...this.selected, key];
  }

  readonly shownRecent: TrainerAssignmentRecord[] = $derived(this.recent.filter((r) => this.showArchived || !this.archived.includes(r.id)));

  async load(): Promise<void> {
    try {
      const archive = await this.#store.get<{ id: string; ids: string[] }>('meta', ARCHIVE_META);
      if (archive && Array.isArray(archive.ids)) this.archived = archive.ids.filter((x) => typeof x === 'string');
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'get');
    }
    try {
      const raw = await this.#store.list<TrainerAssignmentRecord>('trainerAssignments');
      this.recent = raw
        .flatMap((r) => {
          const read = readTrainerRecord(r);
          return read.ok ? [read.record] : [];
        })
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'list');
    }
  }

  /** Checks the form; on success makes the link and QR code and saves the assignment. */
  async generate(): Promise<Generated | null> {
    this.tried = true;
    if (this.errors.length) return null;
    const now = this.#now();
    const assignment = this.#draft({
      id: newAssignmentId(this.#random),
      createdAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
    });
    const code = encodeAssignment(assignment);
    this.generated = this.#linkOf(assignment);
    this.shownFrom = null;
    const record = newTrainerRecord(code, assignment, assignment.createdAt, now.toISOString());
    try {
      await this.#store.put('trainerAssignments', structuredClone(record));
      this.recent = [record, ...this.recent.filter((r) => r.id !== record.id)];
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'put');
    }
    return this.generated;
  }

  /** Link, QR code and sheet of an assignment. */
  #linkOf(assignment: Assignment): Generated {
    const code = encodeAssignment(assignment);
    const url = assignmentUrl(this.#origin, '/my/', assignment);
    let qr: string | null = null;
    let qrVersion: number | null = null;
    try {
      const qrCode = encodeQr(url, { ecc: 'M' });
      qr = qrSvg(qrCode, { title: ui.trainer.assign.qrLabel(assignment.group) });
      qrVersion = qrCode.version;
    } catch (err) {
      if (!(err instanceof QrTooLongError)) throw err;
    }
    return { assignment, code, url, qr, qrVersion };
  }

  /** Shows an earlier assignment's link and QR code again (nothing changes). */
  show(record: TrainerAssignmentRecord): Generated {
    this.generated = this.#linkOf($state.snapshot(record.assignment) as Assignment);
    this.shownFrom = record.id;
    return this.generated;
  }

  startEdit(record: TrainerAssignmentRecord): void {
    const today = localDay(this.#now());
    this.editing = { id: record.id, due: record.assignment.due < today ? localDay(this.#now(), 7) : record.assignment.due, add: '' };
    this.editErrors = [];
  }

  /**
   * Saves the new due date and added names under the same assignment id: a new link (the old one
   * keeps working with its old due date and list), the old code kept in the history.
   */
  async saveEdit(): Promise<Generated | null> {
    const e = this.editing;
    const found = this.recent.find((r) => r.id === e?.id);
    if (!e || !found) return null;
    const record = $state.snapshot(found) as TrainerAssignmentRecord;
    const errors: string[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.due)) errors.push(need.due);
    else if (e.due < localDay(this.#now())) errors.push(need.duePast);
    const added = e.add
      .split(/[\n,，、;；]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const names = [...record.assignment.trainees];
    for (const n of added) {
      if (!traineeNameSchema.safeParse(n).success) errors.push(need.names(n.slice(0, 24)));
      else if (!names.includes(n)) names.push(n);
    }
    if (names.length > MAX_TRAINEES) errors.push(need.names(`${names.length} > ${MAX_TRAINEES}`));
    this.editErrors = errors;
    if (errors.length) return null;
    const assignment: Assignment = { ...record.assignment, due: e.due, trainees: names };
    const linked = this.#linkOf(assignment);
    if (linked.code === record.code) {
      this.editing = null;
      return this.show(record);
    }
    const next: TrainerAssignmentRecord = { ...record, code: linked.code, assignment, updatedAt: this.#now().toISOString() };
    try {
      const h = await this.#store.get<{ id: string; codes: CodeHistory }>('meta', HISTORY_META);
      const codes: CodeHistory = { ...(h?.codes ?? {}) };
      codes[record.id] = [...new Set([...(codes[record.id] ?? []), record.code])];
      await this.#store.put('meta', { id: HISTORY_META, codes });
      await this.#store.put('trainerAssignments', structuredClone(next));
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'put');
      return null;
    }
    this.recent = this.recent.map((r) => (r.id === next.id ? next : r));
    this.editing = null;
    this.generated = linked;
    this.shownFrom = record.id;
    return linked;
  }

  async setArchived(id: string, archived: boolean): Promise<void> {
    try {
      this.archived = await saveArchived(this.#store, this.archived, id, archived);
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'put');
    }
  }

  /** Fills the form from an earlier assignment (a new link is made on generate). */
  reuse(record: TrainerAssignmentRecord): void {
    const a = record.assignment;
    this.selected = a.items.map(itemKey).filter((k) => this.#byKey.has(k));
    this.group = a.group;
    this.trainer = a.trainer ?? '';
    this.passMark = a.passMark;
    this.examOnly = Boolean(a.examOnly);
    this.due = a.due < localDay(this.#now()) ? localDay(this.#now(), 7) : a.due;
    this.traineesText = a.trainees.join('\n');
    this.note = a.note ?? '';
    this.lrsEndpoint = a.lrs?.endpoint ?? '';
    this.lrsAuth = a.lrs?.auth ?? '';
    this.generated = null;
    this.tried = false;
  }

  async remove(id: string): Promise<void> {
    try {
      await this.#store.delete('trainerAssignments', id);
      this.recent = this.recent.filter((r) => r.id !== id);
    } catch (err) {
      this.problem = toDeviceStoreError(err, 'delete');
    }
  }

  report(problem: DeviceStoreError | null): void {
    if (problem) this.problem = problem;
  }
}
