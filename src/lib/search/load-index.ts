/**
 * Loads a serialized index (index-format.ts) into a working lunr.Index. Every query runs on
 * lunr's own Index#query (query.ts builds it with `index.query((q) => q.term(…))`): lunr expands
 * prefixes and typos on its TokenSet, reads the postings, builds the query vector and scores the
 * documents' field vectors (BM25).
 *
 * The file is not lunr's own JSON (more than twice as large, tested) but a compact inverted index:
 * per term the (document, field) pairs holding it, with the frequencies, for the fields whose text
 * the file does not hold otherwise; the title and the context (fields.ts `fromStub`) are
 * tokenised again from the documents' stubs. Loading decodes it into typed arrays, merges the two,
 * adds up the field lengths and builds lunr.TokenSet from the sorted
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
import { stubFieldText } from './fields.ts';
import { tokenizeAll } from './tokenize.ts';
import { decodeNumbers } from './numbers.ts';
import { SEARCH_INDEX_FORMAT, unpackDocs, unpackTermList, type SerializedSearchIndex } from './index-format.ts';

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
  /** The indexed terms of two characters that start with `char`, most postings first (at most `limit`). */
  pairsStartingWith(char: string, limit: number): string[];
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
    typeof d.pairs === 'string' &&
    typeof d.postings === 'string' &&
    typeof d.masks === 'string' &&
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
  /** The terms of the stored fields (the file's `terms`). */
  storedTerms: string[];
  /** Field names and boosts, in fields.ts order. */
  fields: string[];
  boosts: number[];
  /** The numbers of the fields made from the stubs (`fromStub`), and of the stored ones. */
  fromStub: number[];
  stored: number[];
  stubs: SearchDocStub[];
  /** Per stored term: how many documents hold it, then their gaps. */
  numbers: Uint32Array;
  /** Per (stored term, document): its stored fields' bit mask − 1. */
  masks: Uint32Array;
  /** Per (stored term, document, field): term frequency − 1. */
  tfMinusOne: Uint32Array;
}

