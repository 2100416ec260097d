/**
 * Loads a serialized index (index-format.ts) into a working lunr.Index. Every query runs on
 * lunr's own Index#query (query.ts builds it with `index.query((q) => q.term(…))`): lunr expands
 * prefixes and typos on its TokenSet, reads the postings, builds the query vector and scores the
 * documents' field vectors (BM25).
 *
 * The file is not lunr's own JSON (more than twice as large, tested) but a compact inverted index:
 * per term the (document, field) pairs holding it, with the frequencies. Loading decodes it into
 * typed arrays in one pass, adds up the field lengths and builds lunr.TokenSet from the sorted
 * terms (lunr.TokenSet.fromArray). What lunr reads of the rest is made on first read and kept:
 * `invertedIndex[term]` for the query's (expanded) terms and `fieldVectors['field/ref']` for the
 * fields that match (lunr reads nothing else of them; the other entries are never made), the
 * vectors with exactly lunr.Builder's weights (BM25, k1 = 1.2, b = 0.75, field boost, rounded to
 * 3 decimals; idf counts the (document, field) pairs holding the term). A vector needs all the
 * terms of its field, so the first one read turns the postings around once (field → terms).
 * tests/unit/search-index.test.ts checks that queries give the same documents and scores as on
 * the index lunr.Builder makes of the same tokens, on the real content.
 *
 * The shape is checked first: a stale or broken file gives a clear error, not a crash in lunr.
 */
import lunr from 'lunr';
import type { SearchDoc, SearchDocStub, SearchDocText, SearchFacets } from './documents.ts';
import { decodeNumbers } from './numbers.ts';
import { SEARCH_INDEX_FORMAT, unpackDocs, unpackTerms, type SerializedSearchIndex } from './index-format.ts';

/** lunr.Builder's defaults. */
const K1 = 1.2;
const B = 0.75;

export interface LoadedSearchIndex {
  /** The lunr index the queries run on (Index#query). */
  lunr: lunr.Index;
  /** The documents, by position (`lunrRef(position)` is a document's ref in lunr): what the index keeps, and their texts once there (`hasText`). */
  docs: SearchDoc[];
  facets: SearchFacets;
  /** lunr's inverse document frequency of a term (0 when not indexed). */
  idf(term: string): number;
  /** How many (document, field) postings lunr walks for the term (0 when not indexed). */
  postings(term: string): number;
  /** Bit mask of the fields (fields.ts order) of document `ref` that contain `term`. */
  fieldsWith(ref: number, term: string): number;
  /** True when the document's texts are there. */
  hasText(ref: number): boolean;
  /** Adds a document's texts (fetched apart). */
  setText(ref: number, text: SearchDocText): void;
}

/**
 * lunr's ref of the document at `position`: `#` and the position. lunr keeps the refs as object
 * keys and lists them (Object.keys) for every term it looks up; V8 hands back keys that are not
 * array indices as they are but turns numbers into new strings each time, which cost a quarter of
 * the query time at 10,000 scripts.
 */
export const lunrRef = (position: number): string => `#${position}`;

/** The position of the document whose lunr ref is `ref` (NaN when it is not one). */
export const refPosition = (ref: string): number => (ref.startsWith('#') ? Number(ref.slice(1)) : Number.NaN);

/** `lunr.TokenSet.fromArray` (sorted words → minimal automaton) is public in lunr, but its typings make it an instance method. */
const TokenSet = lunr.TokenSet as unknown as { fromArray(sorted: readonly string[]): lunr.TokenSet };

/** lunr's posting of a term: its number, then per field the refs of the documents holding it (with their metadata: none). */
type Posting = { _index: number } & Record<string, Record<string, object>>;

const NO_METADATA: Record<string, never> = Object.freeze({}) as Record<string, never>;

