/**
 * The one text fold, shared by search (src/lib/search/normalise.ts) and the chat engine
 * (src/lib/chat/normalize.ts). Pure: no DOM, no Node APIs.
 *
 * fold = lone surrogates → U+FFFD, Unicode NFKC (full-width ＶＩＰ → VIP, ２０ → 20, compatibility
 * ideographs → unified ones), lower case, zero-width characters removed; with `dropWhitespace`
 * (the chat's compact form, "您 好" matches 您好) all whitespace removed as well. Search adds
 * Traditional → Simplified on top and keeps spaces (its tokenizer drops them).
 */

/** Replaces lone surrogates with U+FFFD so that later string operations are safe. */
export function wellFormed(text: string): string {
  const s = text as string & { toWellFormed?: () => string };
  if (typeof s.toWellFormed === 'function') return s.toWellFormed();
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export interface FoldOptions {
  /** Remove all whitespace too (default: whitespace is kept). */
  dropWhitespace?: boolean;
}

/** NFKC, lower case, no zero-width characters (and no whitespace when asked) of a well-formed text. */
function foldWellFormed(text: string, dropWhitespace: boolean): string {
  const out = text.normalize('NFKC').toLowerCase().replace(ZERO_WIDTH, '');
  return dropWhitespace ? out.replace(/\s+/g, '') : out;
}

/** The folded form of the whole text at once (see the module comment). */
export function foldText(text: string, options: FoldOptions = {}): string {
  return foldWellFormed(wellFormed(text), options.dropWhitespace === true);
}

/** A text folded code point by code point, with where each folded UTF-16 unit came from. */
export interface FoldedCodePoints {
  /** The original text, well-formed (lone surrogates replaced). */
  source: string;
  folded: string;
  /** start[i], end[i]: the range in `source` of the code point folded[i] came from. */
  start: number[];
  end: number[];
}

/**
 * Folds code point by code point and remembers where each folded unit came from, so a match
 * found in the folded text can be quoted or highlighted in the original. The result equals
 * `foldText(text, options)` except for rare multi-character NFKC compositions.
 */
export function foldCodePoints(text: string, options: FoldOptions = {}): FoldedCodePoints {
  const dropWhitespace = options.dropWhitespace === true;
  const source = wellFormed(text);
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  let offset = 0;
  for (const ch of source) {
    const piece = foldWellFormed(ch, dropWhitespace);
    for (let i = 0; i < piece.length; i++) {
      start.push(offset);
      end.push(offset + ch.length);
    }
    folded += piece;
    offset += ch.length;
  }
  return { source, folded, start, end };
}
