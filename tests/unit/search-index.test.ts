/**
 * The index format and the lunr index loaded from it: queries on it (lunr.Index#query, as the site
 * runs them) give the same documents and scores as on the index lunr.Builder makes of the same
 * tokens, on the test corpus and the real content; the packed terms, numbers and documents
 * round-trip; a broken file gives a readable error.
 */
import { describe, expect, it, vi } from 'vitest';
import { gzipSync } from 'node:zlib';
import lunr from 'lunr';
import { allTexts, buildSearchIndex, coreIndex, documentTokens, textFiles } from '../../src/lib/search/build-index.ts';
import { loadSearchIndex, lunrRef } from '../../src/lib/search/load-index.ts';
import { lunrQuery, type QueryClause } from '../../src/lib/search/query.ts';
import { docStub, packDocs, packTermList, packTerms, unpackDocs, unpackTermList, unpackTerms } from '../../src/lib/search/index-format.ts';
import type { SearchDocStub } from '../../src/lib/search/documents.ts';
import { decodeNumbers, encodeNumbers } from '../../src/lib/search/numbers.ts';
import { SEARCH_FIELDS } from '../../src/lib/search/fields.ts';
import { hanPairs, tokenizeAll, words } from '../../src/lib/search/tokenize.ts';
import { fold } from '../../src/lib/search/normalise.ts';
import { buildSearchIndexFromDisk } from '../../src/lib/node/search-index.ts';
import { loadContent } from '../../src/lib/node/load-content.ts';
import { buildSiteIndex } from '../../src/lib/content/site-index.ts';
import { buildSearchDocuments } from '../../src/lib/search/documents.ts';
import { projectRoot } from '../../src/cli/root.ts';
import { DOCS, FACETS, testEngine } from './search-helpers.ts';
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
    const record: Record<string, unknown> = { ref: lunrRef(i) };
    SEARCH_FIELDS.forEach((f, k) => (record[f.name] = tokens[k]));
    builder.add(record);
  });
  return builder.build();
}

/** Same documents, same order (ties by position) and the same scores as lunr.Builder's index for each query. */
function compare(docs: SearchDoc[], queries: QueryClause[][]) {
  const reference = lunrReference(docs);
  const loaded = loadSearchIndex(JSON.parse(JSON.stringify(coreIndex(buildSearchIndex(docs, FACETS)))));
  for (const clauses of queries) {
    // The same lunr query on both indexes: only the index differs.
    const theirs = lunrQuery(reference, clauses);
    const mine = lunrQuery(loaded.lunr, clauses);
    const label = JSON.stringify(clauses);
    expect(
      mine.map((m) => m.ref),
      label,
    ).toEqual(theirs.map((m) => m.ref));
    mine.forEach((m, i) => expect(m.score, label).toBeCloseTo(theirs[i]!.score, 9));
  }
}

const t = (term: string, boost = 1): QueryClause => ({ term, boost });