function isSerialized(data: unknown): data is SerializedSearchIndex {
  const d = data as Partial<SerializedSearchIndex> | null;
  return (
    !!d &&
    d.format === SEARCH_INDEX_FORMAT &&
    Array.isArray(d.fields) &&
    d.fields.length > 0 &&
    d.fields.length <= 31 &&
    typeof d.terms === 'string' &&
    typeof d.postings === 'string' &&
    typeof d.frequencies === 'string' &&
    !!d.docs &&
    typeof d.docs === 'object' &&
    (d.texts === undefined || Array.isArray(d.texts)) &&
    !!d.facets
  );
}

const formatError = (detail?: string) =>
  new Error(`搜索索引格式不对（需要 ${SEARCH_INDEX_FORMAT}），请重新构建站点${detail ? `：${detail}` : ''}`);

/** An object whose properties are made on first read and kept (string keys only: lunr reads nothing else). */
function lazyRecord<T>(make: (key: string) => T | undefined): Record<string, T> {
  const cache = new Map<string, T | undefined>();
  return new Proxy(Object.create(null) as Record<string, T>, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      let value = cache.get(key);
      if (value === undefined && !cache.has(key)) cache.set(key, (value = make(key)));
      return value;
    },
  });
}

/** The serialized index, checked and decoded: what the rest of the loading works from. */
interface DecodedIndex {
  terms: string[];
  /** Field names and boosts, in fields.ts order. */
  fields: string[];
  boosts: number[];
  stubs: SearchDocStub[];
  /** Per term: its number of postings, then the gaps between their keys. */
  numbers: Uint32Array;
  /** Per posting: term frequency − 1. */
  tfMinusOne: Uint32Array;
}

/** The shape is checked and the packed parts decoded; anything off is a formatError. */
function decodeIndex(data: unknown): DecodedIndex & { data: SerializedSearchIndex } {
  if (!isSerialized(data)) throw formatError();
  const terms = unpackTerms(data.terms);
  const fields = data.fields.map((f) => f.name);
  const boosts = data.fields.map((f) => f.boost);
  let stubs: SearchDocStub[];
  try {
    stubs = unpackDocs(data.docs);
  } catch {
    throw formatError('docs');
  }
  if (data.texts && data.texts.length !== stubs.length) throw formatError('texts');
  let numbers: Uint32Array;
  let tfMinusOne: Uint32Array;
  try {
    numbers = decodeNumbers(data.postings);
    tfMinusOne = decodeNumbers(data.frequencies);
  } catch (error) {
    throw formatError((error as Error).message);
  }
  return { data, terms, fields, boosts, stubs, numbers, tfMinusOne };
}

/**
 * The postings: for term t, entries start[t] … start[t + 1] − 1 of `key` (document × fields +
 * field, ascending) and `tfMinusOne`.
 */
interface Postings {
  start: Uint32Array;
  key: Uint32Array;
  tfMinusOne: Uint32Array;
  /** Per (document, field) key: its length (tokens, for BM25). */
  fieldLength: Float64Array;
  /** forwardStart[key + 1]: how many terms the key has (made into the starts of the forward index on first use). */
  forwardStart: Uint32Array;
}

/** The postings decoded from the number stream (gaps → keys), with the field lengths. */
function readPostings(numbers: Uint32Array, tfMinusOne: Uint32Array, termCount: number, keyCount: number): Postings {
  const postingCount = tfMinusOne.length;
  const start = new Uint32Array(termCount + 1);
  const keys = new Uint32Array(postingCount);
  const fieldLength = new Float64Array(keyCount);
  const forwardStart = new Uint32Array(keyCount + 1);
  let at = 0;
  let p = 0;
  for (let t = 0; t < termCount; t++) {
    start[t] = p;
    const count = numbers[at++];
    if (count === undefined || p + count > postingCount || at + count > numbers.length) throw formatError('postings');
    let key = 0;
    for (let k = 0; k < count; k++, p++) {
      key += numbers[at++]!;
      if (key >= keyCount || (k > 0 && numbers[at - 1] === 0)) throw formatError('postings');
      keys[p] = key;
      fieldLength[key]! += tfMinusOne[p]! + 1;
      forwardStart[key + 1]!++;
    }
  }
  start[termCount] = p;
  if (p !== postingCount || at !== numbers.length) throw formatError('postings');
  return { start, key: keys, tfMinusOne, fieldLength, forwardStart };
}

