/** /search/texts/<kind>/<id>.json: one entry's search texts, fetched for the results shown. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { textFiles } from '../../../lib/search/build-index.ts';
import { json, searchIndexData } from '../_search-data.ts';

export const getStaticPaths = (async () => {
  const files = textFiles(await searchIndexData());
  return files.map(({ path, text }) => ({
    params: { path: decodeURIComponent(path.replace(/^texts\//, '').replace(/\.json$/, '')) },
    props: { text },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => json(props.text);
