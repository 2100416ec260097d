/**
 * Drafts: a synchronous copy of work in progress in localStorage, so that the answer given or the
 * message sent just before a reload (or a phone switching apps) survives even when the IndexedDB
 * write had not finished. The state classes write a draft on every change and on `pagehide`, and
 * merge it on load when it is newer than the stored record; a draft is removed once its work is in
 * the device store (quiz) or the chat has ended.
 *
 * Keys: "sop-draft:attempt:<quiz id>:<attempt id>" (a whole AttemptRecord), "sop-draft:chat:<scenario id>"
 * (ChatDraft, chat-session.svelte.ts). Values are JSON; anything unreadable is ignored.
 *
 * The storage is injected (DraftStorage: the part of Web Storage used); browserDrafts() gives
 * localStorage or, where it is refused (private mode, disabled storage), a store in memory.
 */

export interface DraftStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Web Storage in memory: tests, and browsers that refuse localStorage. */
export class MemoryDrafts implements DraftStorage {
  #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
}

/** localStorage when the browser allows it, else drafts in memory. */
export function browserDrafts(): DraftStorage {
  try {
    const s = globalThis.localStorage;
    if (s) {
      const probe = 'sop-draft:probe';
      s.setItem(probe, '1');
      s.removeItem(probe);
      return s;
    }
  } catch {
    // refused: fall through
  }
  return new MemoryDrafts();
}

/** Reads a JSON draft; undefined when missing or unreadable. */
export function readDraft<T>(storage: DraftStorage, key: string): T | undefined {
  try {
    const text = storage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

/** Writes a JSON draft; false when storage refused it (full, disabled). */
export function writeDraft(storage: DraftStorage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeDraft(storage: DraftStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // nothing to do
  }
}

/** Keys starting with `prefix`. */
export function draftKeys(storage: DraftStorage, prefix: string): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
  } catch {
    // unreadable storage: no drafts
  }
  return keys;
}

/**
 * For onMount: calls `flush` when the page goes away or is hidden (a reload, a phone switching
 * apps), so the work in progress is written as a draft now. Returns the cleanup.
 */
export function flushWhenHidden(flush: () => void): () => void {
  const hidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', hidden);
  return () => {
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', hidden);
  };
}
