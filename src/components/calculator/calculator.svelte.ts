/**
 * State of the 客服考核计算器 island: what the supervisor has entered, and the engine's result
 * derived from it. The components only render this and call its methods; every rule lives in
 * src/lib/assessment (computeMonth).
 */
import {
  ITEMS,
  LEVEL_LABELS,
  computeMonth,
  itemById,
  previousMonth,
  type AssessmentItem,
  type EntryInput,
  type ItemLevel,
  type MonthInput,
  type MonthResult,
  type ResultLine,
} from '../../lib/assessment/index.ts';

/** One violation row: an item, how often, and the points per occurrence (null until picked for a range). */
export interface ViolationEntry {
  key: number;
  id: string;
  count: number | null;
  points: number | null;
}

/** Where an engine input item came from, to put its error next to the right field. */
type Source = { kind: 'bonus'; id: string } | { kind: 'violation'; key: number };

export const BONUS_ITEMS: readonly AssessmentItem[] = ITEMS.filter((i) => i.level === 'bonus');
export const PICKER_LEVELS: readonly ItemLevel[] = ['light', 'medium', 'severe', 'dismissal'];

/** "2024-03" for a date, in local time. */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** Lower-cased, without spaces: what the violation search compares. */
const fold = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

export class AssessmentForm {
  month = $state('');
  name = $state('');
  monthsEmployed = $state<number | null>(null);
  /** Ticked bonus items → count. */
  bonus = $state<Record<string, number | null>>({});
  violations = $state<ViolationEntry[]>([]);
  query = $state('');
  adjustmentValue = $state<number | null>(0);
  adjustmentReason = $state('');
  /** The person assessed is a group leader (组长): only then does the trainer's adjustment count. */
  leader = $state(false);
  lastPlace = $state(false);
  prevScore = $state<number | null>(null);
  prevLastPlace = $state(false);
  /** Last thing added or removed, for the polite announcement. */
  announcement = $state('');

  #nextKey = 1;

  /** The engine input, and where each of its items came from. */
  #built = $derived.by(() => {
    const items: EntryInput[] = [];
    const sources: Source[] = [];
    for (const item of BONUS_ITEMS) {
      if (!(item.id in this.bonus)) continue;
      items.push({ id: item.id, count: this.bonus[item.id] ?? 0 });
      sources.push({ kind: 'bonus', id: item.id });
    }
    for (const v of this.violations) {
      items.push({ id: v.id, count: v.count ?? 0, ...(v.points === null ? {} : { points: v.points }) });
      sources.push({ kind: 'violation', key: v.key });
    }
    const value = this.adjustmentValue ?? 0;
    const prev = this.previousMonth;
    const input: MonthInput = {
      ...(this.month ? { month: this.month } : {}),
      items,
      monthsEmployed: this.monthsEmployed ?? Number.NaN,
      lastPlace: this.lastPlace,
      leader: this.leader,
      ...(value !== 0 || this.adjustmentReason.trim() ? { adjustment: { value, reason: this.adjustmentReason } } : {}),
      ...(this.prevScore !== null && prev !== null
        ? { history: [{ month: prev, score: this.prevScore, lastPlace: this.prevLastPlace }] }
        : {}),
    };
    return { input, sources };
  });

  result: MonthResult = $derived(computeMonth(this.#built.input));

  /** Months employed not filled in yet: the pay is not shown, and that is not an error. */
  monthsMissing = $derived(this.monthsEmployed === null);

  /** Errors to show: all of the engine's, but not "months employed" while the field is still empty. */
  errors = $derived(this.result.errors.filter((e) => !(this.monthsMissing && e.field === 'monthsEmployed')));

  /** The calendar month before the chosen one, or null. */
  get previousMonth(): string | null {
    return this.month ? previousMonth(this.month) : null;
  }

  /** Picker: items matching the search, grouped by level (empty groups left out). */
  groups = $derived.by(() => {
    const q = fold(this.query);
    return PICKER_LEVELS.map((level) => ({
      level,
      label: LEVEL_LABELS[level],
      items: ITEMS.filter((i) => i.level === level && !i.derived && (!q || fold(`${i.label}${LEVEL_LABELS[level]}`).includes(q))),
    })).filter((g) => g.items.length > 0);
  });

  /** The surcharge line when the engine added it. */
  surcharge = $derived(this.result.lines.find((l) => l.derived) ?? null);

  /** Sets the month if none is chosen yet (called once in the browser, so the static HTML has none). */
  initMonth(now: Date): void {
    if (!this.month) this.month = monthOf(now);
  }

  isTicked(id: string): boolean {
    return id in this.bonus;
  }

  toggleBonus(id: string, on: boolean): void {
    if (on) this.bonus[id] = this.bonus[id] ?? 1;
    else delete this.bonus[id];
  }

  setBonusCount(id: string, count: number | null): void {
    if (id in this.bonus) this.bonus[id] = count;
  }

  /** Adds a violation row; returns its key (the view moves focus to it). */
  addViolation(id: string): number {
    const item = itemById(id);
    if (!item) return 0;
    const key = this.#nextKey++;
    this.violations.push({ key, id, count: 1, points: null });
    this.announcement = `已添加：${item.label}`;
    return key;
  }

  removeViolation(key: number): void {
    const i = this.violations.findIndex((v) => v.key === key);
    if (i === -1) return;
    const label = itemById(this.violations[i]!.id)?.label ?? '';
    this.violations.splice(i, 1);
    this.announcement = `已删除：${label}`;
  }

  /** Error messages of one bonus item or violation row. */
  errorsFor(kind: 'bonus', id: string): string[];
  errorsFor(kind: 'violation', key: number): string[];
  errorsFor(kind: 'bonus' | 'violation', ref: string | number): string[] {
    const { sources } = this.#built;
    const index = sources.findIndex((s) => (s.kind === 'bonus' ? s.id : s.key) === ref && s.kind === kind);
    if (index === -1) return [];
    return this.result.errors.filter((e) => e.field.startsWith(`items.${index}.`)).map((e) => e.message);
  }

  /** The result line of a violation row (null when the row has an error and was left out). */
  lineFor(key: number): ResultLine | null {
    const index = this.#built.sources.findIndex((s) => s.kind === 'violation' && s.key === key);
    return this.result.lines.find((l) => l.index === index) ?? null;
  }

  /** Error messages of a plain field ('adjustment.value', 'monthsEmployed', 'month', 'history.0.score' …). */
  errorFor(field: string): string[] {
    return this.errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`)).map((e) => e.message);
  }
}
