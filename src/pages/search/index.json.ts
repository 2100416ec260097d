/** /search/index.json: the search index without the texts, what the browser fetches when the search opens. */
import type { APIRoute } from 'astro';
import { coreIndex } from '../../lib/search/build-index.ts';
import { json, searchIndexData } from './_search-data.ts';

export const GET: APIRoute = async () => json(coreIndex(await searchIndexData()));
