/**
 * Highlighting: where the query's words occur in a result's text, as ranges of the original
 * text, and the text cut into plain segments (`hit` or not) for the view to render as text nodes
 * and <mark>s. Never HTML: the segments are the original characters, whatever they contain.
 * Matching uses the folded text (normalise.ts), so 議價 in a query marks 议价 and ＶＩＰ marks VIP.
 */
import { foldWithMap } from './normalise.ts';

export interface Segment {
  text: string;
  /** True for a matching part (shown marked). */
  hit: boolean;
}

/** Ranges [start, end) of the original text (UTF-16 offsets, never inside a surrogate pair). */
export type Range = [number, number];

/** Where the folded `terms` occur in `text`, merged and sorted. */
export function matchRanges(text: string, terms: readonly string[]): Range[] {
  if (!text || !terms.length) return [];
  const { folded, start, end } = foldWithMap(text);
  const found: Range[] = [];
  for (const term of terms) {
    if (!term) continue;
    let i = folded.indexOf(term);
    while (i !== -1) {
      found.push([start[i]!, end[i + term.length - 1]!]);
      i = folded.indexOf(term, i + 1);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Cuts `text` into segments at the ranges. */
export function toSegments(text: string, ranges: readonly Range[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push({ text: text.slice(at, s), hit: false });
    if (e > s) out.push({ text: text.slice(Math.max(s, at), e), hit: true });
    at = Math.max(at, e);
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

export interface HighlightOptions {
  /** Cut longer texts to about this many characters around the first match, with "…". */
  maxChars?: number;
  /** Characters kept before the first match when cutting. */
  before?: number;
}

/** The text as segments with the query's words marked, optionally cut around the first match. */
export function highlight(text: string, terms: readonly string[], options: HighlightOptions = {}): Segment[] {
  const ranges = matchRanges(text, terms);
  const { maxChars, before = 12 } = options;
  if (!maxChars) return toSegments(text, ranges);
  // Work in code points so that a cut never splits a surrogate pair.
  const offsets: number[] = [];
  let o = 0;
  for (const ch of text) {
    offsets.push(o);
    o += ch.length;
  }
  offsets.push(text.length);
  const count = offsets.length - 1;
  if (count <= maxChars) return toSegments(text, ranges);
  const firstHit = ranges[0]?.[0] ?? 0;
  const hitIndex = offsets.findIndex((x) => x >= firstHit);
  let from = Math.max(0, hitIndex - before);
  const to = Math.min(count, from + maxChars);
  from = Math.max(0, to - maxChars);
  const startOffset = offsets[from]!;
  const endOffset = offsets[to]!;
  const slice = text.slice(startOffset, endOffset);
  const shifted: Range[] = ranges
    .filter(([s, e]) => e > startOffset && s < endOffset)
    .map(([s, e]) => [Math.max(s, startOffset) - startOffset, Math.min(e, endOffset) - startOffset]);
  const segments = toSegments(slice, shifted);
  if (from > 0) segments.unshift({ text: '…', hit: false });
  if (to < count) segments.push({ text: '…', hit: false });
  return segments;
}
