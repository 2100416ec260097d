/**
 * The search engine as the island and the CLI use it: a loaded index with `search`, `closest`
 * and the filter facets. `fetchSearchEngine` is what the browser loads lazily on first open.
 */
import { loadSearchIndex, type LoadedSearchIndex } from './load-index.ts';
import { closestScripts, search, type SearchHit, type SearchOptions, type SearchResponse } from './query.ts';
import { SEARCH_INDEX_PATH } from './index-format.ts';
import type { SearchFacets } from './documents.ts';
import { resultView, type ResultView } from './result-view.ts';

export interface SearchEngine {
  index: LoadedSearchIndex;
  facets: SearchFacets;
  search(query: string, options?: SearchOptions): SearchResponse;
  /** The closest scripts, for when `search` finds nothing. */
  closest(query: string, limit?: number): SearchHit[];
  /** What the results list shows for a hit (result-view.ts); here so the island loads it lazily. */
  view(hit: SearchHit, highlight: readonly string[]): ResultView;
}

export function createSearchEngine(data: unknown): SearchEngine {
  const index = loadSearchIndex(data);
  return {
    index,
    facets: index.facets,
    search: (query, options) => search(index, query, options),
    closest: (query, limit) => closestScripts(index, query, limit),
    view: resultView,
  };
}

/** Fetches and loads the site's index. Rejects with a readable error on HTTP or format errors. */
export async function fetchSearchEngine(url: string = SEARCH_INDEX_PATH, fetchImpl: typeof fetch = fetch): Promise<SearchEngine> {
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`搜索索引下载失败（HTTP ${response.status}）`);
  return createSearchEngine(await response.json());
}
