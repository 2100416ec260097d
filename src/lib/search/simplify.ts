/**
 * Traditional → Simplified Chinese, the same at build time (index) and query time (browser, CLI),
 * so 議價 and 议价 are one term. The opencc-js dictionaries (opencc.ts, ≈ 35 kB gzipped) are not
 * part of the search code: a text is converted only when it contains a character of a small table
 * (traditional.ts, ≈ 2 kB: the characters opencc changes, and the few phrases of otherwise
 * Simplified characters it changes), and only then are the dictionaries needed. Node installs
 * them at once (`installSimplifier` in opencc.ts); the browser loads them with the first query
 * that needs them (`loadSimplifier`), which is rare: content and queries are Simplified.
 */
import { decodeNumbers } from './numbers.ts';
import { TRADITIONAL_CHARS, TRADITIONAL_PHRASES } from './traditional.ts';

let converter: ((text: string) => string) | undefined;
let loading: Promise<void> | undefined;
let triggers: { chars: Set<number>; phrases: Map<number, string[]> } | undefined;

function table() {
  if (!triggers) {
    const chars = new Set<number>();
    let cp = 0;
    for (const delta of decodeNumbers(TRADITIONAL_CHARS)) chars.add((cp += delta));
    const phrases = new Map<number, string[]>();
    for (const p of TRADITIONAL_PHRASES.split(' ').filter(Boolean)) {
      const first = p.codePointAt(0)!;
      phrases.set(first, [...(phrases.get(first) ?? []), p]);
    }
    triggers = { chars, phrases };
  }
  return triggers;
}

/** True when opencc could change the text (it has Traditional characters). */
export function needsSimplifying(text: string): boolean {
  const { chars, phrases } = table();
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (cp < 0x3400) continue;
    if (chars.has(cp)) return true;
    const list = phrases.get(cp);
    if (list && list.some((p) => text.startsWith(p, i - (cp > 0xffff ? 1 : 0)))) return true;
  }
  return false;
}

/** Converts Traditional characters and phrases to Simplified; Simplified text passes unchanged. */
export function toSimplified(text: string): string {
  if (!converter || !needsSimplifying(text)) return text;
  return converter(text);
}

/** True when `toSimplified` gives the full conversion of the text (no dictionaries missing). */
export function canSimplify(text: string): boolean {
  return !!converter || !needsSimplifying(text);
}

/** Installs the converter (opencc.ts calls this). */
export function setSimplifier(convert: (text: string) => string): void {
  converter = convert;
}

/** Loads the dictionaries (a separate chunk in the browser) once; resolves when they are in. */
export function loadSimplifier(): Promise<void> {
  if (converter) return Promise.resolve();
  loading ??= import('./opencc.ts').then(
    (m) => m.installSimplifier(),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