/** The average length of each field over the documents (BM25's b term). */
function averageFieldLengths(fieldLength: Float64Array, fieldCount: number, docCount: number): Float64Array {
  const average = new Float64Array(fieldCount);
  for (let i = 0; i < fieldLength.length; i++) average[i % fieldCount]! += fieldLength[i]!;
  for (let f = 0; f < fieldCount; f++) average[f]! /= docCount || 1;
  return average;
}

/** lunr's inverse document frequency of term number t, computed on first use and kept. */
function idfTable(postings: Postings, termCount: number, docCount: number): (t: number) => number {
  const cache = new Float64Array(termCount).fill(-1);
  return (t) => {
    let idf = cache[t]!;
    if (idf < 0) {
      const n = postings.start[t + 1]! - postings.start[t]!;
      idf = cache[t] = Math.log(1 + Math.abs((docCount - n + 0.5) / (n + 0.5)));
    }
    return idf;
  };
}

/** What the lunr-facing parts need: the decoded index and its tables. */
interface IndexTables {
  fields: string[];
  boosts: number[];
  docCount: number;
  termCount: number;
  postings: Postings;
  termNumber: Map<string, number>;
  idfOf: (t: number) => number;
  /** lunr's ref of each document (lunrRef). */
  refs: string[];
}

/** lunr's inverted index: a term's posting lists, per field, the refs of the documents holding it. */
function lunrInvertedIndex({ fields, postings, termNumber, refs }: IndexTables): Record<string, Posting> {
  const fieldCount = fields.length;
  return lazyRecord<Posting>((term) => {
    const t = termNumber.get(term);
    if (t === undefined) return undefined;
    const posting = { _index: t } as Posting;
    const byField = fields.map(() => Object.create(null) as Record<string, object>);
    for (let k = postings.start[t]!; k < postings.start[t + 1]!; k++) {
      const key = postings.key[k]!;
      const doc = (key / fieldCount) | 0;
      byField[key - doc * fieldCount]![refs[doc]!] = NO_METADATA;
    }
    fields.forEach((f, i) => (posting[f] = byField[i]!));
    return posting;
  });
}

/**
 * The postings turned around (the forward index), made for the first field vector: for key
 * (document × fields + field), entries start[key] … start[key + 1] − 1 of `term` (ascending, the
 * order of lunr's vectors) and `tf`. Reuses (and fills in) postings.forwardStart.
 */
function turnAround(postings: Postings, termCount: number): { start: Uint32Array; term: Uint32Array; tf: Uint32Array } {
  const start = postings.forwardStart;
  const keyCount = start.length - 1;
  const postingCount = postings.key.length;
  for (let key = 0; key < keyCount; key++) start[key + 1]! += start[key]!;
  const fill = start.slice(0, keyCount);
  const term = new Uint32Array(postingCount);
  const tf = new Uint32Array(postingCount);
  for (let t = 0; t < termCount; t++) {
    for (let k = postings.start[t]!; k < postings.start[t + 1]!; k++) {
      const to = fill[postings.key[k]!]!++;
      term[to] = t;
      tf[to] = postings.tfMinusOne[k]! + 1;
    }
  }
  return { start, term, tf };
}

/**
 * lunr's field vectors, exactly as lunr.Builder#createFieldVectors makes them, made on first read
 * and kept by key. lunr reads them by FieldRef (`field/ref`, which JavaScript makes a string key).
 */
