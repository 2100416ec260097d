/**
 * One tab owns an attempt: the quiz and chat islands hold a named lock per quiz / scenario
 * ("sop-quiz:<id>", "sop-chat:<id>") for as long as the page is open. A second tab on the same quiz
 * or chat does not get it, says so and stays read-only until the trainee presses 在本页继续 (take
 * over, `steal`); the first tab is then told (`onLost`) and becomes read-only in its turn.
 *
 * The state classes get a TabLock through their constructor: browserTabLock() in the browser,
 * MemoryTabLocks (one object shared by the "tabs" of a test) in unit tests.
 *
 * browserTabLock():
 * - Web Locks (`navigator.locks.request(name, { ifAvailable: true })`, `{ steal: true }` to take
 *   over); a stolen lock's request rejects with AbortError, which is `onLost`. The browser releases
 *   the lock when the tab closes or reloads.
 * - Without Web Locks, a BroadcastChannel: a tab asks "who owns <name>?" and owns it when no tab
 *   answers within CLAIM_WAIT_MS; taking over tells the owner it lost the lock.
 * - Without either, every tab owns the lock; the compare-and-set writes of the state classes still
 *   keep one tab from overwriting another's work.
 */

export interface TabLockHandle {
  /** Gives the lock up (island destroyed). */
  release(): void;
}

export interface TabLock {
  /**
   * Tries to own `name`. Resolves to a handle when this tab now owns it, or null when another tab
   * does (`steal: true` always takes it). `onLost` runs once if another tab takes the lock over.
   */
  acquire(name: string, options: { steal?: boolean; onLost: () => void }): Promise<TabLockHandle | null>;
}

/** How long the BroadcastChannel fallback waits for an owner to answer. */
export const CLAIM_WAIT_MS = 150;

interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

/** Web Locks. */
export function webLocksTabLock(locks: LockManagerLike): TabLock {
  return {
    acquire(name, { steal, onLost }) {
      return new Promise((resolve) => {
        let release: () => void = () => {};
        let released = false;
        const held = new Promise<void>((r) => (release = r));
        locks
          .request(name, steal ? { steal: true } : { ifAvailable: true }, async (lock) => {
            if (!lock) {
              resolve(null);
              return;
            }
            resolve({
              release: () => {
                released = true;
                release();
              },
            });
            await held;
          })
          .catch((err: unknown) => {
            // AbortError: another tab stole the lock.
            if (!released && (err as { name?: string } | null)?.name === 'AbortError') onLost();
            resolve(null);
          });
      });
    },
  };
}

interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

type LockMessage = { type: 'who'; name: string; from: string } | { type: 'mine' | 'steal'; name: string; from: string };

/** BroadcastChannel fallback (no Web Locks): ask, wait CLAIM_WAIT_MS for an owner, else own. */
export function channelTabLock(channel: ChannelLike, wait: (ms: number) => Promise<void>): TabLock {
  const me = Math.random().toString(36).slice(2);
  const owned = new Map<string, () => void>();
  const answered = new Set<string>();
  channel.onmessage = (event) => {
    const m = event.data as LockMessage;
    if (!m || typeof m.name !== 'string' || m.from === me) return;
    if (m.type === 'who' && owned.has(m.name)) channel.postMessage({ type: 'mine', name: m.name, from: me });
    else if (m.type === 'mine') answered.add(m.name);
    else if (m.type === 'steal') {
      const lost = owned.get(m.name);
      owned.delete(m.name);
      lost?.();
    }
  };
  return {
    async acquire(name, { steal, onLost }) {
      if (steal) channel.postMessage({ type: 'steal', name, from: me });
      else {
        answered.delete(name);
        channel.postMessage({ type: 'who', name, from: me });
        await wait(CLAIM_WAIT_MS);
        if (answered.has(name)) return null;
      }
      owned.set(name, onLost);
      return { release: () => owned.delete(name) };
    },
  };
}

/** Every tab owns every lock (no Web Locks, no BroadcastChannel). */
export const noTabLock: TabLock = {
  acquire: async () => ({ release: () => {} }),
};

/** The browser's tab lock: Web Locks, else BroadcastChannel, else none. */
export function browserTabLock(): TabLock {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (locks && typeof locks.request === 'function') return webLocksTabLock(locks);
  if (typeof BroadcastChannel === 'function') {
    return channelTabLock(
      new BroadcastChannel('sop-xuetang-tab-lock') as unknown as ChannelLike,
      (ms) => new Promise((r) => setTimeout(r, ms)),
    );
  }
  return noTabLock;
}

/**
 * Locks shared by the "tabs" of a unit test: `tab()` gives one tab's TabLock; stealing calls the
 * previous owner's onLost at once.
 */
export class MemoryTabLocks {
  #owners = new Map<string, { tab: number; onLost: () => void }>();
  #tabs = 0;

  tab(): TabLock {
    const tab = ++this.#tabs;
    return {
      acquire: async (name, { steal, onLost }) => {
        const owner = this.#owners.get(name);
        if (owner && owner.tab !== tab && !steal) return null;
        const entry = { tab, onLost };
        this.#owners.set(name, entry);
        if (owner && owner.tab !== tab) owner.onLost();
        return {
          release: () => {
            if (this.#owners.get(name) === entry) this.#owners.delete(name);
          },
        };
      },
    };
  }

  /** Which test tab (1, 2, …) owns `name`; undefined when free. */
  ownerOf(name: string): number | undefined {
    return this.#owners.get(name)?.tab;
  }
}
