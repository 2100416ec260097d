/**
 * Simplified → Traditional (Taiwan variants) for copying a reply to a customer who writes
 * Traditional. Its own module so the browser loads the opencc-js dictionaries only when a
 * Traditional copy is asked for (import() from the island), never with the page.
 */
import { ConverterFactory } from 'opencc-js/core';
import STPhrases from 'opencc-js/dict/STPhrases';
import STCharacters from 'opencc-js/dict/STCharacters';
import TWVariants from 'opencc-js/dict/TWVariants';

let converter: ((text: string) => string) | undefined;

/** The text in Traditional characters (the 【】 placeholders stay where they are). */
export function toTraditional(text: string): string {
  converter ??= ConverterFactory([STPhrases, STCharacters], [TWVariants]);
  return converter(text);
}
