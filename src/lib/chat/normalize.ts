/**
 * Text normalisation and phrase search for the chat engine. Pure: no DOM, no Node APIs.
 *
 * Everything a trainee can type goes through `normalize`: Traditional → Simplified first (the
 * search pipeline's opencc conversion, src/lib/search/opencc.ts: 我不會 → 我不会, 對不起 → 对不起),
 * then the shared text fold (src/lib/text/fold.ts) with whitespace dropped: lone surrogates become U+FFFD, NFKC folds
 * full-width letters and digits (２０元 → 20元, ＡＢＣ → ABC), case is ignored, zero-width
 * characters and all whitespace are removed ("您 好" matches 您好). Phrase search then works on
 * that compact text, so positions and clauses refer to it.
 */
import { foldCodePoints, wellFormed } from '../text/fold.ts';
import { createConverter } from '../search/opencc.ts';
import { needsSimplifying } from '../search/simplify.ts';

let converter: ((text: string) => string) | undefined;

/** Traditional → Simplified (opencc, the search pipeline's dictionaries); Simplified text is returned as is. */
export function simplified(text: string): string {
  if (!needsSimplifying(text)) return text;
  converter ??= createConverter();
  try {
    return converter(text);
  } catch {
    return text;
  }
}

/** Start offsets (UTF-16) of each code point of `text`. */
function codePointStarts(text: string): number[] {
  const out: number[] = [];
  let offset = 0;
  for (const ch of text) {
    out.push(offset);
    offset += ch.length;
  }
  return out;
}

/** Any input as a well-formed string ('' for null, undefined and non-strings). */
export function asText(value: unknown): string {
  return typeof value === 'string' ? wellFormed(value) : '';
}

/** The compact comparison form of a text (see the module comment). */
export function normalize(text: string): string {
  return folded(text).text;
}

/** A compact text with, for each of its UTF-16 units, the position in the original text. */
export interface Folded {
  /** The original text (well-formed). */
  raw: string;
  /** The compact comparison form. */
  text: string;
  /** map[i] = position in `raw` of the code point compact unit i came from; map[text.length] = raw.length. */
  map: number[];
}

/** Normalises code point by code point, remembering where each compact character came from. */
export function folded(input: string): Folded {
  const original = wellFormed(input);
  const simple = simplified(original);
  const { source, folded: text, start: map } = foldCodePoints(simple, { dropWhitespace: true });
  if (simple === original) {
    map.push(source.length);
    return { raw: source, text, map };
  }
  // Quote the trainee's own (Traditional) words when the conversion kept one code point per code point.
  const from = codePointStarts(source);
  const to = codePointStarts(original);
  if (from.length !== to.length) {
    map.push(source.length);
    return { raw: source, text, map };
  }
  const index = new Map(from.map((offset, i) => [offset, i]));
  const back = map.map((offset) => to[index.get(offset) ?? 0] ?? 0);
  back.push(original.length);
  return { raw: original, text, map: back };
}

/** Like `snippet`, but quoting the original text around compact positions [pos, pos + length). */
export function excerpt(f: Folded, pos: number, length: number, context = 8): string {
  const start = f.map[pos] ?? f.raw.length;
  const lastUnit = f.map[Math.max(pos, pos + length - 1)] ?? start;
  const cp = f.raw.codePointAt(lastUnit);
  const end = length > 0 ? lastUnit + (cp !== undefined && cp > 0xffff ? 2 : 1) : start;
  return snippet(f.raw, start, end - start, context);
}

/** The text stops mid-sentence: it ends in ，、：； (the rest is still coming). */
export function endsMidSentence(text: string): boolean {
  return /[，,、：:；;]\s*$/u.test(text);
}

/** The first `n` characters (code points) of a trainee's words, with … when cut, for a finding. */
export function quote(text: string, n = 30): string {
  const chars = Array.from(text.trim());
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : chars.join('');
}

/** Number of characters (code points) a trainee typed, whitespace excluded. */
export function countChars(text: string): number {
  let n = 0;
  for (const ch of wellFormed(text)) if (!/\s/.test(ch)) n++;
  return n;
}

/** Clause separators: sentence and clause punctuation, tildes and emoji-free breaks. */
const CLAUSE_BREAK = /[,.!?;:，。！？；：、~～…\n]+/g;

export interface Clause {
  /** Clause text (compact form). */
  text: string;
  /** Start position inside the compact message text. */
  start: number;
}

