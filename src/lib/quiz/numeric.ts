/**
 * Typed-in numeric answers. The learner's text is normalised, then compared:
 *
 * 1. normalise: Unicode NFKC (full-width "１５" → "15", "，" → ","), every kind of space removed,
 *    latin letters lower-cased;
 * 2. the text equals one of the question's `accept` spellings (normalised the same way) → right;
 * 3. otherwise the unit (e.g. 秒), when the question has one and the text ends with it, is cut off,
 *    and what is left is read as a number: Arabic ("15", "15.0", "1,500", "+15") or Chinese
 *    numerals (十五, 两百, see chinese-number.ts) → right when equal to `answer` (to 1e-9).
 *
 * So for { answer: 15, unit: 秒 } all of 15, "15", "１５", " 15 秒", 十五, 十五秒 are right, and
 * "15分钟" or "16" are not.
 */
import { parseChineseNumber } from './chinese-number.ts';

/** NFKC, no whitespace, lower-case: the form typed answers are compared in. */
export function normaliseTyped(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** The number in a typed answer (unit allowed at the end), or undefined when there is none. */
export function parseNumericAnswer(text: string, unit?: string): number | undefined {
  let value = normaliseTyped(text);
  const u = unit ? normaliseTyped(unit) : '';
  if (u && value.endsWith(u) && value.length > u.length) value = value.slice(0, -u.length);
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replaceAll(',', '');
  if (/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(value)) return Number(value);
  return parseChineseNumber(value);
}

/**
 * Whether `typed` answers a numeric question: an `accept` spelling, or the right number. `value` is
 * the number read (the question's answer for an accepted spelling that is not a plain number).
 */
export function numericMatches(
  question: { answer: number; unit?: string | undefined; accept: readonly string[] },
  typed: string | number,
): { correct: boolean; value: number | undefined } {
  if (typeof typed === 'number') {
    const value = Number.isFinite(typed) ? typed : undefined;
    return { correct: value !== undefined && Math.abs(value - question.answer) < 1e-9, value };
  }
  const value = parseNumericAnswer(typed, question.unit);
  const norm = normaliseTyped(typed);
  if (norm && question.accept.some((a) => normaliseTyped(a) === norm)) return { correct: true, value: value ?? question.answer };
  return { correct: value !== undefined && Math.abs(value - question.answer) < 1e-9, value };
}