describe('scoring', () => {
  it('scores as lunr.Builder’s index (test corpus): terms, boosts, repeated terms, prefixes, typos', () => {
    compare(DOCS, [
      [t('便宜')],
      [t('物流')],
      [t('vip')],
      [t('15')],
      [t('查物')],
      [t('便宜'), t('宜点', 0.5), t('议价', 0.25)],
      [t('物流'), t('物流', 2)],
      [{ term: '退', boost: 1, prefix: true }],
      [{ term: '物', boost: 1, prefix: true }, t('快递')],
      [{ term: 'vpi', boost: 1, fuzzy: true }],
      [{ term: 'vi', boost: 0.5, prefix: true }, t('贵宾', 1.3)],
      [t('没有这个词')],
    ]);
    expect(lunrQuery(loadSearchIndex(JSON.parse(JSON.stringify(buildSearchIndex(DOCS, FACETS)))).lunr, [])).toEqual([]);
  });

  it('scores as lunr.Builder’s index (real content)', () => {
    const site = buildSiteIndex(loadContent(projectRoot()));
    const docs = buildSearchDocuments(site);
    compare(docs, [
      [t('便宜')],
      [t('快递'), t('递到', 1), t('到哪'), t('哪了'), t('物流', 0.1), t('发货', 0.1)],
      [t('投诉'), t('退款', 1.3)],
      [t('发货')],
      [{ term: '议', boost: 1, prefix: true }],
      [
        { term: 'vip', boost: 1, fuzzy: true },
        { term: '顺', boost: 1, prefix: true },
      ],
    ]);
  }, 60_000);

  it('knows which fields of a document hold a term', () => {
    const loaded = loadSearchIndex(JSON.parse(JSON.stringify(buildSearchIndex(DOCS, FACETS))));
    const field = (name: string) => 1 << SEARCH_FIELDS.findIndex((f) => f.name === name);
    expect(loaded.fieldsWith(0, '便宜')).toBe(field('title') | field('customer') | field('summary'));
    expect(loaded.fieldsWith(1, '便宜')).toBe(0);
    expect(loaded.fieldsWith(0, '没有这个词')).toBe(0);
    expect(loaded.postings('便宜')).toBe(3);
  });

  it('lists the words of two characters that start with a character, most used first', () => {
    const loaded = loadSearchIndex(JSON.parse(JSON.stringify(buildSearchIndex(DOCS, FACETS))));
    const words = loaded.pairsStartingWith('便', 5);
    expect(words[0]).toBe('便宜');
    expect(words.every((w) => w.startsWith('便') && Array.from(w).length === 2)).toBe(true);
    expect(loaded.pairsStartingWith('龘', 5)).toEqual([]);
  });

  it('is a real lunr.Index, whose token set expands prefixes and one edit (insertion, deletion, substitution, swap)', () => {
    const loaded = loadSearchIndex(JSON.parse(JSON.stringify(buildSearchIndex(DOCS, FACETS))));
    expect(loaded.lunr).toBeInstanceOf(lunr.Index);
    // What lunr.Index#query does with a clause: intersect the index's token set with the clause's.
    const index = loaded.lunr as unknown as { tokenSet: lunr.TokenSet; fields: string[] };
    const fromClause = (lunr.TokenSet as unknown as { fromClause(clause: lunr.Query.Clause): lunr.TokenSet }).fromClause;
    expect(index.tokenSet).toBeInstanceOf(lunr.TokenSet);
    const expand = (clause: QueryClause) => {
      const q = new lunr.Query(index.fields);
      q.term(clause.term, {
        usePipeline: false,
        wildcard: clause.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
        ...(clause.fuzzy ? { editDistance: 1 } : {}),
      });
      return index.tokenSet.intersect(fromClause(q.clauses[0]!)).toArray().sort();
    };
    for (const typo of ['vip', 'vipp', 'vp', 'vap', 'ivp', 'vpi'])
      expect(expand({ term: typo, boost: 1, fuzzy: true }), typo).toContain('vip');
    for (const far of ['ivpp', 'xyz']) expect(expand({ term: far, boost: 1, fuzzy: true }), far).not.toContain('vip');
    expect(expand({ term: '退', boost: 1, prefix: true })).toEqual(['退款']);
    expect(expand({ term: 'v', boost: 1, prefix: true })).toEqual(['vip']);
    expect(expand({ term: '便宜', boost: 1 })).toEqual(['便宜']);
    expect(expand({ term: '没有', boost: 1 })).toEqual([]);
  });

  it('runs searches and closest matches on lunr.Index#query', () => {
    const engine = testEngine();
    const query = vi.spyOn(engine.index.lunr, 'query');
    expect(engine.search('能便宜点吗').hits[0]?.doc.id).toBe('bargain');
    expect(engine.closest('便宜货').map((h) => h.doc.id)).toContain('bargain');
    expect(query).toHaveBeenCalledTimes(2);
  });
});

