/**
 * LRS faults the real LRS does not make on its own, from a small stub server on 127.0.0.1: a
 * server error (500), an answer too slow (timeout), a web page instead of xAPI, a `more` link
 * that loops; and a CORS refusal told apart from a dead network (the browser's no-cors probe).
 * Each comes back as a plain-word message with what was read before kept.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullStatements, type ReadFetch } from '../../src/lib/training/lrs-client.ts';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/e500/statements') return void res.writeHead(500).end('database down');
    if (url.pathname === '/slow/statements') return void setTimeout(() => json({ statements: [], more: '' }), 2000);
    if (url.pathname === '/html/statements') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><p>login');
    if (url.pathname === '/half/statements') {
      if (url.searchParams.get('page') === '2') return void res.writeHead(503).end();
      return json({ statements: [{ id: 'a1', stored: '2026-06-01T00:00:00.000Z' }], more: '/half/statements?page=2' });
    }
    if (url.pathname === '/loop/statements') return json({ statements: [{ id: 'same' }], more: '/loop/statements?again=1' });
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const q = { activity: 'https://sop.example.com/my/#assignment-abcdef' };

describe('LRS faults', () => {
  it('500, slow, a web page, a failure after the first page, a looping more link', async () => {
    const e500 = await pullStatements({ endpoint: `${base}/e500`, auth: 'Basic x' }, q, fetch);
    expect(e500.error).toMatchObject({ kind: 'server', status: 500 });
    expect(e500.error!.message).toContain('稍后再试');
    const slow = await pullStatements({ endpoint: `${base}/slow`, auth: 'Basic x' }, q, fetch, { timeoutMs: 300 });
    expect(slow.error).toMatchObject({ kind: 'timeout' });
    const html = await pullStatements({ endpoint: `${base}/html`, auth: 'Basic x' }, q, fetch);
    expect(html.error!.message).toContain('网页');
    const half = await pullStatements({ endpoint: `${base}/half`, auth: 'Basic x' }, q, fetch);
    expect(half.statements.map((s) => s.id)).toEqual(['a1']);
    expect(half.latestStored).toBe('2026-06-01T00:00:00.000Z');
    expect(half.error).toMatchObject({ kind: 'server', status: 503 });
    const loop = await pullStatements({ endpoint: `${base}/loop`, auth: 'Basic x' }, q, fetch, { maxPages: 5 });
    expect(loop.statements).toHaveLength(1);
    expect(loop.pages).toBeLessThanOrEqual(5);
  });

  it('CORS refused vs no network: the no-cors probe tells them apart (browsers)', async () => {
    const cors: ReadFetch = async (_url, init) => {
      if (init.mode === 'no-cors') return { status: 0, headers: { get: () => null }, text: async () => '' };
      throw new TypeError('Failed to fetch');
    };
    const dead: ReadFetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const a = await pullStatements({ endpoint: 'https://lrs.example.com/xapi', auth: 'x' }, q, cors, { probeCors: true });
    expect(a.error).toMatchObject({ kind: 'cors' });
    expect(a.error!.message).toContain('CORS');
    const b = await pullStatements({ endpoint: 'https://lrs.example.com/xapi', auth: 'x' }, q, dead, { probeCors: true });
    expect(b.error).toMatchObject({ kind: 'network' });
  });
});
