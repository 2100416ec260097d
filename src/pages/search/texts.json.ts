/** /search/texts.json: every search text in one file, the offline copy (the service worker precaches it). */
import type { APIRoute } from 'astro';
import { allTexts } from '../../lib/search/build-index.ts';
import { json, searchIndexData } from './_search-data.ts';

export const GET: APIRoute = async () => json(allTexts(await searchIndexData()));
