/**
 * The monthly assessment of one employee (客服考核计算器), as a pure function: computeMonth(input).
 * Every rule below comes from source 003 (物业客服规章制度 篇2, 「客服考核與獎懲」, shown on the
 * site as content/workflows/assessment-rewards.mdx and the standard `monthly-assessment` in
 * content/standards/management.yaml); rules marked "calculator" are this tool's own choices where
 * the source says nothing.
 *
 * Score
 * - Base: every month starts at 80 points. (「2、每月日常考核積分為80分」)
 * - Bonus: +5 per bonus item and occurrence. (「二、加分標準 … 5分」, 「5分/次」)
 * - Deductions: light items 2, 5, 2-5 or 1-2 points per occurrence; medium 10; severe 20.
 *   For a range the supervisor picks a whole number of points within it, per entry; the same item
 *   can be entered twice with different points (late by 2 minutes, late by an hour).
 *   (「三、扣分標準」)
 * - Surcharge (追加扣分): when the month holds two or more medium violations, or four or more light
 *   ones, the engine adds the severe item `duty-failure` (−20) once. (「當月未良好履行客服人員的工作職責
 *   (違反中度違規中的兩條或以上,違反輕度違規四條或以上),追加扣分 20分/次」). The source counts 條
 *   (items of the list): four DIFFERENT light items, or two different medium ones, trigger it; one
 *   light item broken four times does not. It is never entered by hand.
 * - Dismissal items (睡觉, 挂起电话, 拉帮结派, 徇私舞弊) carry no points: the source says 直接辭退, so
 *   the result carries a warning instead.
 * - Adjustment: for group leaders (组长) only, the trainer (培训专员) may add or take off −5 … +5
 *   points for the leader's overall month, judged by the leader rules (客服组长考核细则), and must
 *   give a reason. (「培訓專員可以根據各組長本月工作整體表現(參照客服組長考核細則)給與額外的獎懲,分數浮動
 *   在-5至5之間,必須説明額外獎懲理由」) A non-zero adjustment without a reason, or for someone who
 *   is not a group leader, is refused (not counted) with an error.
 * - raw = 80 + bonus − deductions + adjustment.
 * - Cap: a total above 110 counts as 110. (「5、每月考核滿分為110分。當月總分在110分以上,仍按照滿分110分計算」)
 *   Floor: a total below 0 counts as 0 (calculator; the source has no negative scores).
 *
 * Grade: gradeFor(total) from src/lib/grade-bands.ts: >90 A, 80-90 B, 70-80 C, 65-70 D, 60-65 E,
 * below 60 F (不合格); a band includes its lower bound. (「考核分>90,績效為A 考核分在80~90,績效為B …」)
 *
 * Pay (績效工資浮動)
 * - 10 yuan per point above or below 80, at most ±300 yuan. (「1、以考核分得分80分為標準」,
 *   「2、浮動範圍為±300元。考核分每分對應10元」)
 *   The source's examples: 80 → unchanged, 91 → +110, 68 → −120. (「3、舉例」)
 * - No change in the first two months: `monthsEmployed` is the month of employment being assessed
 *   (1 = the month the employee joined); pay floats from month 3 on. (「4、員工從加入公司的第三個月起,
 *   開始實行績效工資浮動。前二個月只評考核分,不浮動工資」)
 *
 * Dismissal warnings (the company *may* end the contract; the tool only warns)
 * - below-60: the month's total is below 60. (「當月評分低於60分,公司有權解僱員工」, example D)
 * - last-place-twice: this month and the month before were both last place of the team and below
 *   70. (「如果連續兩個月都是最後一名且評分低於70分」) The month before is the history entry for the
 *   calendar month before `month`; without `month`, the history entry with the latest month.
 * - dismissal-item: one of the four 直接辭退 items was entered.
 *
 * Validation (errors in Chinese, each with the input field it concerns): unknown item id, a
 * derived item entered by hand, count not a positive integer or above the item's monthly limit,
 * points missing for a range item or outside the item's range or not whole, items that cannot go
 * together (全组第一 needs a month without violations; 有效投诉为零 against a valid complaint),
 * adjustment outside −5 … +5 or not whole, adjustment without a reason, monthsEmployed not a
 * positive integer, a month not written YYYY-MM, a history score outside 0 … 110, and any number
 * that is not finite. Whatever is invalid is left out of the totals (and the pay does not float
 * when monthsEmployed is invalid); `ok` is false whenever there is an error.
 */
