/**
 * Loads a serialized index (index-format.ts) into a working lunr.Index.
 *
 * Loading only decodes the token lists into typed arrays and builds lunr's token set; the
 * postings and field vectors lunr asks for are made on first use (lunr reads
 * `invertedIndex[term]` for the query's terms and `fieldVectors['field/ref']` for the matching
 * documents, nothing else), with the weights of lunr.Builder: BM25, k1 = 1.2, b = 0.75, field
 * boosts, rounded to 3 decimals. So a large index loads fast and with little garbage.
 * The shape is checked first: a stale or broken file gives a clear error, not a crash in lunr.
 */
import lunr from 'lunr';
import type { SearchDoc, SearchFacets } from './documents.ts';
import { SEARCH_INDEX_FORMAT, unpackTerms, type SerializedSearchIndex } from './index-format.ts';

/** lunr.Builder's defaults. */
const K1 = 1.2;
const B = 0.75;

export interface LoadedSearchIndex {
  lunr: lunr.Index;
  docs: SearchDoc[];
  facets: SearchFacets;
  /** lunr's inverse document frequency of a term (0 when no document has it). */
  idf(term: string): number;
  /** How many (document, field) postings lunr walks for the term (0 when not indexed). */
  postings(term: string): number;
}

const EMPTY: Record<string, never> = Object.freeze({}) as Record<string, never>;

function isSerialized(data: unknown): data is SerializedSearchIndex {
  const d = data as Partial<SerializedSearchIndex> | null;
  return (
    !!d &&
    d.format === SEARCH_INDEX_FORMAT &&
    Array.isArray(d.fields) &&
    typeof d.terms === 'string' &&
    Array.isArray(d.tokens) &&
    Array.isArray(d.docs) &&
    d.tokens.length === d.docs.length &&
    !!d.facets
  );
}

/** An object whose properties are computed on first read (only string keys; lunr reads nothing else). */
function lazyRecord<T>(make: (key: string) => T | undefined): Record<string, T> {
  const cache = new Map<string, T | undefined>();
  return new Proxy(Object.create(null) as Record<string, T>, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      if (!cache.has(key)) cache.set(key, make(key));
      return cache.get(key);
    },
  });
}

