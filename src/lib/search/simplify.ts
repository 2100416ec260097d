/**
 * Traditional → Simplified Chinese with opencc-js: only the core and the four dictionaries the
 * Taiwan/Hong Kong → mainland conversion needs (≈ 26 kB gzipped instead of the 1 MB full build).
 * Same code at build time (index) and query time (browser, CLI), so 議價 and 议价 are one term.
 */
import { ConverterFactory } from 'opencc-js/core';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';

let converter: ((text: string) => string) | undefined;

/** Converts Traditional characters and phrases to Simplified; Simplified text passes unchanged. */
export function toSimplified(text: string): string {
  // Regional variants first (裡 → 裏, 著 → 着), then Traditional → Simplified (裏 → 里, 議價 → 议价).
  converter ??= ConverterFactory([TWVariantsRevPhrases, TWVariantsRev, HKVariantsRev], [TSPhrases, TSCharacters]);
  return converter(text);
}
