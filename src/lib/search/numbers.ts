/**
 * Lists of non-negative integers as text, for the search index (index-format.ts) and the table of
 * Traditional characters (traditional.ts): each number is written in base 32, most significant
 * digit first; the last digit of a number comes from the first half of a 64-character alphabet,
 * the others from the second half. Small numbers (most deltas) take one character, and the text
 * is plain JSON and JavaScript, so gzip on the wire compresses it as well as a binary varint file
 * (measured: 68 vs 67 kB for the real index) and any static host serves it compressed.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Encodes the numbers (integers ≥ 0, below 2^53). */
export function encodeNumbers(numbers: Iterable<number>): string {
  let out = '';
  const digits: number[] = [];
  for (const n of numbers) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot encode ${n}`);
    let v = n;
    digits.length = 0;
    do {
      digits.push(v % 32);
      v = Math.floor(v / 32);
    } while (v > 0);
    for (let i = digits.length - 1; i > 0; i--) out += ALPHABET[digits[i]! + 32];
    out += ALPHABET[digits[0]!];
  }
  return out;
}

/**
 * Decodes `text`. Throws on a character outside the alphabet, a number cut short or one of 2^32
 * or more (a broken file gives a clear error, not wrong results).
 */
export function decodeNumbers(text: string): Uint32Array {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const v = VALUE[text.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error(`bad character at ${i}`);
    if (v < 32) count++;
  }
  if (text.length && VALUE[text.charCodeAt(text.length - 1)]! >= 32) throw new Error('number cut short');
  const out = new Uint32Array(count);
  let n = 0;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const v = VALUE[text.charCodeAt(i)]!;
    if (v >= 32) n = n * 32 + (v - 32);
    else {
      n = n * 32 + v;
      if (n > 0xffffffff) throw new Error(`number too large at ${i}`);
      out[k++] = n;
      n = 0;
    }
  }
  return out;
}