export function loadSearchIndex(data: unknown): LoadedSearchIndex {
  if (!isSerialized(data)) throw new Error(`搜索索引格式不对（需要 ${SEARCH_INDEX_FORMAT}），请重新构建站点`);
  const { tokens } = data;
  const terms = unpackTerms(data.terms);
  const fields = data.fields.map((f) => f.name);
  const boosts = data.fields.map((f) => f.boost);
  const fieldCount = fields.length;
  const docCount = data.docs.length;
  const termCount = terms.length;

  // Pass 1: sizes, field lengths, and for each term the number of (document, field) blocks that
  // contain it (lunr's idf counts a document once per field).
  let blocks = 0;
  let pairs = 0;
  const fieldTotal = new Float64Array(fieldCount);
  const termBlocks = new Uint32Array(termCount);
  for (const flat of tokens) {
    let i = 0;
    while (i < flat.length) {
      const field = flat[i]!;
      const count = flat[i + 1]!;
      i += 2;
      let term = 0;
      for (let k = 0; k < count; k++, i++) {
        const delta = flat[i]!;
        term += delta;
        if (k === 0 || delta !== 0) {
          termBlocks[term]!++;
          pairs++;
        }
      }
      fieldTotal[field]! += count;
      blocks++;
    }
  }

  // Pass 2: blocks (document, field, length, range of pairs), pairs (term, frequency), and the
  // postings as ranges of block numbers per term.
  const blockDoc = new Uint32Array(blocks);
  const blockField = new Uint8Array(blocks);
  const blockLength = new Uint32Array(blocks);
  const blockStart = new Uint32Array(blocks + 1);
  const blockOf = new Int32Array(docCount * fieldCount).fill(-1);
  const pairTerm = new Uint32Array(pairs);
  const pairTf = new Uint32Array(pairs);
  const postingStart = new Uint32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) postingStart[t + 1] = postingStart[t]! + termBlocks[t]!;
  const postingFill = postingStart.slice(0, termCount);
  const postingBlock = new Uint32Array(pairs);
  let b = 0;
  let p = 0;
  tokens.forEach((flat, doc) => {
    let i = 0;
    while (i < flat.length) {
      const field = flat[i]!;
      const count = flat[i + 1]!;
      i += 2;
      blockDoc[b] = doc;
      blockField[b] = field;
      blockLength[b] = count;
      blockStart[b] = p;
      blockOf[doc * fieldCount + field] = b;
      let term = 0;
      for (let k = 0; k < count; k++, i++) {
        const delta = flat[i]!;
        term += delta;
        if (k > 0 && delta === 0) pairTf[p - 1]!++;
        else {
          pairTerm[p] = term;
          pairTf[p] = 1;
          postingBlock[postingFill[term]!++] = b;
          p++;
        }
      }
      b++;
    }
  });
  blockStart[blocks] = p;

  const average = Array.from(fieldTotal, (total) => total / docCount);
  const idfCache = new Float64Array(termCount).fill(-1);
  const idfOf = (term: number) => {
    let idf = idfCache[term]!;
    if (idf < 0) {
      const n = termBlocks[term]!;
      idf = idfCache[term] = Math.log(1 + Math.abs((docCount - n + 0.5) / (n + 0.5)));
    }
    return idf;
  };
  const termNumber = new Map(terms.map((t, i) => [t, i]));

  type Posting = { _index: number } & Record<string, Record<string, object>>;
  const invertedIndex = lazyRecord<Posting>((term) => {
    const id = termNumber.get(term);
    if (id === undefined) return undefined;
    const posting = { _index: id } as Posting;
    for (const f of fields) posting[f] = EMPTY;
    for (let k = postingStart[id]!; k < postingStart[id + 1]!; k++) {
      const block = postingBlock[k]!;
      const name = fields[blockField[block]!]!;
      if (posting[name] === EMPTY) posting[name] = Object.create(null) as Record<string, object>;
      posting[name]![String(blockDoc[block])] = EMPTY;
    }
    return posting;
  });

  const fieldNumber = new Map(fields.map((f, i) => [f, i]));
  const fieldVectors = lazyRecord<lunr.Vector>((fieldRef) => {
    const slash = fieldRef.lastIndexOf('/');
    const field = fieldNumber.get(fieldRef.slice(0, slash));
    const doc = Number(fieldRef.slice(slash + 1));
    if (field === undefined || !Number.isInteger(doc) || doc < 0 || doc >= docCount) return undefined;
    const block = blockOf[doc * fieldCount + field]!;
    if (block < 0) return new lunr.Vector([]);
    // Exactly lunr.Builder#createFieldVectors.
    const norm = K1 * (1 - B + B * (blockLength[block]! / average[field]!));
    const elements: number[] = [];
    for (let k = blockStart[block]!; k < blockStart[block + 1]!; k++) {
      const tf = pairTf[k]!;
      const score = ((idfOf(pairTerm[k]!) * ((K1 + 1) * tf)) / (norm + tf)) * boosts[field]!;
      elements.push(pairTerm[k]!, Math.round(score * 1000) / 1000);
    }
    return new lunr.Vector(elements);
  });

  // lunr's typings call the vectors `documentVectors`; the implementation reads `fieldVectors`.
  // `TokenSet.fromArray` (sorted terms → trie) is public in lunr but missing from its typings.
  const tokenSet = (lunr.TokenSet as unknown as { fromArray(sorted: string[]): lunr.TokenSet }).fromArray(terms);
  const attrs = { invertedIndex, fieldVectors, tokenSet, fields, pipeline: new lunr.Pipeline() };
  return {
    lunr: new lunr.Index(attrs as unknown as lunr.Index.Attributes),
    docs: data.docs,
    facets: data.facets,
    idf(term) {
      const id = termNumber.get(term);
      return id === undefined ? 0 : idfOf(id);
    },
    postings(term) {
      const id = termNumber.get(term);
      return id === undefined ? 0 : termBlocks[id]!;
    },
  };
}
