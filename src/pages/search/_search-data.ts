/**
 * The site's search index, built once per site build for the search endpoints: the complete
 * index (/search-index.json), the index the browser fetches (/search/index.json) and the texts
 * (/search/texts.json, /search/texts/<kind>/<id>.json). Not a route (leading underscore).
 */
import { getSite } from '../../data/site.ts';
import { buildFacets, buildSearchDocuments } from '../../lib/search/documents.ts';
import { buildSearchIndex } from '../../lib/search/build-index.ts';
import { installSimplifier } from '../../lib/search/opencc.ts';
import type { SerializedSearchIndex } from '../../lib/search/index-format.ts';

let cached: Promise<SerializedSearchIndex> | undefined;

export function searchIndexData(): Promise<SerializedSearchIndex> {
  cached ??= getSite().then((site) => {
    installSimplifier();
    const docs = buildSearchDocuments(site);
    return buildSearchIndex(docs, buildFacets(site, docs));
  });
  return cached;
}

export const json = (data: unknown) =>
  new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json; charset=utf-8' } });