/** Splits compact text into clauses at punctuation. */
export function splitClauses(compact: string): Clause[] {
  const out: Clause[] = [];
  let last = 0;
  for (const m of compact.matchAll(CLAUSE_BREAK)) {
    if (m.index > last) out.push({ text: compact.slice(last, m.index), start: last });
    last = m.index + m[0].length;
  }
  if (last < compact.length) out.push({ text: compact.slice(last), start: last });
  return out;
}

/**
 * Longer words that contain a phrase without meaning it: 申请 is not the polite 请, 迷你 is not
 * 你, 减少 is not a price cut. An occurrence inside one of these words is not a match.
 */
export const FALSE_FRIENDS: Readonly<Record<string, readonly string[]>> = {
  请: ['申请', '邀请', '宴请', '聘请', '请示', '请假'],
  你: ['迷你'],
  亲: ['亲自', '亲戚', '亲身', '亲眼', '亲手', '亲人'],
  减: ['减少', '减肥', '减轻', '减震', '减压'],
  折: ['折腾', '折叠', '曲折', '折磨', '周折', '转折'],
};

function insideFalseFriend(text: string, pos: number, phrase: string): boolean {
  for (const word of FALSE_FRIENDS[phrase] ?? []) {
    let k = word.indexOf(phrase);
    while (k !== -1) {
      const start = pos - k;
      if (start >= 0 && text.startsWith(word, start)) return true;
      k = word.indexOf(phrase, k + 1);
    }
  }
  return false;
}

/** All positions of `phrase` (compact form) in `text` (compact form), false friends excluded. */
export function findAll(text: string, phrase: string): number[] {
  const out: number[] = [];
  if (!phrase) return out;
  let pos = text.indexOf(phrase);
  while (pos !== -1) {
    if (!insideFalseFriend(text, pos, phrase)) out.push(pos);
    pos = text.indexOf(phrase, pos + phrase.length);
  }
  return out;
}

/** A short excerpt around a match, for the report's evidence (plain text, never HTML). */
export function snippet(text: string, pos: number, length: number, context = 8): string {
  // Look at a bounded window (context code points are at most 2 units each), then count code
  // points so an excerpt never cuts a surrogate pair.
  const from = Math.max(0, pos - context * 2 - 1);
  const to = Math.min(text.length, pos + length + context * 2 + 1);
  const before = Array.from(text.slice(from, pos)).filter((ch, i) => !(i === 0 && from > 0 && /^[\uDC00-\uDFFF]$/.test(ch)));
  const after = Array.from(text.slice(pos + length, to));
  const lead = before.length > context || from > 0 ? '…' : '';
  const tail = after.length > context || to < text.length ? '…' : '';
  return `${lead}${before.slice(-context).join('')}${text.slice(pos, pos + length)}${after.slice(0, context).join('')}${tail}`;
}

/**
 * Negations that cancel the phrase after them in the same clause (不能便宜, 没有赠品, 无法退).
 * Words that start with a negation character but do not negate are excluded: 不过, 不错, 不仅,
 * 不好意思, 不客气, 不用谢, 不管, 没问题, 别担心, 差不多 …
 */
const NEGATION = /(?<!差)不(?!过|错|仅|但|少|久|客气|好意思|用谢|妨|管)|没(?!问题)|无法|无(?!论|忧)|别(?!的|人|家|担心|着急)|未(?!来)/g;
const NEGATION_AFTER = /^(?:不了|不到|不起|不出|不来|不行|(?:是|也|更)?不可能)/;
/** How many characters before a phrase a negation may stand (不能给您|便宜). */
const NEGATION_WINDOW = 4;

/**
 * A negation character inside an A不A / 有没有 question (能不能、是不是、会不会、可不可以、行不行、
 * 有没有) asks, it does not refuse: 能不能取消要看… is no 不能取消.
 */
export function inQuestionPair(text: string, at: number): boolean {
  const before = text[at - 1];
  return (text[at] === '不' || text[at] === '没') && before !== undefined && before === text[at + 1];
}

/** True when the occurrence at `pos` (length `len`) inside `clause` is negated. */
export function isNegated(clause: string, pos: number, len: number): boolean {
  const from = Math.max(0, pos - NEGATION_WINDOW);
  const window = clause.slice(from, pos + len);
  for (const m of window.matchAll(NEGATION)) {
    if (m.index < pos - from && !inQuestionPair(clause, from + m.index)) return true;
  }
  const after = clause.slice(pos + len);
  return NEGATION_AFTER.test(after) && !inQuestionPair(clause, pos + len);
}

