/** /search-index.json: the serialized search index (src/lib/search/), built once per site build. */
import type { APIRoute } from 'astro';
import { getSite } from '../data/site.ts';
import { buildFacets, buildSearchDocuments } from '../lib/search/documents.ts';
import { buildSearchIndex } from '../lib/search/build-index.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const docs = buildSearchDocuments(site);
  return new Response(JSON.stringify(buildSearchIndex(docs, buildFacets(site, docs))), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
