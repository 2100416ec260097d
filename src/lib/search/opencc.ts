/**
 * The opencc-js dictionaries search uses for Traditional → Simplified: only the core and the five
 * dictionaries of the Taiwan/Hong Kong → mainland conversion (≈ 35 kB gzipped instead of the 1 MB
 * full build). Node (index build, CLI, tests) imports this module directly; the browser loads it
 * as its own chunk, only when a query contains Traditional characters (simplify.ts).
 */
import { ConverterFactory } from 'opencc-js/core';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import { setSimplifier } from './simplify.ts';

/** The dictionaries of each conversion step, in order (regional variants first, then T → S). */
export const OPENCC_STEPS: readonly (readonly string[])[] = [
  [TWVariantsRevPhrases, TWVariantsRev, HKVariantsRev],
  [TSPhrases, TSCharacters],
];

/** The full converter (every text through every dictionary). */
export function createConverter(): (text: string) => string {
  // Regional variants first (裡 → 裏, 著 → 着), then Traditional → Simplified (裏 → 里, 議價 → 议价).
  return ConverterFactory(OPENCC_STEPS[0]!, OPENCC_STEPS[1]!);
}

/** Makes `toSimplified` convert (idempotent). */
export function installSimplifier(): void {
  setSimplifier(createConverter());
}
