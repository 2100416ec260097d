/**
 * The serialized search index (/search-index.json): a lunr index in compact form plus the
 * document store. Written at build time (build-index.ts), read by the browser and the CLI
 * (load-index.ts), which turns it into a lunr.Index.
 *
 * lunr's own JSON repeats every document reference under every term and stores a float weight
 * for every (document, field, term); that is three times larger. Here each document keeps, per
 * field, the sorted list of its term numbers (a term repeated as often as it occurs), delta-encoded:
 * `field number, count, first term, delta, delta …` (delta 0 = the same term again). The sorted
 * term list is front-coded by first character (`便宜 利|退款 货` = 便宜 便利 退款 退货). On load the
 * postings are rebuilt and the weights recomputed with lunr's BM25 formula (k1 = 1.2, b = 0.75,
 * field boosts), giving exactly the vectors `lunr.Builder` produces (tested).
 */
import type { SearchDoc, SearchFacets } from './documents.ts';

export const SEARCH_INDEX_FORMAT = 'sop-search/3';
/** Where the site serves the index (src/pages/search-index.json.ts). */
export const SEARCH_INDEX_PATH = '/search-index.json';

export interface SerializedSearchIndex {
  format: typeof SEARCH_INDEX_FORMAT;
  /** Indexed fields with their boosts, in the order of fields.ts. */
  fields: Array<{ name: string; boost: number }>;
  /** Every indexed term, sorted (a term's number is its position), front-coded: see `packTerms`. */
  terms: string;
  /** Per document: for each field with terms, `field, count, term deltas…` (see above). */
  tokens: number[][];
  docs: SearchDoc[];
  facets: SearchFacets;
}

/**
 * Front-codes a sorted term list: terms sharing their first character form a group, written as
 * that character followed by the rest of each term, separated by spaces; groups are separated by
 * `|`. Terms never contain spaces or `|` (the tokenizer keeps letters, digits and marks only).
 */
export function packTerms(sorted: readonly string[]): string {
  const groups: string[] = [];
  let head = '';
  let rests: string[] = [];
  for (const term of sorted) {
    const first = String.fromCodePoint(term.codePointAt(0)!);
    if (first !== head || !rests.length) {
      if (rests.length) groups.push(head + rests.join(' '));
      head = first;
      rests = [];
    }
    rests.push(term.slice(first.length));
  }
  if (rests.length) groups.push(head + rests.join(' '));
  return groups.join('|');
}

/** The inverse of `packTerms`. */
export function unpackTerms(packed: string): string[] {
  if (!packed) return [];
  const out: string[] = [];
  for (const group of packed.split('|')) {
    const first = String.fromCodePoint(group.codePointAt(0)!);
    for (const rest of group.slice(first.length).split(' ')) out.push(first + rest);
  }
  return out;
}
