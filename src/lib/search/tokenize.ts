/**
 * The Chinese tokenizer, the same at build time and query time. A folded text (normalise.ts) is
 * cut into runs of letters and digits; punctuation, spaces and emoji are ignored: between Han
 * characters they vanish (快递，到哪了 reads as 快递到哪了), between Latin words or digits they
 * still separate. Each run gives:
 *
 * - overlapping Han character pairs (快递到哪 → 快递 递到 到哪), so that any part of a word of two
 *   characters or more matches; a lone Han character gives itself;
 * - the words of `Intl.Segmenter('zh', { granularity: 'word' })`: Han words of two characters or
 *   more (a two-character word repeats its pair, which weighs real words above pairs that straddle
 *   two words) and Latin words and numbers (vip, 15, a01010101).
 *
 * Long fields (fields.ts, `pairs: 'in-words'`) keep only the pairs inside the words of three
 * characters or more (七天无理由 → 七天 天无 无理 理由) besides the words themselves: a query's
 * pairs still find any word or part of a word there, not the pairs that straddle two words.
 * Queries always get every pair (`runTokens`), whatever the browser's segmenter says.
 */
import { fold, isHan, isWordChar } from './normalise.ts';
import { DROPPED_SINGLE_CHARS } from './query-words.ts';

/** Tokens longer than this (pasted junk, long digit strings) are dropped. */
export const MAX_TOKEN_LENGTH = 32;

type Segmenter = { segment(text: string): Iterable<{ segment: string; index: number; isWordLike?: boolean }> };
let segmenter: Segmenter | null | undefined;

/** The platform's Chinese word segmenter (Intl.Segmenter), made once; null where there is none. */
export function getSegmenter(): Segmenter | null {
  if (segmenter === undefined) {
    const Ctor = (Intl as { Segmenter?: new (locale: string, options: { granularity: 'word' }) => Segmenter }).Segmenter;
    segmenter = Ctor ? new Ctor('zh', { granularity: 'word' }) : null;
  }
  return segmenter;
}

/**
 * Splits folded text into runs of word characters. A separator between two Han characters, or
 * between a Han character and anything else, is ignored (the runs are joined); between two
 * non-Han characters it separates.
 */
