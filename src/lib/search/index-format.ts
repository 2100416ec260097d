/**
 * The serialized search index (/search-index.json): a lunr index in compact form plus the
 * document store. Written at build time (build-index.ts), read by the browser and the CLI
 * (load-index.ts), which turns it into a lunr.Index.
 *
 * lunr's own JSON repeats every document reference under every term and stores a float weight
 * for every (document, field, term); that is three times larger. Here each document keeps, per
 * field, the sorted list of its term numbers (a term repeated as often as it occurs), delta-encoded:
 * `field number, count, first term, delta, delta …` (delta 0 = the same term again). On load the
 * postings are rebuilt and the weights recomputed with lunr's BM25 formula (k1 = 1.2, b = 0.75,
 * field boosts), giving exactly the vectors `lunr.Builder` produces (tested).
 */
import type { SearchDoc, SearchFacets } from './documents.ts';

export const SEARCH_INDEX_FORMAT = 'sop-search/2';
/** Where the site serves the index (src/pages/search-index.json.ts). */
export const SEARCH_INDEX_PATH = '/search-index.json';

export interface SerializedSearchIndex {
  format: typeof SEARCH_INDEX_FORMAT;
  /** Indexed fields with their boosts, in the order of fields.ts. */
  fields: Array<{ name: string; boost: number }>;
  /** Every indexed term, sorted (a term's number is its position). */
  terms: string[];
  /** Per document: for each field with terms, `field, count, term deltas…` (see above). */
  tokens: number[][];
  docs: SearchDoc[];
  facets: SearchFacets;
}
