/**
 * Recent searches, remembered on the device. Storage is injected (the browser passes a
 * localStorage wrapper, tests a fake); anything it throws (private mode, quota) or anything odd
 * found in it is ignored, so search never breaks because of it. Without usable storage the list
 * lives for the page's lifetime only.
 */
import { wellFormed } from '../text/fold.ts';

/** The part of the Web Storage API used here. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const RECENT_KEY = 'sop-search-recent';
/** Longest query kept (longer ones are cut). */
const MAX_LENGTH = 40;

export class RecentSearches {
  readonly #storage: KeyValueStorage | null;
  readonly #key: string;
  readonly #max: number;
  #memory: string[] = [];

  constructor(storage: KeyValueStorage | null, options: { key?: string; max?: number } = {}) {
    this.#storage = storage;
    this.#key = options.key ?? RECENT_KEY;
    this.#max = options.max ?? 6;
  }

  /** Most recent first. */
  list(): string[] {
    if (!this.#storage) return [...this.#memory];
    try {
      const raw: unknown = JSON.parse(this.#storage.getItem(this.#key) ?? '[]');
      if (!Array.isArray(raw)) return [];
      return raw
        .filter((q): q is string => typeof q === 'string' && q.trim() !== '')
        .map((q) => wellFormed(q).slice(0, MAX_LENGTH))
        .slice(0, this.#max);
    } catch {
      return [...this.#memory];
    }
  }

  /** Remembers a query (moved to the front if already there); returns the new list. */
  add(query: string): string[] {
    const q = Array.from(wellFormed(query).trim().replace(/\s+/g, ' ')).slice(0, MAX_LENGTH).join('');
    if (!q) return this.list();
    const next = [q, ...this.list().filter((x) => x !== q)].slice(0, this.#max);
    this.#write(next);
    return next;
  }

  clear(): string[] {
    this.#write([]);
    return [];
  }

  #write(list: string[]): void {
    this.#memory = list;
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(list));
    } catch {
      // Storage full or disabled: keep working without it.
    }
  }
}
