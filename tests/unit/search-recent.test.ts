import { describe, expect, it } from 'vitest';
import { RecentSearches, RECENT_KEY, type KeyValueStorage } from '../../src/lib/search/recent.ts';

function fakeStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('RecentSearches', () => {
  it('remembers queries most recent first, without duplicates, up to the maximum', () => {
    const storage = fakeStorage();
    const recent = new RecentSearches(storage, { max: 3 });
    recent.add('便宜');
    recent.add('快递到哪了');
    recent.add('便宜');
    recent.add('退款');
    expect(recent.add('发票')).toEqual(['发票', '退款', '便宜']);
    expect(JSON.parse(storage.data[RECENT_KEY]!)).toEqual(['发票', '退款', '便宜']);
    expect(new RecentSearches(storage).list()).toEqual(['发票', '退款', '便宜']);
  });

  it('ignores empty queries, trims and cuts long ones', () => {
    const recent = new RecentSearches(fakeStorage());
    expect(recent.add('   ')).toEqual([]);
    expect(recent.add('  能  便宜点吗 ')).toEqual(['能 便宜点吗']);
    expect(Array.from(recent.add('长'.repeat(500))[0]!)).toHaveLength(40);
  });

  it('survives broken or hostile storage', () => {
    expect(new RecentSearches(fakeStorage({ [RECENT_KEY]: '{not json' })).list()).toEqual([]);
    expect(new RecentSearches(fakeStorage({ [RECENT_KEY]: '[1, null, "ok", {"a":1}]' })).list()).toEqual(['ok']);
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    const recent = new RecentSearches(throwing);
    expect(recent.list()).toEqual([]);
    expect(() => recent.add('便宜')).not.toThrow();
    // Without storage the list lives in memory for the page.
    expect(recent.list()).toEqual(['便宜']);
    const memoryOnly = new RecentSearches(null);
    memoryOnly.add('便宜');
    expect(memoryOnly.list()).toEqual(['便宜']);
  });
});