describe('index format', () => {
  it('indexes only the pairs inside words in long fields', () => {
    // Short fields: every pair; the body: words and the pairs inside words of 3+ characters.
    const text = '七天无理由退货，快递到哪了';
    expect(tokenizeAll([text])).toEqual(expect.arrayContaining(['递到', '到哪', '由退']));
    const body = tokenizeAll([text], 'in-words');
    const segmented = words(fold(text).replace('，', ''));
    const inside = new Set(segmented.flatMap((w) => hanPairs(w)));
    expect(body.length).toBeGreaterThan(0);
    for (const token of body) expect(segmented.includes(token) || inside.has(token), token).toBe(true);
    expect(body).not.toContain('递到');
  });

  it('is much smaller than lunr’s own JSON, and the browser’s part has no texts', () => {
    const reference = JSON.stringify(lunrReference(DOCS)).length;
    const full = buildSearchIndex(DOCS, FACETS);
    const core = coreIndex(full);
    expect(JSON.stringify(core).length).toBeLessThan(reference / 2);
    expect(core.texts).toBeUndefined();
    expect(full.texts).toHaveLength(DOCS.length);
    expect(JSON.stringify(core)).not.toContain(DOCS[0]!.reply);
  });

  it('keeps the real index small: under 130 bytes gzipped per document without texts (940 documents: 112 kB)', () => {
    const core = coreIndex(buildSearchIndexFromDisk(projectRoot()));
    expect(gzipSync(JSON.stringify(core)).length / unpackDocs(core.docs).length).toBeLessThan(130);
  }, 60_000);

  it('stores no postings of the title and the context (the loader makes them from the docs), nor their terms', () => {
    const full = buildSearchIndex(DOCS, FACETS);
    expect(full.fields.filter((f) => f.fromStub).map((f) => f.name)).toEqual(['title', 'context']);
    const stored = new Set(unpackTermList(full.terms, full.pairs));
    const onlyInTitles = DOCS.flatMap((d) => tokenizeAll([d.title], 'only')).filter((t) => !stored.has(t));
    expect(onlyInTitles.length).toBeGreaterThan(0);
    // Yet a term found only in a title is searchable.
    const loaded = loadSearchIndex(JSON.parse(JSON.stringify(coreIndex(full))));
    expect(lunrQuery(loaded.lunr, [t(onlyInTitles[0]!)]).length).toBeGreaterThan(0);
  });

  it('serves the browser what the results list shows: no tags, no script variants or notes', () => {
    const full = buildSearchIndex(DOCS, FACETS);
    for (const { text } of textFiles(full)) expect(text.tags).toBeUndefined();
    const script = textFiles(full).find((f) => f.text.key.startsWith('script:') && f.text.reply);
    expect(script?.text.body).toBeUndefined();
    expect(allTexts(full).texts.every((x) => x.tags === undefined)).toBe(true);
  });

  it('packs the sorted term list losslessly: Han pairs as numbers, the rest as packed text', () => {
    const terms = ['1', '15', 'vip', '〇一', '便', '便利', '便宜', '便宜点', '退款', '退货', '齐全', '𠀀字', '𠀀𠀁'].sort();
    const packed = packTermList(terms);
    expect(unpackTermList(packed.terms, packed.pairs)).toEqual(terms);
    expect(unpackTerms(packed.terms)).not.toContain('便宜');
    expect(unpackTermList(packTermList([]).terms, packTermList([]).pairs)).toEqual([]);
    const real = unpackTerms(coreIndex(buildSearchIndex(DOCS, FACETS)).terms);
    expect(real.every((t) => !/^\p{Script=Han}{2}$/u.test(t) || t.length > 2)).toBe(true);
  });

  it('packs the sorted terms losslessly', () => {
    const terms = ['1', '15', '1a', 'vip', 'vipp', '便', '便利', '便宜', '便宜点', '退', '退款', '退货', '𠀀字', '𠀀𠀁', '𠀀𠀁𠀂'].sort();
    expect(unpackTerms(packTerms(terms))).toEqual(terms);
    expect(packTerms(['便利', '便宜', '便宜点', '退', '退款'])).toBe('便利宜 宜点|退.款');
    expect(unpackTerms('')).toEqual([]);
  });

  it('writes numbers as text and reads them back', () => {
    const numbers = [0, 1, 31, 32, 33, 1023, 1024, 123456, 2 ** 32 - 1];
    const text = encodeNumbers(numbers);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect([...decodeNumbers(text)]).toEqual(numbers);
    expect(encodeNumbers([0, 1, 2])).toHaveLength(3);
    expect(() => decodeNumbers('a"')).toThrow();
    expect(() => decodeNumbers('g')).toThrow(/cut short/);
    expect(() => encodeNumbers([-1])).toThrow();
  });

  it('packs the documents losslessly (real content and odd cases)', () => {
    const real = buildSearchDocuments(buildSiteIndex(loadContent(projectRoot()))).map(docStub);
    const roundTrip = (docs: SearchDocStub[]) => unpackDocs(JSON.parse(JSON.stringify(packDocs(docs))));
    expect(roundTrip(real)).toEqual(real);
    const packed = packDocs(real);
    expect(packed.urls).toEqual([]);
    expect(packed.context.filter((c) => typeof c === 'string').length).toBeLessThan(real.length / 4);
    const odd: SearchDocStub[] = [
      { kind: 'script', id: 'a', title: 'A', url: '/x/' },
      { kind: 'script', id: 'b', title: 'B', url: '/scripts/#b', context: 'A', contextUrl: '/x/' },
      { kind: 'step', id: 'w/s', title: 'S', url: '/w/s', context: 'A · B', contextUrl: '/scripts/#b', stage: '售前', tracks: ['t'] },
      { kind: 'step', id: 'w/t', title: 'T', url: '/w/t', context: 'A · B · S', contextUrl: '/w/s' },
      { kind: 'standard', id: 'x', title: 'X', url: '/x/', context: 'X', contextUrl: '/x/' },
      { kind: 'workflow', id: '{id}', title: '{0}', url: '{id}{0}' },
    ];
    expect(roundTrip(odd)).toEqual(odd);
    expect(roundTrip([])).toEqual([]);
  }, 60_000);

  it('rejects a file of another format, or a broken one, with a readable error', () => {
    expect(() => loadSearchIndex({ version: '2.3.9' })).toThrow(/搜索索引格式不对/);
    expect(() => loadSearchIndex(null)).toThrow(/搜索索引格式不对/);
    const good = JSON.parse(JSON.stringify(buildSearchIndex(DOCS, FACETS)));
    expect(() => loadSearchIndex(good)).not.toThrow();
    expect(() => loadSearchIndex({ ...good, postings: `${good.postings}A` })).toThrow(/搜索索引格式不对/);
    expect(() => loadSearchIndex({ ...good, postings: good.postings.slice(1) })).toThrow(/搜索索引格式不对/);
    expect(() => loadSearchIndex({ ...good, frequencies: '' })).toThrow(/搜索索引格式不对/);
    expect(() => loadSearchIndex({ ...good, docs: { ...good.docs, title: [] } })).toThrow(/搜索索引格式不对/);
    expect(() => loadSearchIndex({ ...good, texts: [] })).toThrow(/搜索索引格式不对/);
  });
});