/** The shape is checked and the packed parts decoded; anything off is a formatError. */
function decodeIndex(data: unknown): DecodedIndex & { data: SerializedSearchIndex } {
  if (!isSerialized(data)) throw formatError();
  let storedTerms: string[];
  try {
    storedTerms = unpackTermList(data.terms, data.pairs);
  } catch {
    throw formatError('terms');
  }
  const fields = data.fields.map((f) => f.name);
  const boosts = data.fields.map((f) => f.boost);
  const fromStub = data.fields.flatMap((f, i) => (f.fromStub ? [i] : []));
  const stored = data.fields.flatMap((f, i) => (f.fromStub ? [] : [i]));
  if (fromStub.some((f) => stubFieldText({ title: '' }, fields[f]!) === undefined)) throw formatError('fields');
  let stubs: SearchDocStub[];
  try {
    stubs = unpackDocs(data.docs);
  } catch {
    throw formatError('docs');
  }
  if (data.texts && data.texts.length !== stubs.length) throw formatError('texts');
  try {
    const numbers = decodeNumbers(data.postings);
    const masks = decodeNumbers(data.masks);
    const tfMinusOne = decodeNumbers(data.frequencies);
    return { data, storedTerms, fields, boosts, fromStub, stored, stubs, numbers, masks, tfMinusOne };
  } catch (error) {
    throw formatError((error as Error).message);
  }
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

/** Postings grouped by term: for term t, entries start[t] … start[t + 1] − 1 of `key` and `tfMinusOne`. */
interface TermLists {
  start: Uint32Array;
  key: Uint32Array;
  tfMinusOne: Uint32Array;
}

/**
 * The fields made from the stubs (fields.ts `fromStub`), tokenised as at build time: per document
 * and field, the number of its distinct text; per distinct text n, its distinct terms
 * `terms[start[n]] … terms[start[n + 1] − 1]` and their frequencies `tf` (many scripts share a
 * context: each text is tokenised once).
 */
interface StubFields {
  /** Per document × stub fields + field: the number of its text. */
  textOf: Uint32Array;
  start: number[];
  terms: string[];
  tf: number[];
}

function stubTokens(decoded: DecodedIndex): StubFields {
  const { stubs, fields, fromStub } = decoded;
  const textOf = new Uint32Array(stubs.length * fromStub.length);
  const numberOf = new Map<string, number>();
  const start = [0];
  const terms: string[] = [];
  const tf: number[] = [];
  let i = 0;
  for (const stub of stubs) {
    for (const f of fromStub) {
      const list = stubFieldText(stub, fields[f]!)!;
      const text = list.join('\n');
      let n = numberOf.get(text);
      if (n === undefined) {
        numberOf.set(text, (n = start.length - 1));
        const first = terms.length;
        for (const token of tokenizeAll(list, 'only')) {
          // A few tokens per text: a scan finds a repeat.
          const at = terms.indexOf(token, first);
          if (at < 0) {
            terms.push(token);
            tf.push(1);
          } else tf[at]!++;
        }
        start.push(terms.length);
      }
      textOf[i++] = n;
    }
  }
  return { textOf, start, terms, tf };
}

/** Every term: the stored ones and those only in the stubs' fields, sorted; and each stored term's number among them. */
function allTerms(storedTerms: readonly string[], fromStubs: StubFields): { terms: string[]; storedNumber: Uint32Array } {
  const known = new Set(storedTerms);
  const extra = new Set<string>();
  for (const t of fromStubs.terms) if (!known.has(t)) extra.add(t);
  const added = [...extra].sort();
  const terms: string[] = [];
  const storedNumber = new Uint32Array(storedTerms.length);
  let j = 0;
  storedTerms.forEach((term, i) => {
    if (i > 0 && !(storedTerms[i - 1]! < term)) throw formatError('terms');
    while (j < added.length && added[j]! < term) terms.push(added[j++]!);
    storedNumber[i] = terms.length;
    terms.push(term);
  });
  while (j < added.length) terms.push(added[j++]!);
  return { terms, storedNumber };
}

const bitCount = (n: number) => {
  let c = 0;
  for (let m = n; m; m &= m - 1) c++;
  return c;
};

/** The stored postings decoded (document gaps, field masks, frequencies), by term number. */
function readStored(decoded: DecodedIndex, storedNumber: Uint32Array, termCount: number): TermLists {
  const { numbers, masks, tfMinusOne, stored, fields, stubs } = decoded;
  const fieldCount = fields.length;
  const docCount = stubs.length;
  const storedTermCount = storedNumber.length;
  const maskLimit = 2 ** stored.length - 1;
  // First pass: each entry's document, each stored term's first entry, each term's postings.
  const docOf = new Uint32Array(masks.length);
  const entryStart = new Uint32Array(storedTermCount + 1);
  const start = new Uint32Array(termCount + 1);
  let at = 0;
  let m = 0;
  for (let s = 0; s < storedTermCount; s++) {
    entryStart[s] = m;
    const count = numbers[at++];
    if (count === undefined || m + count > masks.length || at + count > numbers.length) throw formatError('postings');
    let doc = -1;
    for (let k = 0; k < count; k++, m++) {
      doc += numbers[at++]! + 1;
      if (doc >= docCount || masks[m]! >= maskLimit) throw formatError('postings');
      docOf[m] = doc;
      start[storedNumber[s]! + 1]! += bitCount(masks[m]! + 1);
    }
  }
  entryStart[storedTermCount] = m;
  if (m !== masks.length || at !== numbers.length) throw formatError('postings');
  for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
  if (start[termCount] !== tfMinusOne.length) throw formatError('frequencies');
  // Second pass: the keys (document × fields + field) and frequencies, in the frequencies' order.
  // (Stored terms keep their order among all terms, so the keys line up with the frequencies.)
  const key = new Uint32Array(tfMinusOne.length);
  for (let s = 0; s < storedTermCount; s++) {
    let to = start[storedNumber[s]!]!;
    for (let e = entryStart[s]!; e < entryStart[s + 1]!; e++) {
      const mask = masks[e]! + 1;
      for (let bit = 0; bit < stored.length; bit++) if (mask & (1 << bit)) key[to++] = docOf[e]! * fieldCount + stored[bit]!;
    }
  }
  return { start, key, tfMinusOne };
}

/** The postings of the fields made from the stubs, by term number (documents in order, so each term's keys ascend). */
function readFromStubs(decoded: DecodedIndex, fromStubs: StubFields, termNumber: Map<string, number>): TermLists {
  const { fields, fromStub } = decoded;
  const fieldCount = fields.length;
  const termCount = termNumber.size;
  const { textOf, start: textStart, tf } = fromStubs;
  const term = new Uint32Array(fromStubs.terms.length);
  for (let j = 0; j < term.length; j++) term[j] = termNumber.get(fromStubs.terms[j]!)!;
  const start = new Uint32Array(termCount + 1);
  for (let i = 0; i < textOf.length; i++) for (let j = textStart[textOf[i]!]!; j < textStart[textOf[i]! + 1]!; j++) start[term[j]! + 1]!++;
  for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, termCount);
  const key = new Uint32Array(start[termCount]!);
  const tfMinusOne = new Uint32Array(start[termCount]!);
  for (let i = 0; i < textOf.length; i++) {
    const doc = (i / fromStub.length) | 0;
    const k = doc * fieldCount + fromStub[i - doc * fromStub.length]!;
    for (let j = textStart[textOf[i]!]!; j < textStart[textOf[i]! + 1]!; j++) {
      const to = fill[term[j]!]!++;
      key[to] = k;
      tfMinusOne[to] = tf[j]! - 1;
    }
  }
  return { start, key, tfMinusOne };
}

