/**
 * Typo and homophone tolerance for Chinese queries. Staff type with a pinyin input method, so a
 * wrong character usually sounds like the right one (快第 → 快递, 发漂 → 发票, 回仿 → 回访, 投述 →
 * 投诉). When a character pair of the query is not in the index, query.ts tries the pairs made by
 * replacing one of its characters with a character of the same syllable (the table of
 * pinyin-table.ts), allowing the sounds people mix up (z/zh, c/ch, s/sh, n/l, an/ang, en/eng,
 * in/ing), and searches the one the index holds most often instead. Pairs the index has are never
 * changed.
 *
 * The table (≈ 10 kB gzipped) is not part of the search code: Node installs it at once
 * (`installHomophones` in pinyin.ts); the browser loads it with the first query that has a pair
 * the index lacks (`loadHomophones`, engine.ts).
 */
let byChar: Map<string, string[]> | undefined;
let loading: Promise<void> | undefined;

/** The sound class of a syllable: the pairs people mix up fall together. */
export function fuzzySyllable(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^n/, 'l')
    .replace(/([aei])ng$/, '$1n');
}

/**
 * Installs the table (entries: a syllable followed by its characters) and the groups of
 * characters that look alike (`lookalikes`: each string a group), which a typo mixes up as well.
 */
export function setHomophones(entries: readonly string[], lookalikes: readonly string[] = []): void {
  const groups = new Map<string, Set<string>>();
  const classes = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const item of entry.split(' ')) {
      const syllable = /^[a-z]+/.exec(item)?.[0];
      if (!syllable) continue;
      const key = fuzzySyllable(syllable);
      const set = groups.get(key) ?? new Set<string>();
      for (const ch of item.slice(syllable.length)) {
        set.add(ch);
        classes.set(ch, (classes.get(ch) ?? new Set<string>()).add(key));
      }
      groups.set(key, set);
    }
  }
  byChar = new Map();
  for (const [ch, keys] of classes) {
    const out = new Set<string>();
    for (const k of keys) for (const other of groups.get(k) ?? []) if (other !== ch) out.add(other);
    byChar.set(ch, [...out]);
  }
  for (const group of lookalikes) {
    for (const ch of group) byChar.set(ch, [...new Set([...(byChar.get(ch) ?? []), ...Array.from(group).filter((c) => c !== ch)])]);
  }
}

/** True when the table is there. */
export function homophonesLoaded(): boolean {
  return !!byChar;
}

/** Characters that sound like `ch` (none when the table is not loaded or `ch` is not in it). */
export function homophonesOf(ch: string): readonly string[] {
  return byChar?.get(ch) ?? [];
}

/** Loads the table (a separate chunk in the browser) once. */
export function loadHomophones(): Promise<void> {
  if (byChar) return Promise.resolve();
  loading ??= import('./pinyin-table.ts').then(
    (m) => setHomophones(m.PINYIN_SYLLABLES, m.LOOKALIKES),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The pair to search instead of `pair` (two Han characters the index lacks): of the pairs made by
 * replacing one character with a homophone, the one with the most postings; undefined when none
 * is in the index. `postings` says how often the index holds a term.
 */
export function correctPair(pair: string, postings: (term: string) => number): string | undefined {
  const chars = Array.from(pair);
  if (chars.length !== 2) return undefined;
  let best: string | undefined;
  let most = 0;
  for (let i = 0; i < 2; i++) {
    for (const h of homophonesOf(chars[i]!)) {
      const candidate = i === 0 ? h + chars[1] : chars[0] + h;
      const n = postings(candidate);
      if (n > most) {
        most = n;
        best = candidate;
      }
    }
  }
  return best;
}
