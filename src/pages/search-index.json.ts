/** /search-index.json: the complete search index, texts included (`sop search --index`, tools). The browser fetches /search/. */
import type { APIRoute } from 'astro';
import { json, searchIndexData } from './search/_search-data.ts';

export const GET: APIRoute = async () => json(await searchIndexData());
