/**
 * A tiny static server for dist/ (tests and screenshots use it instead of `astro preview`, so they
 * need no extra process). Serves index.html for directories and 404.html for misses, with the
 * headers of dist/_headers (CSP with the build's script hashes, nosniff, Referrer-Policy …) as a
 * host that reads that file would: the e2e tests run the site under them. Text files are sent
 * gzip-compressed to clients that accept it, as every static host does (Netlify, Cloudflare Pages,
 * nginx with `gzip on`), so Lighthouse and the e2e tests see the transfer sizes users get.
 */
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { headersFor, parseHeaders, type HeaderRule } from '../src/lib/node/security-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
};

/** Types worth compressing (images here are already compressed, .gz files are gzip already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.webmanifest', '.txt']);

export async function serveDist(port = 0, dir = resolve(process.env.DIST_DIR ?? 'dist')): Promise<{ url: string; close(): Promise<void> }> {
  const rules: HeaderRule[] = parseHeaders(await readFile(join(dir, '_headers'), 'utf8').catch(() => ''));
  const gzipped = new Map<string, { mtime: number; body: Buffer }>();
  const gzipOf = (path: string, mtime: number, body: Buffer): Buffer => {
    const hit = gzipped.get(path);
    if (hit?.mtime === mtime) return hit.body;
    const out = gzipSync(body);
    gzipped.set(path, { mtime, body: out });
    return out;
  };
  const server = createServer(async (req, res) => {
    for (const [k, v] of Object.entries(headersFor(rules, new URL(req.url ?? '/', 'http://x').pathname))) res.setHeader(k, v);
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      let path = normalize(join(dir, decodeURIComponent(url.pathname)));
      if (!path.startsWith(dir)) throw new Error('outside');
      if ((await stat(path).catch(() => undefined))?.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      if (COMPRESSIBLE.has(extname(path)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        const mtime = (await stat(path)).mtimeMs;
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
        res.end(gzipOf(path, mtime, body));
        return;
      }
      res.writeHead(200, { 'content-type': type, vary: 'Accept-Encoding' });
      res.end(body);
    } catch {
      const body = await readFile(join(dir, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    }
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4321);
  const s = await serveDist(port);
  console.log(`dist/ 已在 ${s.url}/ 提供服务（Ctrl+C 停止）`);
}
