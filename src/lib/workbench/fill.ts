/**
 * Filling a reply from the shop profile: every 【名称】 with a value is replaced by it, the rest
 * stay as written and are reported, so a copy can warn (还有 2 处未填写：【快递】【电话】) and a
 * view can highlight them. Values are plain text: the caller renders them as text, never as markup.
 */
import { findPlaceholders } from './placeholders.ts';

/** Placeholder name → value (empty or missing = not filled). */
export type PlaceholderValues = Readonly<Record<string, string | undefined>>;

/** A piece of a filled reply: plain text, or a placeholder with its value when it has one. */
export type FillSegment = { text: string } | { text: string; name: string; filled: boolean };

export interface FilledReply {
  /** The reply with every filled placeholder replaced; unfilled ones stay as 【名称】. */
  text: string;
  /** The pieces, for a view that highlights placeholders. */
  segments: FillSegment[];
  /** Names still unfilled, each once, in order of first occurrence. */
  unfilled: string[];
  /** How many placeholder occurrences stay unfilled (a name used twice counts twice). */
  unfilledCount: number;
}

const valueOf = (values: PlaceholderValues, name: string): string | undefined => {
  const v = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

/** Fills `text` from `values`. */
export function fillReply(text: string, values: PlaceholderValues): FilledReply {
  const segments: FillSegment[] = [];
  const unfilled: string[] = [];
  let unfilledCount = 0;
  let at = 0;
  for (const m of findPlaceholders(text)) {
    if (m.index > at) segments.push({ text: text.slice(at, m.index) });
    const value = valueOf(values, m.name);
    if (value === undefined) {
      unfilledCount++;
      if (!unfilled.includes(m.name)) unfilled.push(m.name);
    }
    segments.push({ text: value ?? text.slice(m.index, m.index + m.length), name: m.name, filled: value !== undefined });
    at = m.index + m.length;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return { text: segments.map((s) => s.text).join(''), segments, unfilled, unfilledCount };
}

/** 【快递】【电话】: the unfilled names as they appear in a reply. */
export function bracketed(names: readonly string[]): string {
  return names.map((n) => `【${n}】`).join('');
}