/**
 * A guarantee denied (不能保证, 谁也没法打包票, 不敢跟您说百分百, 不该这样给您打包票, 保证不了) takes back the promises
 * around it: every promise in its clause (明天一定到这个我没法保证; 谁也没法打包票做成一模一样) and,
 * when the denial ends its clause, in the next one (我不敢跟您打包票，说一定不会留疤), and in the
 * clause before when the next one opens with it (做成一模一样，这个谁也保证不了); up to a 但 or
 * 不过, after which the agent promises after all (我不敢打包票，但一定不会留疤). Used for promises
 * only (intents.ts `promise`, promises.ts): 我不能保证效果，专家面诊后会如实告诉您 still brings in
 * the expert.
 */
const GUARANTEE_VERB = '(?:打这个包票|打这个保票|打包票|打保票|包票|保票|保证|承诺|担保|说死|许诺|说(?=百分百|百分之百|一定|绝对|肯定))';
const GUARANTEE_DENIED = new RegExp(
  `(?:不能|不敢|不会|不好|不该|不应该|不应|不要|别|不可能|没法|没办法|无法|没人能|没有人能|没有谁能|谁(?:也|都)(?:不能|不敢|没法|没办法|不)|打不了|做不了|不(?=随口|随便|轻易|乱))` +
    `(?:这样|那样|随口|随便|轻易|乱|跟您|给您|向您|和您|对您|跟你|给你|也|都|去|来){0,2}${GUARANTEE_VERB}|${GUARANTEE_VERB}不了`,
  'gu',
);
const CONTRAST = /但|不过|可是|然而/;
/** What may stand before a denial that opens its clause: 这个谁也保证不了, 这点我们不敢保证. */
const DENIAL_OPENER = /^(?:但是|但|不过|这个|这一点|这点|这|那个|那|我们|我|谁|任何人|也|都|是|真的|实在|确实)*$/u;

/** For each clause, the [start, end) spans of its denied guarantees. */
export function guaranteeDenials(clauses: readonly { text: string }[]): [number, number][][] {
  return clauses.map((c) => [...c.text.matchAll(GUARANTEE_DENIED)].map((m): [number, number] => [m.index, m.index + m[0].length]));
}

/** Whether a promise at `pos` in clause `i` is taken back by a denied guarantee (GUARANTEE_DENIED). */
export function promiseDenied(clauses: readonly { text: string }[], denials: [number, number][][], i: number, pos: number): boolean {
  const text = clauses[i]?.text ?? '';
  for (const [a, b] of denials[i] ?? []) {
    const between = pos < a ? text.slice(pos, a) : text.slice(b, pos);
    if (!CONTRAST.test(between)) return true;
  }
  const before = clauses[i - 1]?.text ?? '';
  if ((denials[i - 1] ?? []).some(([, b]) => b >= before.length - 1) && !CONTRAST.test(text.slice(0, pos))) return true;
  const next = clauses[i + 1]?.text ?? '';
  return (denials[i + 1] ?? []).some(([a]) => DENIAL_OPENER.test(next.slice(0, a))) && !CONTRAST.test(text.slice(pos));
}

/**
 * What may stand inside a phrase: light words only (pronouns, measure words, adverbs of degree
 * and time: 道个歉, 您这边更希望, 马上给您安排); a content word inside (赔付规定给您) changes the meaning.
 */
const GAP_FILL = /^[个一下点些这那边更都也就还再很真们您你我给帮来先会可要了着过正在马上现今天]+$/;

/**
 * Positions of `phrase` in `text` allowing a few characters inside it (道个歉 for 道歉, 您这边更希望
 * for 您希望): one gap of up to `maxGap` characters (1 for two-character phrases, 3 for longer
 * ones) at any point, holding light words only (GAP_FILL). Returns [start, end) pairs; exact
 * matches are not included (use findAll first).
 */
export function findGapped(text: string, phrase: string): [number, number][] {
  const chars = Array.from(phrase);
  if (chars.length < 2 || chars.length !== phrase.length) return [];
  if (!text.includes(phrase[0] as string) || !text.includes(phrase[phrase.length - 1] as string)) return [];
  const maxGap = chars.length === 2 ? 1 : 3;
  const out: [number, number][] = [];
  for (let split = 1; split < phrase.length; split++) {
    const head = phrase.slice(0, split);
    const tail = phrase.slice(split);
    for (const start of findAll(text, head)) {
      const from = start + head.length;
      for (let gap = 1; gap <= maxGap; gap++) {
        const inside = text.slice(from, from + gap);
        if (inside.length < gap || !GAP_FILL.test(inside)) break;
        if (text.startsWith(tail, from + gap)) out.push([start, from + gap + tail.length]);
      }
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}