export function runs(folded: string): string[] {
  const out: string[] = [];
  let current = '';
  let pendingBreak = false;
  let last = '';
  for (const ch of folded) {
    if (!isWordChar(ch)) {
      if (current) pendingBreak = true;
      continue;
    }
    if (pendingBreak && !isHan(ch) && !isHan(last)) {
      out.push(current);
      current = '';
    }
    pendingBreak = false;
    current += ch;
    last = ch;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Overlapping pairs of the Han characters of a run (a lone Han character gives itself). The Han
 * character right after a number gives itself too: it is the number's unit (3 天内, 20 元, 2 人),
 * which a question about a number asks for (query.ts UNIT_BONUS).
 */
export function hanPairs(run: string): string[] {
  const out: string[] = [];
  let group: string[] = [];
  let afterDigit = false;
  const flush = () => {
    if (group.length === 1 || (afterDigit && group.length)) out.push(group[0]!);
    for (let i = 0; i + 1 < group.length; i++) out.push(group[i]! + group[i + 1]!);
    group = [];
  };
  for (const ch of run) {
    if (isHan(ch)) group.push(ch);
    else {
      flush();
      afterDigit = /\d/.test(ch);
    }
  }
  flush();
  return out;
}

/** The dictionary words of a run: Han words of 2+ characters, Latin words and numbers. */
export function words(run: string): string[] {
  const seg = getSegmenter();
  const out: string[] = [];
  if (!seg) {
    // No Intl.Segmenter (old browsers): the pairs still match; keep the non-Han words.
    for (const m of run.matchAll(/[^\p{Script=Han}]+/gu)) out.push(m[0]);
    return out.filter((w) => w.length <= MAX_TOKEN_LENGTH);
  }
  for (const s of seg.segment(run)) {
    if (s.isWordLike === false) continue;
    const w = s.segment;
    const chars = Array.from(w);
    if (chars.length > MAX_TOKEN_LENGTH || !chars.every(isWordChar)) continue;
    if (chars.some(isHan)) {
      if (chars.length >= 2) out.push(w);
    } else out.push(w);
  }
  return out;
}

/** True when the word segmenter reads `text` as one word (巡视, not 痒或); true without a segmenter. */
export function isWord(text: string): boolean {
  const seg = getSegmenter();
  return !seg || Array.from(seg.segment(text)).length === 1;
}

/** Tokens of one folded run: Han pairs then words (duplicates kept: they count as frequency). */
export function runTokens(run: string): string[] {
  return [...hanPairs(run), ...words(run)];
}

/** Tokens of a run of a long field: its words, and the pairs inside its words of 3+ characters. */
export function wordTokens(run: string): string[] {
  const list = words(run);
  const out: string[] = [];
  const han = Array.from(run).filter(isHan);
  if (han.length === 1) out.push(han[0]!);
  else for (const m of run.matchAll(/\d(\p{Script=Han})/gu)) out.push(m[1]!);
  for (const w of list) {
    const chars = Array.from(w);
    if (chars.length >= 3 && isHan(chars[0]!)) out.push(...hanPairs(w));
  }
  return [...out, ...list];
}

/**
 * Tokens of a run without the word segmenter: its Han pairs (a lone Han character gives itself)
 * and its non-Han words (vip, 15). The same in every browser and in Node, so the loader can make
 * them again from the text it already has (a title, a context) instead of reading them from the
 * file (load-index.ts).
 */
export function pairTokens(run: string): string[] {
  const out = hanPairs(run);
  for (const m of run.matchAll(/[^\p{Script=Han}]+/gu)) if (m[0].length <= MAX_TOKEN_LENGTH) out.push(m[0]);
  return out;
}

/** All tokens of a text, in order, duplicates kept (the index counts them). */
export function tokenize(text: unknown): string[] {
  return runs(fold(text)).flatMap(runTokens);
}

/**
 * Tokens of a run of a short indexed field (`pairs: 'all'`): every Han pair and the words, except
 * a pair that straddles two words where one of them is a particle, pronoun or other word a query
 * drops (的床, 了一, 我拍 in 我拍了1.8米的床): the query cuts at those words (understand.ts), so
 * such a pair is never searched, and in the customers' own long lines they were a fifth of the
 * index. Without a segmenter: every pair.
 */
export function indexRunTokens(run: string): string[] {
  const seg = getSegmenter();
  if (!seg) return runTokens(run);
  const chars = Array.from(run);
  // Per character (code point): the word it belongs to, and whether that word is one a query drops.
  const wordOf: number[] = [];
  const dropped: boolean[] = [];
  let n = 0;
  for (const s of seg.segment(run)) {
    const w = Array.from(s.segment);
    const drop = w.every((c) => DROPPED_SINGLE_CHARS.has(c));
    for (let k = 0; k < w.length; k++) {
      wordOf.push(n);
      dropped.push(drop);
    }
    n++;
  }
  // The pairs held somewhere in the run without crossing into a dropped word.
  const kept = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++)
    if (!(wordOf[i] !== wordOf[i + 1] && (dropped[i] || dropped[i + 1]))) kept.add(chars[i]! + chars[i + 1]!);
  // hanPairs' lone characters (a unit after a number) stay, as do the words.
  return [...hanPairs(run).filter((t) => kept.has(t) || Array.from(t).length === 1), ...words(run)];
}

/** Tokens of several texts (a list field): pairs never straddle two items. */
export function tokenizeAll(texts: readonly unknown[], pairs: 'all' | 'in-words' | 'only' = 'all'): string[] {
  if (pairs === 'all') return texts.flatMap((t) => runs(fold(t)).flatMap(indexRunTokens));
  if (pairs === 'only') return texts.flatMap((t) => runs(fold(t)).flatMap(pairTokens));
  return texts.flatMap((t) => runs(fold(t)).flatMap(wordTokens));
}