import { gradeFor, type Grade } from '../grade-bands.ts';
import { DUTY_FAILURE_ID, LEVEL_LABELS, VIOLATION_LEVELS, itemById, type AssessmentItem, type ItemLevel } from './items.ts';

/** 每月基准分. */
export const BASE_SCORE = 80;
/** 满分: a higher total counts as this. */
export const MAX_TOTAL = 110;
/** Calculator floor. */
export const MIN_TOTAL = 0;
/** The trainer's adjustment lies within ±this. */
export const ADJUSTMENT_LIMIT = 5;
/** Yuan per point away from the base. */
export const PAY_PER_POINT = 10;
/** Largest pay change either way, in yuan. */
export const PAY_CAP = 300;
/** The month of employment from which pay floats. */
export const PAY_FROM_MONTH = 3;
/** A month below this may end the contract. */
export const DISMISS_BELOW = 60;
/** Two last places in a row below this may end the contract. */
export const LAST_PLACE_BELOW = 70;
/** Different medium / light items broken in a month that trigger the duty-failure surcharge. */
export const DUTY_FAILURE_MEDIUM = 2;
export const DUTY_FAILURE_LIGHT = 4;

export interface EntryInput {
  /** Item id from items.ts. */
  id: string;
  /** Occurrences (a positive integer). */
  count: number;
  /** Points per occurrence; required for a range item, optional (must equal it) for a fixed one. */
  points?: number | undefined;
}

export interface HistoryMonth {
  /** YYYY-MM. */
  month: string;
  /** That month's total (0 … 110). */
  score: number;
  /** Last place of the team that month. */
  lastPlace: boolean;
}

export interface MonthInput {
  /** The month assessed, YYYY-MM (optional; used to find the previous month in `history`). */
  month?: string | undefined;
  items: readonly EntryInput[];
  adjustment?: { value: number; reason: string } | undefined;
  /** The person assessed is a group leader (组长): only leaders get the trainer's adjustment. */
  leader?: boolean | undefined;
  /** Month of employment being assessed: 1 = the month of joining. */
  monthsEmployed: number;
  /** Last place of the team this month (for the two-months rule). */
  lastPlace?: boolean | undefined;
  history?: readonly HistoryMonth[] | undefined;
}

export interface ResultLine {
  id: string;
  label: string;
  level: ItemLevel;
  count: number;
  /** Points per occurrence (positive). */
  points: number;
  /** Signed effect on the score: +count×points for bonus, −count×points for violations, 0 for dismissal. */
  amount: number;
  /** Added by the engine (the surcharge). */
  derived: boolean;
  /** Index in input.items, or null for a derived line. */
  index: number | null;
  note?: string | undefined;
}

export type WarningKind = 'below-60' | 'last-place-twice' | 'dismissal-item';

export interface AssessmentWarning {
  kind: WarningKind;
  message: string;
}

export interface AssessmentError {
  /** The input field: 'items.2.points', 'adjustment.reason', 'monthsEmployed', 'history.0.score', 'month'. */
  field: string;
  message: string;
}

