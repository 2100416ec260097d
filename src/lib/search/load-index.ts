/**
 * Loads a serialized index (index-format.ts) and scores queries on it.
 *
 * Loading decodes the postings into typed arrays (one pass) and adds up the field lengths. The
 * scoring is lunr's, without lunr: each (document, field, term) weighs what lunr.Builder gives it
 * (BM25, k1 = 1.2, b = 0.75, field boost, rounded to 3 decimals; idf counts the (document, field)
 * pairs holding the term), and a document scores like lunr.Index#query: the sum over its matching
 * fields of the dot product of the query vector (each term's summed clause boosts, expanded
 * terms included) with the field's vector, divided by the query vector's length. Only the
 * postings of the query's terms are read. tests/unit/search-index.test.ts compares every score
 * with lunr's on the real content. The shape is checked first: a stale or broken file gives a
 * clear error, not wrong results.
 */
import type { SearchDoc, SearchDocText, SearchFacets } from './documents.ts';
import { decodeNumbers } from './numbers.ts';
import { SEARCH_INDEX_FORMAT, unpackDocs, unpackTerms, type SerializedSearchIndex } from './index-format.ts';
import type { SearchDocStub } from './documents.ts';

/** lunr.Builder's defaults. */
const K1 = 1.2;
const B = 0.75;

/** One term of a query, as lunr's `Query#term` takes it. */
export interface QueryClause {
  term: string;
  boost: number;
  /** Every indexed term starting with `term` (lunr's trailing wildcard). */
  prefix?: boolean;
  /** Every indexed term at most one edit away (lunr's `editDistance: 1`). */
  fuzzy?: boolean;
}

export interface IndexMatch {
  /** Position of the document. */
  ref: number;
  score: number;
}

export interface LoadedSearchIndex {
  /** The documents: what the index keeps, and their texts once there (`hasText`). */
  docs: SearchDoc[];
  facets: SearchFacets;
  /** lunr's inverse document frequency of a term (0 when not indexed). */
  idf(term: string): number;
  /** How many (document, field) postings the term has (0 when not indexed). */
  postings(term: string): number;
  /** Bit mask of the fields (fields.ts order) of document `ref` that contain `term`. */
  fieldsWith(ref: number, term: string): number;
  /** The matching documents, best first (score, then position), scored like lunr. */
  query(clauses: readonly QueryClause[]): IndexMatch[];
  /** True when the document's texts are there. */
  hasText(ref: number): boolean;
  /** Adds a document's texts (fetched apart). */
  setText(ref: number, text: SearchDocText): void;
}

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

const formatError = (detail?: string) => new Error(`搜索索引格式不对（需要 ${SEARCH_INDEX_FORMAT}），请重新构建站点${detail ? `：${detail}` : ''}`);

