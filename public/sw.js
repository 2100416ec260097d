/*
 * 客服 SOP 学堂 service worker: keeps the script library and the search working offline.
 *
 * - install: caches the pages listed in /sw-config.js (home, script library, standards, the
 *   search index and all search texts in one file) and every /_astro/ asset they load, following
 *   JS imports (the search code and its Traditional-Chinese dictionaries are loaded lazily, so
 *   they are found inside the island's module); offline, the search reads the texts of its
 *   results from that one file when their own small files were never fetched;
 * - pages and other files: network first, the cached copy when the network fails (and every page
 *   visited is kept for next time); a page never cached gets a short offline notice;
 * - /_astro/ assets (hashed, immutable): cache first;
 * - activate: drops the caches of older builds. Registered by src/components/workbench/offline-status.ts.
 * - cached requests are matched with ignoreVary (`npm start` serves `Vary: Origin`, and a module
 *   script is requested with an Origin header: without it nothing would match offline);
 * - a URL carrying an assignment code (`?a=`, 我的培训 links) is never written to the cache;
 * - when every precached file is in the cache the worker tells the pages ({ type: 'sop-offline',
 *   ready: true }); a page asks with { type: 'sop-offline-status' }.
 */
/* global self, caches, importScripts, location */
importScripts('/sw-config.js');

const CONFIG = self.SOP_SW || { version: 'dev', precache: [], offline: { title: 'Offline', text: '', link: '/', href: '/' } };
const PREFIX = 'sop-';
const CACHE = PREFIX + CONFIG.version;
const MAX_ASSETS = 400;
/** A page slower than this falls back to its cached copy (when there is one). */
const PAGE_TIMEOUT_MS = 6000;
/** How cached requests are matched: any query string, and regardless of the Vary header. */
const MATCH = { ignoreSearch: true, ignoreVary: true };

/** A URL that carries an assignment code (?a=…): never cached. */
function carriesCode(url) {
  return new URL(url, location.origin).searchParams.has('a');
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await precache(cache);
      await self.skipWaiting();
      await tellReady();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

/** True when every precached file is in this build's cache. */
async function isReady() {
  const cache = await caches.open(CACHE);
  for (const path of CONFIG.precache) {
    if (!(await cache.match(new URL(path, location.origin).href, MATCH))) return false;
  }
  return true;
}

async function tellReady(client) {
  const message = { type: 'sop-offline', ready: await isReady(), version: CONFIG.version };
  const clients = client ? [client] : await self.clients.matchAll({ includeUncontrolled: true, type: 'window' });
  for (const c of clients) c.postMessage(message);
}

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'sop-offline-status' && event.source) event.waitUntil(tellReady(event.source));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || (request.cache === 'only-if-cached' && request.mode !== 'same-origin')) return;
  const url = new URL(request.url);
  if (url.origin !== location.origin || url.pathname === '/sw.js' || url.pathname === '/sw-config.js') return;
  if (url.pathname.startsWith('/_astro/')) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request, request.mode === 'navigate'));
});

/** Caches the listed pages (all must succeed) and, best effort, the assets they use. */
async function precache(cache) {
  const seen = new Set();
  const queue = CONFIG.precache.map((path) => ({ url: new URL(path, location.origin).href, required: true }));
  while (queue.length && seen.size < MAX_ASSETS) {
    const { url, required } = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    let response;
    try {
      response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${response.status} ${url}`);
    } catch (error) {
      if (required) throw error;
      continue;
    }
    if (!carriesCode(url)) await cache.put(url, response.clone());
    const type = response.headers.get('content-type') || '';
    if (/html|javascript/.test(type)) {
      for (const dep of dependencies(await response.text(), url)) if (!seen.has(dep)) queue.push({ url: dep, required: false });
    }
  }
}

/** Same-origin /_astro/ files named in an HTML page or a JS module. */
function dependencies(text, base) {
  const found = new Set();
  const patterns = [
    /(?:src|href|component-url|renderer-url)="([^"]+)"/g,
    /["'`](\.{1,2}\/[^"'`\s]+?\.(?:js|css))["'`]/g,
    /["'`](\/?_astro\/[^"'`\s]+?\.(?:js|css))["'`]/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const ref = match[1];
      let url;
      try {
        url = new URL(ref.startsWith('_astro/') ? `/${ref}` : ref, base);
      } catch {
        continue;
      }
      if (url.origin === location.origin && (url.pathname.startsWith('/_astro/') || url.pathname === '/favicon.svg')) {
        found.add(url.origin + url.pathname);
      }
    }
  }
  return found;
}

/** Keeps a copy of a good same-origin response; a full or refused cache never breaks the page. */
async function keep(cache, request, response) {
  if (!response.ok || response.type !== 'basic' || carriesCode(request.url)) return;
  try {
    await cache.put(request, response.clone());
  } catch {
    // Quota exceeded or storage disabled: serve without caching.
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, MATCH);
  if (hit) return hit;
  const response = await fetch(request);
  await keep(cache, request, response);
  return response;
}

async function networkFirst(request, isPage) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, MATCH);
  const network = fetch(request).then(async (response) => {
    await keep(cache, request, response);
    return response;
  });
  // When the cached copy answers first, a later network failure is expected, not an error.
  network.catch(() => undefined);
  try {
    if (!cached) return await network;
    // A page that hangs (weak signal) falls back to the cached copy after a while.
    return await Promise.race([network, new Promise((resolve) => setTimeout(() => resolve(cached), isPage ? PAGE_TIMEOUT_MS : 2 * PAGE_TIMEOUT_MS))]);
  } catch (error) {
    if (cached) return cached;
    if (isPage) return offlinePage();
    throw error;
  }
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function offlinePage() {
  const o = CONFIG.offline;
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(o.title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.7"><h1>${escapeHtml(o.title)}</h1><p>${escapeHtml(o.text)}</p><p><a href="${escapeHtml(o.href)}">${escapeHtml(o.link)}</a></p></body></html>`;
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