/** The stored postings and those made from the stubs, merged (keys ascending per term), with the field lengths. */
function mergePostings(a: TermLists, b: TermLists, termCount: number, keyCount: number): Postings {
  const total = a.key.length + b.key.length;
  const start = new Uint32Array(termCount + 1);
  const key = new Uint32Array(total);
  const tfMinusOne = new Uint32Array(total);
  let p = 0;
  for (let t = 0; t < termCount; t++) {
    start[t] = p;
    let i = a.start[t]!;
    let j = b.start[t]!;
    const iEnd = a.start[t + 1]!;
    const jEnd = b.start[t + 1]!;
    // Most terms are in one of the two only: copied at once.
    if (j === jEnd || i === iEnd) {
      const [from, s, e] = j === jEnd ? [a, i, iEnd] : [b, j, jEnd];
      key.set(from.key.subarray(s, e), p);
      tfMinusOne.set(from.tfMinusOne.subarray(s, e), p);
      p += e - s;
      continue;
    }
    while (i < iEnd || j < jEnd) {
      const fromA = j >= jEnd || (i < iEnd && a.key[i]! < b.key[j]!);
      key[p] = fromA ? a.key[i]! : b.key[j]!;
      tfMinusOne[p++] = fromA ? a.tfMinusOne[i++]! : b.tfMinusOne[j++]!;
    }
  }
  start[termCount] = p;
  const fieldLength = new Float64Array(keyCount);
  const forwardStart = new Uint32Array(keyCount + 1);
  for (let k = 0; k < total; k++) {
    fieldLength[key[k]!]! += tfMinusOne[k]! + 1;
    forwardStart[key[k]! + 1]!++;
  }
  return { start, key, tfMinusOne, fieldLength, forwardStart };
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
  const decoded = decodeIndex(input);
  const { data, fields, boosts, stubs } = decoded;
  const fieldCount = fields.length;
  const docCount = stubs.length;
  const fromStubs = stubTokens(decoded);
  const { terms, storedNumber } = allTerms(decoded.storedTerms, fromStubs);
  const termCount = terms.length;
  const termNumber = new Map(terms.map((t, i) => [t, i]));
  const postings = mergePostings(
    readStored(decoded, storedNumber, termCount),
    readFromStubs(decoded, fromStubs, termNumber),
    termCount,
    docCount * fieldCount,
  );
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
    pairsStartingWith(char, limit) {
      // The terms are sorted (lunr's TokenSet needs them so): those starting with `char` follow each other.
      let lo = 0;
      let hi = termCount;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (terms[mid]! < char) lo = mid + 1;
        else hi = mid;
      }
      const found: Array<[string, number]> = [];
      for (let t = lo; t < termCount && terms[t]!.startsWith(char); t++) {
        if (Array.from(terms[t]!).length === 2) found.push([terms[t]!, postings.start[t + 1]! - postings.start[t]!]);
      }
      return found
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([term]) => term);
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