/** True when `a` and `b` are at most one insertion, deletion, substitution or swap of neighbours apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // One substitution, or two neighbours swapped.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function loadSearchIndex(data: unknown): LoadedSearchIndex {
  if (!isSerialized(data)) throw formatError();
  const terms = unpackTerms(data.terms);
  const boosts = data.fields.map((f) => f.boost);
  const fieldCount = data.fields.length;
  let stubs: SearchDocStub[];
  try {
    stubs = unpackDocs(data.docs);
  } catch {
    throw formatError('docs');
  }
  if (data.texts && data.texts.length !== stubs.length) throw formatError('texts');
  const docCount = stubs.length;
  const termCount = terms.length;
  let numbers: Uint32Array;
  let tfMinusOne: Uint32Array;
  try {
    numbers = decodeNumbers(data.postings);
    tfMinusOne = decodeNumbers(data.frequencies);
  } catch (error) {
    throw formatError((error as Error).message);
  }

  // Postings: for term t, entries postingStart[t] … postingStart[t + 1] − 1 of `postingKey`
  // (document × fields + field) and `tfMinusOne`.
  const postingCount = tfMinusOne.length;
  const postingStart = new Uint32Array(termCount + 1);
  const postingKey = new Uint32Array(postingCount);
  const fieldLength = new Float64Array(docCount * fieldCount);
  let at = 0;
  let p = 0;
  for (let t = 0; t < termCount; t++) {
    postingStart[t] = p;
    const count = numbers[at++];
    if (count === undefined || p + count > postingCount || at + count > numbers.length) throw formatError('postings');
    let key = 0;
    for (let k = 0; k < count; k++, p++) {
      key += numbers[at++]!;
      if (key >= docCount * fieldCount || (k > 0 && numbers[at - 1] === 0)) throw formatError('postings');
      postingKey[p] = key;
      fieldLength[key]! += tfMinusOne[p]! + 1;
    }
  }
  postingStart[termCount] = p;
  if (p !== postingCount || at !== numbers.length) throw formatError('postings');

  const average = new Float64Array(fieldCount);
  for (let i = 0; i < fieldLength.length; i++) average[i % fieldCount]! += fieldLength[i]!;
  for (let f = 0; f < fieldCount; f++) average[f]! /= docCount || 1;

  const termNumber = new Map(terms.map((t, i) => [t, i]));
  const idfCache = new Float64Array(termCount).fill(-1);
  const idfOf = (t: number) => {
    let idf = idfCache[t]!;
    if (idf < 0) {
      const n = postingStart[t + 1]! - postingStart[t]!;
      idf = idfCache[t] = Math.log(1 + Math.abs((docCount - n + 0.5) / (n + 0.5)));
    }
    return idf;
  };

  /** The terms a clause stands for. */
  function expand(clause: QueryClause): number[] {
    if (clause.prefix) {
      // Terms are sorted as strings compare: binary search for the first ≥ the prefix.
      let lo = 0;
      let hi = termCount;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (terms[mid]! < clause.term) lo = mid + 1;
        else hi = mid;
      }
      const out: number[] = [];
      for (let t = lo; t < termCount && terms[t]!.startsWith(clause.term); t++) out.push(t);
      return out;
    }
    if (clause.fuzzy) {
      const out: number[] = [];
      for (let t = 0; t < termCount; t++) if (withinOneEdit(clause.term, terms[t]!)) out.push(t);
      return out;
    }
    const t = termNumber.get(clause.term);
    return t === undefined ? [] : [t];
  }

  // Scores of one query, reused (zeroed after each query, only where touched).
  const scores = new Float64Array(docCount);
  const seen = new Uint8Array(docCount);

  const docs: SearchDoc[] = stubs.map((stub, i) => (data.texts ? { ...stub, ...data.texts[i] } : stub));
  const withText = new Uint8Array(docCount).fill(data.texts ? 1 : 0);

  return {
    docs,
    facets: data.facets,
    idf(term) {
      const t = termNumber.get(term);
      return t === undefined ? 0 : idfOf(t);
    },
    postings(term) {
      const t = termNumber.get(term);
      return t === undefined ? 0 : postingStart[t + 1]! - postingStart[t]!;
    },
    fieldsWith(ref, term) {
      const t = termNumber.get(term);
      if (t === undefined) return 0;
      // First posting of the document: binary search on the sorted keys.
      const first = ref * fieldCount;
      let lo = postingStart[t]!;
      let hi = postingStart[t + 1]!;
      const end = hi;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (postingKey[mid]! < first) lo = mid + 1;
        else hi = mid;
      }
      let mask = 0;
      for (let k = lo; k < end && postingKey[k]! < first + fieldCount; k++) mask |= 1 << (postingKey[k]! - first);
      return mask;
    },
    query(clauses) {
      // The query vector: each expanded term with the sum of its clauses' boosts.
      const vector = new Map<number, number>();
      for (const clause of clauses) for (const t of expand(clause)) vector.set(t, (vector.get(t) ?? 0) + clause.boost);
      let norm = 0;
      for (const b of vector.values()) norm += b * b;
      norm = Math.sqrt(norm);
      if (!vector.size || !(norm > 0)) return [];
      const touched: number[] = [];
      for (const [t, queryBoost] of vector) {
        const idf = idfOf(t);
        for (let k = postingStart[t]!; k < postingStart[t + 1]!; k++) {
          const key = postingKey[k]!;
          const doc = (key / fieldCount) | 0;
          const field = key - doc * fieldCount;
          const tf = tfMinusOne[k]! + 1;
          const lengthNorm = K1 * (1 - B + B * (fieldLength[key]! / average[field]!));
          const weight = Math.round(((idf * ((K1 + 1) * tf)) / (lengthNorm + tf)) * boosts[field]! * 1000) / 1000;
          if (!seen[doc]) {
            seen[doc] = 1;
            touched.push(doc);
          }
          scores[doc]! += queryBoost * weight;
        }
      }
      const out: IndexMatch[] = touched.map((ref) => ({ ref, score: scores[ref]! / norm }));
      for (const ref of touched) {
        scores[ref] = 0;
        seen[ref] = 0;
      }
      return out.sort((a, b) => b.score - a.score || a.ref - b.ref);
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