export interface MonthResult {
  ok: boolean;
  base: number;
  /** Sum of the bonus lines (≥ 0). */
  bonus: number;
  /** Sum of the points taken off, surcharge included (≥ 0). */
  deductions: number;
  /** The adjustment counted (0 when absent or refused). */
  adjustment: number;
  /** 80 + bonus − deductions + adjustment, before the cap. */
  raw: number;
  /** raw kept within 0 … 110. */
  total: number;
  /** 'max' when raw was above 110, 'min' when below 0. */
  capped: 'max' | 'min' | null;
  grade: Grade;
  /** Yuan added (+) or taken off (−) this month. */
  payChange: number;
  /** (total − 80) × 10 before the ±300 cap and the first-two-months rule. */
  payUncapped: number;
  /** Pay floats this month (month of employment ≥ 3). */
  payFloats: boolean;
  lines: ResultLine[];
  warnings: AssessmentWarning[];
  errors: AssessmentError[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2024-03" → "2024-02", "2024-01" → "2023-12"; null for a malformed month. */
export function previousMonth(month: string): string | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  let year = Number(m[1]);
  let mon = Number(m[2]) - 1;
  if (mon === 0) {
    mon = 12;
    year -= 1;
  }
  return `${String(year).padStart(4, '0')}-${String(mon).padStart(2, '0')}`;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
/** 0 instead of −0, so results print and compare cleanly. */
const z = (v: number): number => (v === 0 ? 0 : v);
const isViolation = (level: ItemLevel): boolean => VIOLATION_LEVELS.includes(level);

interface Accepted {
  index: number;
  item: AssessmentItem;
  count: number;
  points: number;
}

function checkEntries(items: readonly EntryInput[], errors: AssessmentError[]): Accepted[] {
  const accepted: Accepted[] = [];
  const counts = new Map<string, number>();
  items.forEach((entry, index) => {
    const where = `第 ${index + 1} 项`;
    const field = (name: string) => `items.${index}.${name}`;
    const id = typeof entry?.id === 'string' ? entry.id : '';
    const item = itemById(id);
    if (!item) {
      errors.push({ field: field('id'), message: `${where}：没有编号为“${id}”的考核项。` });
      return;
    }
    if (item.derived) {
      errors.push({ field: field('id'), message: `“${item.label}”由计算器按违规次数自动追加，不能手动添加。` });
      return;
    }
    let ok = true;
    const count = entry.count;
    if (!isNumber(count)) {
      errors.push({ field: field('count'), message: `“${item.label}”的次数不是有效的数字。` });
      ok = false;
    } else if (!Number.isInteger(count) || count < 1) {
      errors.push({ field: field('count'), message: `“${item.label}”的次数必须是正整数（1、2、3……）。` });
      ok = false;
    }
    let points = item.min;
    const given = entry.points;
    if (item.level === 'dismissal') {
      if (given !== undefined && given !== 0) {
        errors.push({ field: field('points'), message: `“${item.label}”直接辞退，不记分值。` });
        ok = false;
      }
      points = 0;
    } else if (given === undefined) {
      if (item.min !== item.max) {
        errors.push({ field: field('points'), message: `请为“${item.label}”在 ${item.min}-${item.max} 分之间选一个分值。` });
        ok = false;
      }
    } else if (!isNumber(given)) {
      errors.push({ field: field('points'), message: `“${item.label}”的分值不是有效的数字。` });
      ok = false;
    } else if (!Number.isInteger(given) || given < item.min || given > item.max) {
      errors.push({
        field: field('points'),
        message:
          item.min === item.max
            ? `“${item.label}”固定为每${item.per} ${item.min} 分，不能填 ${given} 分。`
            : `“${item.label}”的分值必须是 ${item.min}-${item.max} 之间的整数，不能填 ${given} 分。`,
      });
      ok = false;
    } else {
      points = given;
    }
    if (!ok) return;
    const total = (counts.get(item.id) ?? 0) + count;
    if (item.maxCount !== undefined && total > item.maxCount) {
      errors.push({ field: field('count'), message: `“${item.label}”每月最多记 ${item.maxCount} 次。` });
      return;
    }
    counts.set(item.id, total);
    accepted.push({ index, item, count, points });
  });

  // Items that cannot go together: the bonus is refused, the violation stands.
  const present = new Set(accepted.map((a) => a.item.id));
  const anyViolation = accepted.some((a) => isViolation(a.item.level));
  return accepted.filter((a) => {
    const clash = (a.item.conflicts ?? []).find((c) => (c === '*deductions' ? anyViolation : present.has(c)));
    if (clash === undefined) return true;
    const other = clash === '*deductions' ? '违规记录' : `“${itemById(clash)?.label ?? clash}”`;
    errors.push({ field: `items.${a.index}.id`, message: `“${a.item.label}”不能和${other}记在同一个月，此加分未计入。` });
    return false;
  });
}

/** The accepted entries as result lines, plus the derived 履职不力 line when the violations add up to it. */
function resultLines(accepted: readonly Accepted[]): ResultLine[] {
  const lines: ResultLine[] = accepted.map(({ index, item, count, points }) => ({
    id: item.id,
    label: item.label,
    level: item.level,
    count,
    points,
    amount: z((item.level === 'bonus' ? 1 : -1) * count * points),
    derived: false,
    index,
    ...(item.note ? { note: item.note } : {}),
  }));

  // The source counts 條 (items of the list), not how often one item was broken.
  const distinctItems = (level: ItemLevel) => new Set(lines.filter((l) => l.level === level && l.count > 0).map((l) => l.id)).size;
  if (distinctItems('medium') >= DUTY_FAILURE_MEDIUM || distinctItems('light') >= DUTY_FAILURE_LIGHT) {
    const item = itemById(DUTY_FAILURE_ID)!;
    lines.push({
      id: item.id,
      label: item.label,
      level: item.level,
      count: 1,
      points: item.min,
      amount: -item.min,
      derived: true,
      index: null,
      note: item.note,
    });
  }
  return lines;
}

/** The extra bonus or deduction (额外奖惩) that counts: 0 when there is none or it is refused (with an error). */
function checkAdjustment(adj: MonthInput['adjustment'] | null, errors: AssessmentError[], leader = false): number {
  if (adj === undefined || adj === null) return 0;
  const value = adj.value;
  if (isNumber(value) && value !== 0 && !leader) {
    errors.push({
      field: 'adjustment.value',
      message: '额外奖惩只给组长：由培训专员按客服组长考核细则给出（资料 003）。被考核人不是组长时不计入。',
    });
  } else if (!isNumber(value)) {
    errors.push({ field: 'adjustment.value', message: '额外奖惩的分数不是有效的数字。' });
  } else if (!Number.isInteger(value) || value < -ADJUSTMENT_LIMIT || value > ADJUSTMENT_LIMIT) {
    errors.push({
      field: 'adjustment.value',
      message: `额外奖惩只能在 -${ADJUSTMENT_LIMIT} 到 +${ADJUSTMENT_LIMIT} 分之间（整数），不能是 ${value} 分。`,
    });
  } else if (value !== 0 && (typeof adj.reason !== 'string' || adj.reason.trim() === '')) {
    errors.push({ field: 'adjustment.reason', message: '额外奖惩必须写明理由，没有理由的加减分不计入。' });
  } else {
    return z(value);
  }
  return 0;
}

/** True when the months of employment are a positive whole number (else an error). */
function checkMonthsEmployed(monthsEmployed: unknown, errors: AssessmentError[]): monthsEmployed is number {
  if (!isNumber(monthsEmployed)) {
    errors.push({ field: 'monthsEmployed', message: '入职月数不是有效的数字。' });
    return false;
  }
  if (!Number.isInteger(monthsEmployed) || monthsEmployed < 1) {
    errors.push({ field: 'monthsEmployed', message: '入职月数必须是正整数：入职当月填 1。' });
    return false;
  }
  return true;
}

/** The earlier months that are valid (each invalid one is an error and left out). */
function checkHistory(input: MonthInput['history'], errors: AssessmentError[]): HistoryMonth[] {
  const history: HistoryMonth[] = [];
  (Array.isArray(input) ? input : []).forEach((h, i) => {
    let ok = true;
    if (typeof h?.month !== 'string' || !MONTH.test(h.month)) {
      errors.push({ field: `history.${i}.month`, message: `往月记录第 ${i + 1} 条的月份应写成 年-月，例如 2024-02。` });
      ok = false;
    }
    if (!isNumber(h?.score)) {
      errors.push({ field: `history.${i}.score`, message: `往月记录第 ${i + 1} 条的分数不是有效的数字。` });
      ok = false;
    } else if (h.score < MIN_TOTAL || h.score > MAX_TOTAL) {
      errors.push({ field: `history.${i}.score`, message: `往月分数必须在 ${MIN_TOTAL}-${MAX_TOTAL} 分之间，不能是 ${h.score} 分。` });
      ok = false;
    }
    if (ok) history.push({ month: h.month, score: h.score, lastPlace: h.lastPlace === true });
  });
  return history;
}

type MonthScore = Pick<MonthResult, 'bonus' | 'deductions' | 'raw' | 'total' | 'capped' | 'grade'>;

/** Base score plus bonus, minus deductions, plus the adjustment; kept within 0 … 110 and graded. */
function monthScore(lines: readonly ResultLine[], adjustment: number): MonthScore {
  const bonus = lines.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
  const deductions = lines.filter((l) => l.amount < 0).reduce((s, l) => s - l.amount, 0);
  const raw = BASE_SCORE + bonus - deductions + adjustment;
  const total = clamp(raw, MIN_TOTAL, MAX_TOTAL);
  const capped = raw > MAX_TOTAL ? 'max' : raw < MIN_TOTAL ? 'min' : null;
  return { bonus, deductions, raw, total, capped, grade: gradeFor(total) };
}

/** The pay change: (total − 80) × 10 yuan within ±300, from the third month of employment on. */
function monthPay(total: number, payFloats: boolean): Pick<MonthResult, 'payChange' | 'payUncapped'> {
  const payUncapped = z((total - BASE_SCORE) * PAY_PER_POINT);
  const payChange = payFloats ? z(clamp(payUncapped, -PAY_CAP, PAY_CAP)) : 0;
  return { payChange, payUncapped };
}

/** Last month's record: the month before `month`, or without a month the latest one. */
function previousRecord(month: string | undefined, history: readonly HistoryMonth[]): HistoryMonth | undefined {
  const prevKey = month !== undefined && MONTH.test(month) ? previousMonth(month) : null;
  if (prevKey !== null) return history.find((h) => h.month === prevKey);
  return month === undefined ? [...history].sort((a, b) => a.month.localeCompare(b.month)).at(-1) : undefined;
}

/** The dismissal warnings: a dismissal item, a total below 60, last place twice in a row below 70. */
function monthWarnings(
  input: MonthInput,
  total: number,
  lines: readonly ResultLine[],
  history: readonly HistoryMonth[],
): AssessmentWarning[] {
  const warnings: AssessmentWarning[] = [];
  const dismissItems = lines.filter((l) => l.level === 'dismissal');
  if (dismissItems.length > 0) {
    warnings.push({
      kind: 'dismissal-item',
      message: `出现${LEVEL_LABELS.dismissal}的违规：${dismissItems.map((l) => `${l.label}${l.note ? `（${l.note}）` : ''}`).join('；')}。按制度不走扣分，直接辞退。`,
    });
  }
  if (total < DISMISS_BELOW) {
    warnings.push({ kind: 'below-60', message: `本月 ${total} 分，低于 ${DISMISS_BELOW} 分：公司有权解除劳动合同。` });
  }
  const previous = previousRecord(input.month, history);
  if (input.lastPlace === true && total < LAST_PLACE_BELOW && previous && previous.lastPlace && previous.score < LAST_PLACE_BELOW) {
    warnings.push({
      kind: 'last-place-twice',
      message: `连续两个月全组最后一名且低于 ${LAST_PLACE_BELOW} 分（上月 ${previous.score} 分，本月 ${total} 分）：公司有权解除劳动合同。`,
    });
  }
  return warnings;
}

/** Computes one employee's month. Never throws for bad input: see `errors`. */
export function computeMonth(input: MonthInput): MonthResult {
  const errors: AssessmentError[] = [];
  const month = input.month;
  if (month !== undefined && !MONTH.test(month)) {
    errors.push({ field: 'month', message: `考核月份“${month}”应写成 年-月，例如 2024-03。` });
  }
  const lines = resultLines(checkEntries(Array.isArray(input.items) ? input.items : [], errors));
  const adjustment = checkAdjustment(input.adjustment, errors, input.leader === true);
  const monthsEmployed = input.monthsEmployed;
  const payFloats = checkMonthsEmployed(monthsEmployed, errors) && monthsEmployed >= PAY_FROM_MONTH;
  const history = checkHistory(input.history, errors);

  const { bonus, deductions, raw, total, capped, grade } = monthScore(lines, adjustment);
  const { payChange, payUncapped } = monthPay(total, payFloats);
  const warnings = monthWarnings(input, total, lines, history);

  return {
    ok: errors.length === 0,
    base: BASE_SCORE,
    bonus,
    deductions,
    adjustment,
    raw,
    total,
    capped,
    grade,
    payChange,
    payUncapped,
    payFloats,
    lines,
    warnings,
    errors,
  };
}

/** "+110 元", "−120 元", "0 元" (with a real minus sign). */
export function formatPay(yuan: number): string {
  return yuan < 0 ? `−${-yuan} 元` : `${yuan > 0 ? '+' : ''}${yuan} 元`;
}

/** "+5", "−20", "0": signed points. */
export function formatPoints(points: number): string {
  return points < 0 ? `−${-points}` : points > 0 ? `+${points}` : '0';
}
