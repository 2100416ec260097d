/**
 * /sw-config.js: what the service worker (public/sw.js) precaches, its cache version and its
 * strings. Generated per build, so a new build changes this file and browsers install the new
 * worker (which drops the old cache).
 */
import type { APIRoute } from 'astro';
import { ui } from '../i18n/zh-CN.ts';
import { urls } from '../lib/urls.ts';
import { SEARCH_CORE_PATH, SEARCH_TEXTS_PATH } from '../lib/search/index-format.ts';

const config = {
  version: new Date().toISOString(),
  /**
   * Pages and files cached at install; the assets they use are found and cached with them (the
   * search code, and the Traditional-Chinese dictionaries it loads on demand). The search texts
   * in one file: online the search fetches only the texts of the results it shows.
   */
  precache: [
    urls.home(),
    urls.scripts(),
    urls.standards(),
    urls.workbench(),
    '/workbench/replies.json',
    SEARCH_CORE_PATH,
    SEARCH_TEXTS_PATH,
    '/favicon.svg',
  ],
  offline: { ...ui.search.offline, href: urls.scripts() },
};

export const GET: APIRoute = () =>
  new Response(`self.SOP_SW = ${JSON.stringify(config)};\n`, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
