/**
 * The search engine as the island and the CLI use it: a loaded index with `search`, `closest`
 * and the filter facets. `fetchSearchEngine` is what the browser loads lazily on first open: the
 * index without the texts (/search/index.json); the texts of the results shown are fetched next,
 * one small file per document (`loadTexts`), or all at once (/search/texts.json, which the
 * service worker keeps) when a file cannot be had. Node (CLI, tests) loads the complete index,
 * texts included, so nothing is fetched there.
 */
import { loadSearchIndex, type LoadedSearchIndex } from './load-index.ts';
import { closestScripts, hasUnknownPair, search, type SearchHit, type SearchOptions, type SearchResponse } from './query.ts';
import { docKey, SEARCH_CORE_PATH, SEARCH_INDEX_FORMAT, SEARCH_TEXTS_FILE, searchTextPath } from './index-format.ts';
import type { SearchDocStub, SearchDocText, SearchFacets } from './documents.ts';
import { resultView, type ResultView } from './result-view.ts';
import { canSimplify, loadSimplifier } from './simplify.ts';
import { homophonesLoaded, loadHomophones } from './homophones.ts';

export interface SearchEngine {
  index: LoadedSearchIndex;
  facets: SearchFacets;
  search(query: string, options?: SearchOptions): SearchResponse;
  /** The closest scripts, for when `search` finds nothing. */
  closest(query: string, limit?: number): SearchHit[];
  /** What the results list shows for a hit (result-view.ts), with the texts fetched so far. */
  view(hit: SearchHit, highlight: readonly string[]): ResultView;
  /**
   * False while the query needs what is not loaded: the dictionaries for Traditional characters,
   * the homophone table for a character pair the index lacks (a typo).
   */
  ready(query: string): boolean;
  /** Loads what the query needs (dictionaries, homophone table); then search again. */
  prepare(query: string): Promise<void>;
  /** True when the document's texts are there. */
  hasText(ref: number): boolean;
  /** Fetches the texts of these documents (excerpts, the reply to copy). Rejects when they cannot be had. */
  loadTexts(refs: readonly number[]): Promise<void>;
}

/** Where the texts come from when the index has none (the browser). */
export interface TextSource {
  /** One document's texts (a ServedText). */
  one(doc: SearchDocStub): Promise<unknown>;
  /** Every text (a SerializedTexts). */
  all(): Promise<unknown>;
}

const isStringList = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** The texts of a served file, if it is the one of `key` and well formed. */
function readText(data: unknown, key: string): SearchDocText | undefined {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || d.key !== key) return undefined;
  const out: SearchDocText = {};
  if (isStringList(d.customer)) out.customer = d.customer as string[];
  if (isStringList(d.tags)) out.tags = d.tags as string[];
  if (typeof d.summary === 'string') out.summary = d.summary;
  if (typeof d.reply === 'string') out.reply = d.reply;
  if (isStringList(d.body)) out.body = d.body as string[];
  return out;
}

export function createSearchEngine(data: unknown, texts?: TextSource): SearchEngine {
  const index = loadSearchIndex(data);
  const inFlight = new Map<number, Promise<void>>();
  let everything: Promise<void> | undefined;

  function loadAll(): Promise<void> {
    if (!texts) return Promise.reject(new Error('no texts'));
    everything ??= texts.all().then(
      (all) => {
        const list = (all as { format?: unknown; texts?: unknown } | null)?.texts;
        if ((all as { format?: unknown } | null)?.format !== SEARCH_INDEX_FORMAT || !Array.isArray(list))
          throw new Error('搜索文本格式不对');
        index.docs.forEach((doc, ref) => {
          const text = readText(list[ref], docKey(doc));
          if (text && !index.hasText(ref)) index.setText(ref, text);
        });
      },
      (error: unknown) => {
        everything = undefined;
        throw error;
      },
    );
    return everything;
  }

  function loadOne(ref: number): Promise<void> {
    if (index.hasText(ref)) return Promise.resolve();
    let p = inFlight.get(ref);
    if (!p) {
      const doc = index.docs[ref]!;
      p = (texts ? texts.one(doc) : Promise.reject(new Error('no texts')))
        .then((served) => {
          const text = readText(served, docKey(doc));
          if (!text) throw new Error('stale text');
          index.setText(ref, text);
        })
        // Offline (or a file of another build): the copy of every text.
        .catch(() => loadAll())
        .finally(() => inFlight.delete(ref));
      inFlight.set(ref, p);
    }
    return p;
  }

  return {
    index,
    facets: index.facets,
    search: (query, options) => search(index, query, options),
    closest: (query, limit) => closestScripts(index, query, limit),
    view: (hit, highlight) => resultView({ doc: index.docs[hit.ref] ?? hit.doc, ref: hit.ref }, highlight, !index.hasText(hit.ref)),
    ready: (query) => canSimplify(query) && (homophonesLoaded() || !hasUnknownPair(index, query)),
    async prepare(query) {
      if (!canSimplify(query)) await loadSimplifier();
      if (!homophonesLoaded() && hasUnknownPair(index, query)) await loadHomophones();
    },
    hasText: (ref) => index.hasText(ref),
    async loadTexts(refs) {
      const wanted = [...new Set(refs)].filter(
        (ref) => Number.isInteger(ref) && ref >= 0 && ref < index.docs.length && !index.hasText(ref),
      );
      if (!wanted.length) return;
      if (!texts) throw new Error('no texts');
      await Promise.all(wanted.map(loadOne));
    },
  };
}

/**
 * Fetches and loads the site's index (`url`: the index without texts; the texts are beside it).
 * Rejects with a readable error on HTTP or format errors.
 */
export async function fetchSearchEngine(url: string = SEARCH_CORE_PATH, fetchImpl: typeof fetch = fetch): Promise<SearchEngine> {
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`搜索索引下载失败（HTTP ${response.status}）`);
  const dir = url.slice(0, url.lastIndexOf('/') + 1);
  const json = async (path: string) => {
    const r = await fetchImpl(path);
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.json() as Promise<unknown>;
  };
  return createSearchEngine(await response.json(), {
    one: (doc) => json(dir + searchTextPath(doc)),
    all: () => json(dir + SEARCH_TEXTS_FILE),
  });
}
