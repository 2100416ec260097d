/**
 * The first stage of the search pipeline, shared by the index build, the browser and the CLI:
 * every text is "folded" before it is tokenised or compared.
 *
 * fold = the shared text fold (src/lib/text/fold.ts: lone surrogates → U+FFFD, Unicode NFKC
 * (full-width ＶＩＰ → VIP, ２０ → 20, compatibility ideographs → unified ones), lower case,
 * zero-width characters removed), then Traditional → Simplified (議價 → 议价). Punctuation and
 * spaces are kept here; the tokenizer drops them.
 */
import { foldCodePoints, foldText } from '../text/fold.ts';
import { toSimplified } from './simplify.ts';

const HAN = /\p{Script=Han}/u;
/** Letters, digits and combining marks: everything else (punctuation, spaces, emoji, symbols) separates. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** True for one Han character (Chinese ideograph, Simplified or Traditional). */
export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** True for a character that can be part of a token. */
export function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

/** The folded form of a text (see the module comment). Any input is safe: non-strings give ''. */
export function fold(text: unknown): string {
  if (typeof text !== 'string' || text === '') return '';
  return toSimplified(foldText(text));
}

/** A folded text with, for each of its UTF-16 code units, the range it came from in the original. */
export interface FoldedText {
  folded: string;
  /** start[i], end[i]: the original code-unit range of folded[i]. */
  start: number[];
  end: number[];
}

/**
 * Folds character by character and remembers where each folded character came from, so matches
 * found in the folded text can be highlighted in the original (highlight.ts). The result equals
 * `fold(text)` except for rare multi-character NFKC compositions.
 */
export function foldWithMap(text: string): FoldedText {
  const { folded: out, start, end } = foldCodePoints(text);
  // Traditional → Simplified keeps the length for practically all text; when it does not, convert
  // character by character so that positions stay exact.
  let simplified = toSimplified(out);
  if (simplified.length !== out.length) {
    simplified = '';
    let k = 0;
    const s2: number[] = [];
    const e2: number[] = [];
    for (const ch of out) {
      const c = toSimplified(ch);
      const piece = c.length === ch.length ? c : ch;
      for (let i = 0; i < piece.length; i++) {
        s2.push(start[k] ?? 0);
        e2.push(end[k + ch.length - 1] ?? 0);
      }
      simplified += piece;
      k += ch.length;
    }
    return { folded: simplified, start: s2, end: e2 };
  }
  return { folded: simplified, start, end };
}
