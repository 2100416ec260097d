/**
 * The Traditional → Simplified dictionaries are loaded only when a text needs them (the browser's
 * case: this file starts without them, unlike Node's entry points which install them at once).
 */
import { describe, expect, it } from 'vitest';
import { canSimplify, loadSimplifier, needsSimplifying, toSimplified } from '../../src/lib/search/simplify.ts';
import { fold } from '../../src/lib/search/normalise.ts';
import { buildSearchIndex } from '../../src/lib/search/build-index.ts';
import { createSearchEngine } from '../../src/lib/search/engine.ts';
import type { SearchDoc } from '../../src/lib/search/documents.ts';

const DOC: SearchDoc = {
  kind: 'script',
  id: 'bargain',
  title: '顾客要求便宜一点',
  url: '/scripts/#bargain',
  tags: ['议价'],
  reply: '亲，价格已经很实惠啦～',
};

describe('dictionaries on demand', () => {
  it('searches Simplified text without them, and says when a query needs them', async () => {
    const engine = createSearchEngine(JSON.parse(JSON.stringify(buildSearchIndex([DOC], { stages: [], tracks: [] }))));
    expect(canSimplify('议价')).toBe(true);
    expect(engine.ready('议价')).toBe(true);
    expect(engine.search('议价').hits.map((h) => h.doc.id)).toEqual(['bargain']);
    // Without the dictionaries a Traditional query is left as typed (and finds nothing here).
    expect(needsSimplifying('議價')).toBe(true);
    expect(canSimplify('議價')).toBe(false);
    expect(engine.ready('議價')).toBe(false);
    expect(toSimplified('議價')).toBe('議價');
    expect(engine.search('議價').hits).toEqual([]);

    await engine.prepare('議價');
    expect(engine.ready('議價')).toBe(true);
    expect(fold('議價')).toBe('议价');
    expect(engine.search('議價').hits.map((h) => h.doc.id)).toEqual(['bargain']);
    await loadSimplifier();
  });
});
