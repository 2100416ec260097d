/**
 * The tab lock (src/components/state/tab-lock.ts) over fakes of Web Locks and BroadcastChannel:
 * the second tab does not get the lock, taking over tells the first tab, releasing frees it.
 */
import { describe, expect, it } from 'vitest';
import { channelTabLock, webLocksTabLock, type TabLock } from '../../src/components/state/tab-lock.ts';

/** Web Locks as the spec has it for ifAvailable and steal (exclusive locks only). */
class FakeLocks {
  held = new Map<string, { reject: (err: Error) => void }>();
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => Promise<unknown> | unknown) {
    return new Promise((resolve, reject) => {
      const current = this.held.get(name);
      if (current && options.ifAvailable) {
        Promise.resolve(callback(null)).then(resolve, reject);
        return;
      }
      if (current && options.steal) {
        this.held.delete(name);
        current.reject(Object.assign(new Error('stolen'), { name: 'AbortError' }));
      }
      const entry = { reject };
      this.held.set(name, entry);
      Promise.resolve(callback({ name })).then(
        (v) => {
          if (this.held.get(name) === entry) this.held.delete(name);
          resolve(v);
        },
        (e: unknown) => reject(e),
      );
    });
  }
}

/** BroadcastChannel between fake tabs: a message reaches every other channel. */
function bus() {
  const channels: Array<{ onmessage: ((e: { data: unknown }) => void) | null }> = [];
  return () => {
    const ch = {
      onmessage: null as ((e: { data: unknown }) => void) | null,
      postMessage(data: unknown) {
        for (const other of channels) if (other !== ch) other.onmessage?.({ data: structuredClone(data) });
      },
      close() {},
    };
    channels.push(ch);
    return ch;
  };
}

async function twoTabs(one: TabLock, two: TabLock) {
  const lost: string[] = [];
  const a = await one.acquire('sop-quiz:q', { onLost: () => lost.push('one') });
  expect(a).not.toBeNull();
  expect(await two.acquire('sop-quiz:q', { onLost: () => lost.push('two') })).toBeNull();
  expect(await two.acquire('sop-quiz:other', { onLost: () => {} })).not.toBeNull();
  const b = await two.acquire('sop-quiz:q', { steal: true, onLost: () => lost.push('two') });
  expect(b).not.toBeNull();
  await new Promise((r) => setTimeout(r, 0));
  expect(lost).toEqual(['one']);
  expect(await one.acquire('sop-quiz:q', { onLost: () => {} })).toBeNull();
  b!.release();
  await new Promise((r) => setTimeout(r, 0));
  expect(await one.acquire('sop-quiz:q', { onLost: () => {} })).not.toBeNull();
}

describe('tab lock', () => {
  it('Web Locks: one owner, take over tells the first tab, release frees the lock', async () => {
    const locks = new FakeLocks();
    await twoTabs(webLocksTabLock(locks), webLocksTabLock(locks));
  });

  it('BroadcastChannel fallback: the same', async () => {
    const channel = bus();
    const wait = () => new Promise<void>((r) => setTimeout(r, 1));
    await twoTabs(channelTabLock(channel(), wait), channelTabLock(channel(), wait));
  });
});