function lunrFieldVectors(tables: IndexTables): Record<string, lunr.Vector> {
  const { fields, boosts, docCount, termCount, postings, idfOf, refs } = tables;
  const fieldCount = fields.length;
  const average = averageFieldLengths(postings.fieldLength, fieldCount, docCount);
  const fieldNumber = new Map(fields.map((f, i) => [f, i]));
  const vectors: Array<lunr.Vector | undefined> = new Array(docCount * fieldCount);
  let forward: ReturnType<typeof turnAround> | undefined;
  const fieldVector = (key: number, field: number): lunr.Vector => {
    forward ??= turnAround(postings, termCount);
    const lengthNorm = K1 * (1 - B + B * (postings.fieldLength[key]! / average[field]!));
    const elements: number[] = [];
    for (let k = forward.start[key]!; k < forward.start[key + 1]!; k++) {
      const t = forward.term[k]!;
      const tf = forward.tf[k]!;
      const score = ((idfOf(t) * ((K1 + 1) * tf)) / (lengthNorm + tf)) * boosts[field]!;
      elements.push(t, Math.round(score * 1000) / 1000);
    }
    return new lunr.Vector(elements);
  };
  return new Proxy(Object.create(null) as Record<string, lunr.Vector>, {
    get(_target, fieldRef) {
      if (typeof fieldRef !== 'string') return undefined;
      // lunr's FieldRef: the field's name, `/`, the document's ref.
      const slash = fieldRef.indexOf('/');
      const field = fieldNumber.get(fieldRef.slice(0, slash));
      const ref = fieldRef.slice(slash + 1);
      const doc = refPosition(ref);
      if (field === undefined || !(doc >= 0 && doc < docCount) || refs[doc] !== ref) return undefined;
      const key = doc * fieldCount + field;
      return (vectors[key] ??= fieldVector(key, field));
    },
  });
}

/** Bit mask of the fields of document `ref` that hold term number t: a binary search on the sorted keys. */
function fieldMask(postings: Postings, fieldCount: number, t: number, ref: number): number {
  // First posting of the document: binary search on the sorted keys.
  const first = ref * fieldCount;
  let lo = postings.start[t]!;
  let hi = postings.start[t + 1]!;
  const end = hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (postings.key[mid]! < first) lo = mid + 1;
    else hi = mid;
  }
  let mask = 0;
  for (let k = lo; k < end && postings.key[k]! < first + fieldCount; k++) mask |= 1 << (postings.key[k]! - first);
  return mask;
}

export function loadSearchIndex(input: unknown): LoadedSearchIndex {
  const { data, terms, fields, boosts, stubs, numbers, tfMinusOne } = decodeIndex(input);
  const fieldCount = fields.length;
  const docCount = stubs.length;
  const termCount = terms.length;
  const postings = readPostings(numbers, tfMinusOne, termCount, docCount * fieldCount);
  const termNumber = new Map(terms.map((t, i) => [t, i]));
  const idfOf = idfTable(postings, termCount, docCount);
  const refs = Array.from({ length: docCount }, (_, i) => lunrRef(i));
  const tables: IndexTables = { fields, boosts, docCount, termCount, postings, termNumber, idfOf, refs };

  // lunr's typings name the vectors `documentVectors`; lunr.Index reads `fieldVectors`.
  const attributes = {
    invertedIndex: lunrInvertedIndex(tables),
    fieldVectors: lunrFieldVectors(tables),
    tokenSet: TokenSet.fromArray(terms),
    fields,
    pipeline: new lunr.Pipeline(),
  };
  const index = new lunr.Index(attributes as unknown as lunr.Index.Attributes);

  const docs: SearchDoc[] = stubs.map((stub, i) => (data.texts ? { ...stub, ...data.texts[i] } : stub));
  const withText = new Uint8Array(docCount).fill(data.texts ? 1 : 0);

  return {
    lunr: index,
    docs,
    facets: data.facets,
    idf(term) {
      const t = termNumber.get(term);
      return t === undefined ? 0 : idfOf(t);
    },
    postings(term) {
      const t = termNumber.get(term);
      return t === undefined ? 0 : postings.start[t + 1]! - postings.start[t]!;
    },
    fieldsWith(ref, term) {
      const t = termNumber.get(term);
      return t === undefined ? 0 : fieldMask(postings, fieldCount, t, ref);
    },
    hasText: (ref) => withText[ref] === 1,
    setText(ref, text) {
      const stub = docs[ref];
      if (!stub) return;
      docs[ref] = { ...stub, ...text };
      withText[ref] = 1;
    },
  };
}
