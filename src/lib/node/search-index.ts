/**
 * The search index from the content files on disk (Node only): what the CLI, the evaluation test
 * and the benchmark search. Same documents, same build, and the same serialize → load round trip
 * as the site's index, so results are the browser's results. Node has the Traditional →
 * Simplified dictionaries and the homophone table at once (the browser loads them when a query
 * needs them).
 */
import { loadContent } from './load-content.ts';
import { buildSiteIndex } from '../content/site-index.ts';
import { buildFacets, buildSearchDocuments } from '../search/documents.ts';
import { buildSearchIndex } from '../search/build-index.ts';
import { loadSearchIndex, type LoadedSearchIndex } from '../search/load-index.ts';
import { installSimplifier } from '../search/opencc.ts';
import { installHomophones } from '../search/pinyin.ts';
import type { SerializedSearchIndex } from '../search/index-format.ts';

installSimplifier();
installHomophones();

/** The complete serialized index (texts included) of the content below `root` (throws ContentError on invalid content). */
export function buildSearchIndexFromDisk(root: string): SerializedSearchIndex {
  const site = buildSiteIndex(loadContent(root));
  const docs = buildSearchDocuments(site);
  return buildSearchIndex(docs, buildFacets(site, docs));
}

/** The loaded index of the content below `root`, through the same JSON the browser fetches. */
export function loadSearchIndexFromDisk(root: string): LoadedSearchIndex {
  return loadSearchIndex(JSON.parse(JSON.stringify(buildSearchIndexFromDisk(root))));
}
