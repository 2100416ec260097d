/** The compact index format loads into exactly the lunr index lunr.Builder would build. */
import { describe, expect, it } from 'vitest';
import lunr from 'lunr';
import { buildSearchIndex, documentTokens } from '../../src/lib/search/build-index.ts';
import { loadSearchIndex } from '../../src/lib/search/load-index.ts';
import { packTerms, unpackTerms } from '../../src/lib/search/index-format.ts';
import { SEARCH_FIELDS } from '../../src/lib/search/fields.ts';
import { buildSearchIndexFromDisk } from '../../src/lib/node/search-index.ts';
import { projectRoot } from '../../src/cli/root.ts';
import { DOCS, FACETS } from './search-helpers.ts';
import type { SearchDoc } from '../../src/lib/search/documents.ts';

/** What plain lunr builds from the same tokens. */
function lunrReference(docs: SearchDoc[]): lunr.Index {
  const builder = new lunr.Builder();
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  builder.ref('ref');
  for (const f of SEARCH_FIELDS) builder.field(f.name, { boost: f.boost });
  docs.forEach((doc, i) => {
    const tokens = documentTokens(doc);
    const record: Record<string, unknown> = { ref: String(i) };
    SEARCH_FIELDS.forEach((f, k) => (record[f.name] = tokens[k]));
    builder.add(record);
  });
  return builder.build();
}

function compare(docs: SearchDoc[], queryTerms: string[]) {
  const reference = lunrReference(docs);
  const serialized = JSON.parse(JSON.stringify(buildSearchIndex(docs, FACETS)));
  const terms = unpackTerms(serialized.terms);
  const loaded = loadSearchIndex(serialized);
  const refJson = reference.toJSON() as unknown as { fieldVectors: Array<[string, number[]]>; invertedIndex: Array<[string, { _index: number }]> };
  const termName = new Map(refJson.invertedIndex.map(([t, p]) => [p._index, t]));
  const ours = loaded.lunr as unknown as { fieldVectors: Record<string, { elements: number[] }>; invertedIndex: Record<string, { _index: number }> };
  for (const [fieldRef, elements] of refJson.fieldVectors) {
    if (!elements.length) continue;
    const theirs = new Map<string, number>();
    for (let i = 0; i < elements.length; i += 2) theirs.set(termName.get(elements[i]!)!, elements[i + 1]!);
    const mine = ours.fieldVectors[fieldRef]!.elements;
    const got = new Map<string, number>();
    for (let i = 0; i < mine.length; i += 2) got.set(terms[mine[i]!]!, mine[i + 1]!);
    expect(got, fieldRef).toEqual(theirs);
  }
  // Same results, same scores, for real queries.
  for (const term of queryTerms) {
    const q = (idx: lunr.Index) => idx.query((query) => query.term(term, { usePipeline: false })).map((r) => [r.ref, r.score.toFixed(9)]);
    expect(q(loaded.lunr), term).toEqual(q(reference));
  }
}

describe('search index format', () => {
  it('loads into the same vectors and scores as lunr.Builder (test corpus)', () => {
    compare(DOCS, ['便宜', '物流', 'vip', '15', '查物']);
  });

  it('loads into the same vectors and scores as lunr.Builder (real content)', () => {
    const docs = buildSearchIndexFromDisk(projectRoot()).docs;
    compare(docs, ['便宜', '快递', '投诉', '退款', '发货']);
  }, 60_000);

  it('is much smaller than lunr’s own JSON', () => {
    const reference = JSON.stringify(lunrReference(DOCS)).length;
    const ours = JSON.stringify({ ...buildSearchIndex(DOCS, FACETS), docs: [] }).length;
    expect(ours).toBeLessThan(reference / 2);
  });

  it('front-codes the sorted terms losslessly', () => {
    const terms = ['15', '1a', 'vip', '便利', '便宜', '退', '退款', '退货', '𠀀字', '𠀀𠀁'].sort();
    expect(unpackTerms(packTerms(terms))).toEqual(terms);
    expect(packTerms(['便利', '便宜', '退款'])).toBe('便利 宜|退款');
    expect(unpackTerms('')).toEqual([]);
  });

  it('rejects a file of another format with a readable error', () => {
    expect(() => loadSearchIndex({ version: '2.3.9' })).toThrow(/搜索索引格式不对/);
    expect(() => loadSearchIndex(null)).toThrow(/搜索索引格式不对/);
  });
});
