/**
 * `npm run bench:search`: figures for the script search (a report, not a test).
 *
 * 1. Real content: what the index is made of (terms, postings, field masks, frequencies, documents; texts
 *    apart), bytes (raw, gzip, brotli) of the index the browser fetches and of the texts, build
 *    time, load + deserialize time, query latency p50/p95 over the evaluation queries, recall@5
 *    and MRR (tests/search-eval/), and on the blind set (tests/search-eval/blind/: written and
 *    judged without sight of the code) recall@1 / recall@5 / MRR of the first acceptable
 *    result, per kind of query and overall.
 * 2. A generated corpus of 10,000 scripts (real scripts' sentences recombined, seeded): bytes,
 *    bytes per 1,000 scripts, load time, query latency p50/p95.
 * 3. Side by side in Chromium on the same real content: Pagefind (the npm package, Chinese
 *    segmentation of its extended binary) against ours — bytes fetched for a first query (gzip on
 *    the wire, like a static host; ours split into code / index / texts), time to the first
 *    results, recall@5 and MRR on the same set, and the blind set's figures. Ours fetches as the island does: the search code,
 *    the index, then the texts of the results it shows (RESULT_LIMIT); the Traditional-Chinese
 *    dictionaries only for a query that needs them (measured apart with 議價).
 *
 * Options: --quick (1,000 generated scripts, fewer repetitions), --no-browser (skip part 3),
 * --json (also print all figures as one JSON line at the end).
 */
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { buildSearchIndexFromDisk } from '../src/lib/node/search-index.ts';
import { HOLDOUT_DIRS, readBlindQueries, readEvalQueries } from '../src/lib/node/search-eval.ts';
import { findBrowser, CHROMIUM_ARGS } from '../src/lib/node/browser.ts';
import { allTexts, buildSearchIndex, coreIndex, textFiles } from '../src/lib/search/build-index.ts';
import { loadSearchIndex } from '../src/lib/search/load-index.ts';
import { createSearchEngine } from '../src/lib/search/engine.ts';
import { documentText, type SearchDoc } from '../src/lib/search/documents.ts';
import { SEARCH_CORE_PATH, unpackDocs, unpackTermList, type SerializedSearchIndex } from '../src/lib/search/index-format.ts';
import { evaluate, evaluateBlind, type BlindReport, type EvalQuery } from '../src/lib/search/evaluate.ts';
import { RESULT_LIMIT } from '../src/components/search/search-state.svelte.ts';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const GENERATED = QUICK ? 1_000 : 10_000;
/** The query whose download cost is compared (a bargaining word, the most common situation). */
const QUERY_FOR_BYTES = '便宜';
const root = process.cwd();
const figures: Record<string, unknown> = {};

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const median = (list: number[]) =>
  percentile(
    [...list].sort((a, b) => a - b),
    50,
  );
const keyOf = (d: { kind: string; id: string }) => `${d.kind}:${d.id}`;

function sizes(json: string) {
  const raw = Buffer.byteLength(json);
  return { raw, gzip: gzipSync(json).length, brotli: brotliCompressSync(json).length };
}

/** gzip bytes of the parts of a serialized index (each compressed on its own) and of its texts. */
function parts(index: SerializedSearchIndex) {
  const gz = (x: unknown) => gzipSync(JSON.stringify(x)).length;
  const files = textFiles(index).map((f) => gz(f.text));
  return {
    terms: gz(index.terms) + gz(index.pairs),
    postings: gz(index.postings),
    masks: gz(index.masks),
    frequencies: gz(index.frequencies),
    docs: gz(index.docs),
    textsAll: gz(allTexts(index)),
    textFileMean: files.reduce((a, b) => a + b, 0) / (files.length || 1),
  };
}

/** The documents with their texts (the complete index). */
const fullDocs = (index: SerializedSearchIndex): SearchDoc[] => unpackDocs(index.docs).map((d, i) => ({ ...d, ...index.texts?.[i] }));

/** Load + deserialize, as the browser does after the download: JSON.parse, then loadSearchIndex. */
function timeLoad(json: string, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    loadSearchIndex(JSON.parse(json));
    times.push(performance.now() - t);
  }
  return { first: times[0]!, median: median(times) };
}

function timeQueries(json: string, queries: EvalQuery[], reps: number) {
  const engine = createSearchEngine(JSON.parse(json));
  const t0 = performance.now();
  engine.search(queries[0]!.q, { limit: 10 });
  const firstQuery = performance.now() - t0;
  for (const q of queries) engine.search(q.q, { limit: 10 }); // warm-up
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const q of queries) {
      const t = performance.now();
      engine.search(q.q, { limit: 10 });
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { engine, firstQuery, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? 0, n: times.length };
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` scripts recombined from the real ones: same vocabulary and lengths, new combinations. */
function generateScripts(real: SearchDoc[], n: number): SearchDoc[] {
  const rnd = random(20240601);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;
  const scripts = real.filter((d) => d.kind === 'script');
  const sentences = (text: string) => text.split(/(?<=[。！？～])/).filter((s) => s.trim());
  const replySentences = scripts.flatMap((d) => sentences(d.reply ?? ''));
  const customerLines = scripts.flatMap((d) => d.customer ?? []);
  const tags = scripts.flatMap((d) => d.tags ?? []);
  const products = [
    '沙发',
    '床垫',
    '衣柜',
    '餐桌',
    '连衣裙',
    '羽绒服',
    '运动鞋',
    '电饭煲',
    '空调',
    '手机壳',
    '茶叶',
    '奶粉',
    '面霜',
    '台灯',
    '书包',
  ];
  const out: SearchDoc[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(scripts);
    const product = pick(products);
    const replyLength = 2 + Math.floor(rnd() * 3);
    out.push({
      kind: 'script',
      id: `gen-${i}`,
      title: `${pick(scripts).title}（${product}）`,
      url: `/scripts/#gen-${i}`,
      stage: base.stage,
      tracks: base.tracks,
      context: pick(scripts).context,
      contextUrl: base.contextUrl,
      customer: Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(customerLines)),
      tags: Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => pick(tags)),
      summary: pick(scripts).summary,
      reply: `${Array.from({ length: replyLength }, () => pick(replySentences)).join('')}（订单 ${100000 + Math.floor(rnd() * 900000)}）`,
      body: rnd() < 0.4 ? [pick(replySentences)] : undefined,
    });
  }
  return out;
}

function line(label: string, value: string) {
  console.log(`  ${label.padEnd(34)} ${value}`);
}

// ── 1. Real content ──────────────────────────────────────────────────────────────────────────
console.log('\n== 1. 真实内容 (real content) ==');
const queries = readEvalQueries(root);
const blind = readBlindQueries(root);
/** The holdout sets present, each on its own and all together (`holdout` below). */
const holdoutSets = HOLDOUT_DIRS.filter((dir) => existsSync(join(root, dir, 'queries.yaml'))).map((dir) => ({
  dir,
  queries: readBlindQueries(root, dir),
}));
const holdout = holdoutSets.flatMap((h) => h.queries);
let t = performance.now();
const realIndex = buildSearchIndexFromDisk(root);
const buildMs = performance.now() - t;
const realDocs = fullDocs(realIndex);
/** What the browser fetches first: the index without the texts. */
const realJson = JSON.stringify(coreIndex(realIndex));
const realSize = sizes(realJson);
const realFullSize = sizes(JSON.stringify(realIndex));
const realCounts = Object.fromEntries(
  ['script', 'workflow', 'step', 'standard'].map((k) => [k, realDocs.filter((d) => d.kind === k).length]),
);
const realLoad = timeLoad(realJson, QUICK ? 5 : 20);
const realQueries = timeQueries(realJson, queries, QUICK ? 3 : 10);
const realEval = await evaluate(queries, (q) => realQueries.engine.search(q, { limit: 10 }).hits.map((h) => keyOf(h.doc)));
/** Stored terms (those only in titles and contexts are made at load). */
const realTerms = unpackTermList(realIndex.terms, realIndex.pairs).length;
line(
  'documents',
  `${realDocs.length} (${Object.entries(realCounts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')})`,
);
line('terms', String(realTerms));
line('index build (tokenize + encode)', ms(buildMs));
line('index (no texts) raw / gzip / brotli', `${kb(realSize.raw)} / ${kb(realSize.gzip)} / ${kb(realSize.brotli)}`);
const realParts = parts(realIndex);
line(
  '  gzip: terms / postings / masks / freqs / docs',
  `${kb(realParts.terms)} / ${kb(realParts.postings)} / ${kb(realParts.masks)} / ${kb(realParts.frequencies)} / ${kb(realParts.docs)}`,
);
line('texts gzip: all in one / per file (mean)', `${kb(realParts.textsAll)} / ${kb(realParts.textFileMean)}`);
line('complete file raw / gzip (CLI --index)', `${kb(realFullSize.raw)} / ${kb(realFullSize.gzip)}`);
line('load + deserialize (first / median)', `${ms(realLoad.first)} / ${ms(realLoad.median)}`);
line('first query after load', ms(realQueries.firstQuery));
line(`query latency p50 / p95 (n=${realQueries.n})`, `${ms(realQueries.p50)} / ${ms(realQueries.p95)} (max ${ms(realQueries.max)})`);
line(`recall@5 / MRR (${queries.length} queries)`, `${realEval.recall.toFixed(4)} / ${realEval.mrr.toFixed(4)}`);
const blindEval = await evaluateBlind(blind, (q) => realQueries.engine.search(q, { limit: 10 }).hits.map((h) => keyOf(h.doc)));
printBlind(`blind set (${blind.length} queries), ours`, blindEval);
const holdoutEval = holdout.length
  ? await evaluateBlind(holdout, (q) => realQueries.engine.search(q, { limit: 10 }).hits.map((h) => keyOf(h.doc)))
  : undefined;
if (holdoutEval) {
  if (holdoutSets.length > 1)
    for (const h of holdoutSets)
      printBlind(
        `${h.dir} (${h.queries.length} queries), ours`,
        await evaluateBlind(h.queries, (q) => realQueries.engine.search(q, { limit: 10 }).hits.map((h) => keyOf(h.doc))),
      );
  printBlind(`holdout sets together (${holdout.length} queries), ours`, holdoutEval);
}
figures.real = {
  docs: realDocs.length,
  counts: realCounts,
  terms: realTerms,
  bytes: realSize,
  completeBytes: realFullSize,
  gzipParts: realParts,
  buildMs,
  load: realLoad,
  queries: { p50: realQueries.p50, p95: realQueries.p95, firstQuery: realQueries.firstQuery },
  recall5: realEval.recall,
  mrr: realEval.mrr,
  blind: blindFigures(blindEval),
  holdout: holdoutEval && blindFigures(holdoutEval),
};

// ── 2. Generated corpus ──────────────────────────────────────────────────────────────────────
console.log(`\n== 2. 生成语料 ${GENERATED.toLocaleString('en')} 条话术 (generated corpus) ==`);
const generated = generateScripts(realDocs, GENERATED);
t = performance.now();
const genIndex = buildSearchIndex(generated, realIndex.facets);
const genBuildMs = performance.now() - t;
const genJson = JSON.stringify(coreIndex(genIndex));
const genSize = sizes(genJson);
const genLoad = timeLoad(genJson, QUICK ? 3 : 7);
const genQueries = timeQueries(genJson, queries, QUICK ? 1 : 3);
const per1000 = (n: number) => (n / GENERATED) * 1000;
line('index build', ms(genBuildMs));
line('index (no texts) raw / gzip / brotli', `${kb(genSize.raw)} / ${kb(genSize.gzip)} / ${kb(genSize.brotli)}`);
const genParts = parts(genIndex);
line(
  '  gzip: terms / postings / masks / freqs / docs',
  `${kb(genParts.terms)} / ${kb(genParts.postings)} / ${kb(genParts.masks)} / ${kb(genParts.frequencies)} / ${kb(genParts.docs)}`,
);
line('texts gzip: all in one / per file (mean)', `${kb(genParts.textsAll)} / ${kb(genParts.textFileMean)}`);
line('per 1,000 scripts raw / gzip (index)', `${kb(per1000(genSize.raw))} / ${kb(per1000(genSize.gzip))}`);
line('per 1,000 scripts gzip, texts in one', kb(per1000(genParts.textsAll)));
line('load + deserialize (first / median)', `${ms(genLoad.first)} / ${ms(genLoad.median)}`);
line('first query after load', ms(genQueries.firstQuery));
line(`query latency p50 / p95 (n=${genQueries.n})`, `${ms(genQueries.p50)} / ${ms(genQueries.p95)} (max ${ms(genQueries.max)})`);
figures.generated = {
  scripts: GENERATED,
  bytes: genSize,
  gzipParts: genParts,
  per1000: { raw: per1000(genSize.raw), gzip: per1000(genSize.gzip), textsGzip: per1000(genParts.textsAll) },
  buildMs: genBuildMs,
  load: genLoad,
  queries: { p50: genQueries.p50, p95: genQueries.p95, firstQuery: genQueries.firstQuery },
};

// ── 3. Pagefind vs ours in Chromium ──────────────────────────────────────────────────────────
if (!args.has('--no-browser')) await browserComparison();

console.log('\n== 汇总 (figures to report) ==');
const cmp = figures.compare as
  undefined | { ours: { bytes: number; ms: number }; pagefind: { bytes: number; ms: number; recall5: number; mrr: number } };
line('recall@5 ours / Pagefind', `${realEval.recall.toFixed(4)} / ${cmp ? cmp.pagefind.recall5.toFixed(4) : 'n/a'}`);
line('MRR ours / Pagefind', `${realEval.mrr.toFixed(4)} / ${cmp ? cmp.pagefind.mrr.toFixed(4) : 'n/a'}`);
const pfBlind = (figures.compare as undefined | { pagefind: { blind: ReturnType<typeof blindFigures> } })?.pagefind.blind;
line('blind recall@1 / @5 / MRR: ours', `${blindEval.recall1.toFixed(3)} / ${blindEval.recall5.toFixed(3)} / ${blindEval.mrr.toFixed(3)}`);
line(
  'blind recall@1 / @5 / MRR: Pagefind',
  pfBlind ? `${pfBlind.recall1.toFixed(3)} / ${pfBlind.recall5.toFixed(3)} / ${pfBlind.mrr.toFixed(3)}` : 'n/a',
);
for (const [kind, o] of Object.entries(blindEval.byKind)) {
  const p = pfBlind?.byKind[kind];
  line(
    `  blind ${kind} (n=${o.n}) ours / Pagefind`,
    `${o.recall1.toFixed(3)} / ${o.recall5.toFixed(3)} / ${o.mrr.toFixed(3)}   ${p ? `${p.recall1.toFixed(3)} / ${p.recall5.toFixed(3)} / ${p.mrr.toFixed(3)}` : 'n/a'}`,
  );
}
if (holdoutEval) {
  const pfHoldout = (figures.compare as undefined | { pagefind: { holdout?: ReturnType<typeof blindFigures> } })?.pagefind.holdout;
  const f = (r?: { recall1: number; recall5: number; mrr: number }) =>
    r ? `${r.recall1.toFixed(3)} / ${r.recall5.toFixed(3)} / ${r.mrr.toFixed(3)}` : 'n/a';
  line('holdout recall@1 / @5 / MRR: ours', f(holdoutEval));
  line('holdout recall@1 / @5 / MRR: Pagefind', f(pfHoldout));
  for (const [kind, o] of Object.entries(holdoutEval.byKind))
    line(`  holdout ${kind} (n=${o.n}) ours / Pagefind`, `${f(o)}   ${f(pfHoldout?.byKind[kind])}`);
}
line('index gzip per 1,000 scripts', `${kb(per1000(genSize.gzip))} (texts apart: ${kb(per1000(genParts.textsAll))})`);
line(`p95 latency at ${GENERATED.toLocaleString('en')} scripts`, ms(genQueries.p95));
line('first-query bytes ours / Pagefind', cmp ? `${kb(cmp.ours.bytes)} / ${kb(cmp.pagefind.bytes)}` : 'n/a');
const oursSplit = (figures.compare as undefined | { ours: { split: Record<string, { bytes: number }> } })?.ours.split;
if (oursSplit) line('  ours: code / index / texts', ['code', 'index', 'texts'].map((k) => kb(oursSplit[k]?.bytes ?? 0)).join(' / '));
if (args.has('--json')) console.log(JSON.stringify(figures));

async function browserComparison() {
  console.log('\n== 3. Chromium: ours vs Pagefind, same content, same queries ==');
  const browserInfo = await findBrowser();
  if (!browserInfo) {
    console.log('  (no Chromium found: skipped; see npm run setup:browser)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sop-bench-'));
  try {
    // Our side: the files the site serves (index, one text file per document, all texts) and the
    // engine bundled as the site bundles it (minified ESM, the dictionaries in their own chunk).
    const put = (path: string, content: string | Uint8Array) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    };
    put(SEARCH_CORE_PATH, realJson);
    const searchDir = dirname(SEARCH_CORE_PATH);
    for (const f of textFiles(realIndex)) put(join(searchDir, decodeURIComponent(f.path)), JSON.stringify(f.text));
    put(join(searchDir, 'texts.json'), JSON.stringify(allTexts(realIndex)));
    const esbuild = await import('esbuild');
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, `export { fetchSearchEngine } from ${JSON.stringify(resolve('src/lib/search/engine.ts'))};\n`);
    const bundle = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      write: false,
      outdir: join(dir, 'ours'),
      platform: 'browser',
      target: 'es2022',
      absWorkingDir: root,
      logLevel: 'silent',
    });
    mkdirSync(join(dir, 'ours'), { recursive: true });
    for (const f of bundle.outputFiles) writeFileSync(f.path, f.contents);
    const chunkGzip = bundle.outputFiles.map((f) => ({
      name: f.path.split('/').pop()!,
      raw: f.contents.length,
      gzip: gzipSync(f.contents).length,
    }));

    // Pagefind: one record per search document, with its full text and title.
    const pagefind = await import('pagefind');
    const urlToKey = new Map<string, string>();
    t = performance.now();
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
    for (const doc of realDocs) {
      const url = `/${doc.kind}/${doc.id}/`;
      urlToKey.set(url, keyOf(doc));
      await index.addCustomRecord({ url, content: documentText(doc), language: 'zh', meta: { title: doc.title } });
    }
    const files = await index.getFiles();
    const pagefindBuildMs = performance.now() - t;
    for (const f of files.files) {
      const path = join(dir, 'pagefind', f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    await pagefind.close();
    const pagefindIndexBytes = files.files
      .filter((f) => /\.pf_(index|meta|fragment)$|pagefind-entry\.json$/.test(f.path))
      .reduce((a, f) => a + f.content.length, 0);
    writeFileSync(
      join(dir, 'bench.html'),
      '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bench</title><body></body></html>',
    );

    const server = await serveCompressed(dir);
    const { chromium } = await import('playwright');
    const browser = await chromium.launch({ executablePath: browserInfo.path, args: CHROMIUM_ARGS });
    try {
      const firstQuery = QUERY_FOR_BYTES;
      const measure = async <R extends { keys: string[]; ms: number }>(
        run: (a: { q: string; limit: number; core: string }) => Promise<R>,
        q = firstQuery,
      ) => {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${server.url}/bench.html`);
        const fetched: Array<{ url: string; bytes: number; body: number }> = [];
        page.on('requestfinished', async (request) => {
          const s = await request.sizes().catch(() => undefined);
          fetched.push({
            url: request.url(),
            body: s?.responseBodySize ?? 0,
            bytes: (s?.responseBodySize ?? 0) + (s?.responseHeadersSize ?? 0),
          });
        });
        const result = await page.evaluate(run, { q, limit: RESULT_LIMIT, core: SEARCH_CORE_PATH });
        await page.waitForTimeout(300);
        // Only what the first query needed (later evaluations fetch more).
        return { page, context, result, fetched: [...fetched], all: fetched };
      };

      // As the island: code, index, (dictionaries if needed), results; then the shown results' texts.
      const ourFirstQuery = async ({ q, limit, core }: { q: string; limit: number; core: string }) => {
        const t0 = performance.now();
        const m = await import('/ours/entry.js' as string);
        const engine = await m.fetchSearchEngine(core);
        if (!engine.ready(q)) await engine.prepare(q);
        const hits = engine.search(q, { limit }).hits as Array<{ ref: number; doc: { kind: string; id: string } }>;
        const ms = performance.now() - t0;
        await engine.loadTexts(hits.map((h) => h.ref));
        return { keys: hits.map((h) => `${h.doc.kind}:${h.doc.id}`), ms, msTexts: performance.now() - t0 };
      };
      const ours = await measure(ourFirstQuery);
      const oursTraditional = await measure(ourFirstQuery, '議價');
      await oursTraditional.context.close();
      const pf = await measure(async ({ q }) => {
        const t0 = performance.now();
        const m = await import('/pagefind/pagefind.js' as string);
        await m.init?.();
        const s = await m.search(q);
        const data = await Promise.all(s.results.slice(0, 5).map((r: { data(): Promise<{ url: string }> }) => r.data()));
        return { keys: data.map((d: { url: string }) => d.url), ms: performance.now() - t0 };
      });
      const bytes = (list: Array<{ bytes: number }>) => list.reduce((a, r) => a + r.bytes, 0);
      const bodies = (list: Array<{ body: number }>) => list.reduce((a, r) => a + r.body, 0);
      const describe = (list: Array<{ url: string; bytes: number }>) =>
        list.map((r) => `${new URL(r.url).pathname.replace(/^\/pagefind\//, '')} ${kb(r.bytes)}`).join(', ');

      // Pagefind's recall and latency over the whole set, in the page already loaded.
      const pfRuns = await pf.page.evaluate(
        async (list) => {
          const m = await import('/pagefind/pagefind.js' as string);
          const out: Array<{ urls: string[]; ms: number }> = [];
          for (const q of list) {
            const t0 = performance.now();
            const s = await m.search(q);
            const data = await Promise.all(s.results.slice(0, 10).map((r: { data(): Promise<{ url: string }> }) => r.data()));
            out.push({ urls: data.map((d: { url: string }) => d.url), ms: performance.now() - t0 });
          }
          return out;
        },
        [...queries.map((q) => q.q), ...blind.map((q) => q.q), ...holdout.map((q) => q.q)],
      );
      const pfByQuery = new Map(
        [...queries.map((q) => q.q), ...blind.map((q) => q.q), ...holdout.map((q) => q.q)].map((q, i) => [
          q,
          pfRuns[i]!.urls.map((u) => urlToKey.get(u) ?? u),
        ]),
      );
      const pfEval = await evaluate(queries, (q) => pfByQuery.get(q) ?? []);
      const pfBlindEval = await evaluateBlind(blind, (q) => pfByQuery.get(q) ?? []);
      const pfHoldoutEval = holdout.length ? await evaluateBlind(holdout, (q) => pfByQuery.get(q) ?? []) : undefined;
      const pfTimes = pfRuns
        .slice(0, queries.length)
        .map((r) => r.ms)
        .sort((a, b) => a - b);
      await pf.page.waitForTimeout(300);
      const pfAllBytes = bytes(pf.all);

      // Ours in the browser too, for the same latency measure.
      const ourTimes = (
        await ours.page.evaluate(
          async ({ list, core }) => {
            const m = await import('/ours/entry.js' as string);
            const engine = await m.fetchSearchEngine(core);
            await engine.prepare('議價');
            return list.map((q: string) => {
              const t0 = performance.now();
              engine.search(q, { limit: 10 });
              return performance.now() - t0;
            });
          },
          { list: queries.map((q) => q.q), core: SEARCH_CORE_PATH },
        )
      ).sort((a: number, b: number) => a - b);

      // Our bytes by kind: code, index, texts, dictionaries (a chunk fetched only for Traditional input).
      const kindOf = (url: string) => {
        const path = new URL(url).pathname;
        if (path === SEARCH_CORE_PATH) return 'index';
        if (path.startsWith(`${searchDir}/texts`)) return 'texts';
        if (/\/ours\/opencc[^/]*\.js$/.test(path)) return 'dictionaries';
        if (path.startsWith('/ours/')) return 'code';
        return 'other';
      };
      const split = (list: Array<{ url: string; bytes: number }>) => {
        const out: Record<string, { bytes: number; requests: number }> = {};
        for (const r of list) {
          const k = kindOf(r.url);
          out[k] ??= { bytes: 0, requests: 0 };
          out[k].bytes += r.bytes;
          out[k].requests++;
        }
        return out;
      };
      const describeSplit = (list: Array<{ url: string; bytes: number }>) =>
        Object.entries(split(list))
          .map(([k, v]) => `${k} ${kb(v.bytes)}${v.requests > 1 ? ` (${v.requests} files)` : ''}`)
          .join(', ');
      // The same first query showing the texts of the top 5 only (as Pagefind's run loads 5 fragments).
      const top5Paths = new Set(
        ours.result.keys.slice(0, 5).map((key: string) => {
          const [kind, id] = key.split(/:(.*)/) as [string, string];
          return `${searchDir}/${decodeURIComponent(textFiles(realIndex).find((f) => f.text.key === key)?.path ?? `texts/${kind}/${id}.json`)}`;
        }),
      );
      const oursTop5 = ours.fetched.filter((r) => kindOf(r.url) !== 'texts' || top5Paths.has(new URL(r.url).pathname));

      for (const c of chunkGzip)
        line(
          `our code chunk ${c.name.replace(/-[A-Z0-9]{8}\.js$/, '.js')}`,
          `${kb(c.raw)} raw / ${kb(c.gzip)} gzip${/^opencc/.test(c.name) ? ' (Traditional input only)' : ''}`,
        );
      line(
        `first query “${firstQuery}”: ours`,
        `${kb(bytes(ours.fetched))} on the wire (bodies ${kb(bodies(ours.fetched))}) in ${ours.fetched.length} requests, ${ms(ours.result.ms)} to results, ${ms(ours.result.msTexts)} with their texts`,
      );
      line('', describeSplit(ours.fetched));
      line('  … showing texts of the top 5 only', `${kb(bytes(oursTop5))} (${describeSplit(oursTop5)})`);
      line(
        'first query “議價” (Traditional): ours',
        `${kb(bytes(oursTraditional.fetched))}: ${describeSplit(oursTraditional.fetched)}, ${ms(oursTraditional.result.ms)} to results`,
      );
      line(
        `first query “${firstQuery}”: Pagefind`,
        `${kb(bytes(pf.fetched))} on the wire (bodies ${kb(bodies(pf.fetched))}) in ${pf.fetched.length} requests, ${ms(pf.result.ms)} to results`,
      );
      line('', describe(pf.fetched));
      line('Pagefind index files on disk', `${kb(pagefindIndexBytes)} (built in ${ms(pagefindBuildMs)})`);
      line(`Pagefind bytes after all ${queries.length + blind.length + holdout.length} queries`, kb(pfAllBytes));
      line('browser query p50 / p95: ours', `${ms(percentile(ourTimes, 50))} / ${ms(percentile(ourTimes, 95))}`);
      line('browser query p50 / p95: Pagefind', `${ms(percentile(pfTimes, 50))} / ${ms(percentile(pfTimes, 95))}`);
      line('recall@5 / MRR: ours', `${realEval.recall.toFixed(4)} / ${realEval.mrr.toFixed(4)}`);
      line('recall@5 / MRR: Pagefind', `${pfEval.recall.toFixed(4)} / ${pfEval.mrr.toFixed(4)}`);
      for (const [type, r] of Object.entries(pfEval.byType)) {
        const o = realEval.byType[type]!;
        line(
          `  ${type} (n=${r.n})`,
          `ours ${o.recall.toFixed(3)} / ${o.mrr.toFixed(3)}   Pagefind ${r.recall.toFixed(3)} / ${r.mrr.toFixed(3)}`,
        );
      }
      printBlind(`blind set (${blind.length} queries), Pagefind`, pfBlindEval);
      if (pfHoldoutEval) printBlind(`holdout set (${holdout.length} queries), Pagefind`, pfHoldoutEval);
      figures.compare = {
        query: firstQuery,
        ours: {
          bytes: bytes(ours.fetched),
          split: split(ours.fetched),
          bytesTop5Texts: bytes(oursTop5),
          requests: ours.fetched.length,
          ms: ours.result.ms,
          msTexts: ours.result.msTexts,
          top5: ours.result.keys.slice(0, 5),
          browserP50: percentile(ourTimes, 50),
          browserP95: percentile(ourTimes, 95),
          traditional: {
            query: '議價',
            bytes: bytes(oursTraditional.fetched),
            split: split(oursTraditional.fetched),
            ms: oursTraditional.result.ms,
          },
          code: chunkGzip,
        },
        pagefind: {
          bytes: bytes(pf.fetched),
          requests: pf.fetched.length,
          ms: pf.result.ms,
          top5: pf.result.keys.map((u: string) => urlToKey.get(u) ?? u),
          recall5: pfEval.recall,
          mrr: pfEval.mrr,
          byType: pfEval.byType,
          blind: blindFigures(pfBlindEval),
          holdout: pfHoldoutEval && blindFigures(pfHoldoutEval),
          browserP50: percentile(pfTimes, 50),
          browserP95: percentile(pfTimes, 95),
          bytesAfterAllQueries: pfAllBytes,
        },
      };
      await ours.context.close();
      await pf.context.close();
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A static server that gzips text responses, as a real host would (Pagefind's files come pre-compressed). */
async function serveCompressed(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
  };
  const server = createServer((req, res) => {
    try {
      const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      if (!path.startsWith(dir)) throw new Error('outside');
      const body = readFileSync(path);
      const type = TYPES[extname(path)];
      const headers: Record<string, string> = { 'content-type': type ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (type && /gzip/.test(String(req.headers['accept-encoding']))) {
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
        res.end(gzipSync(body));
      } else {
        res.writeHead(200, headers);
        res.end(body);
      }
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** The blind set's figures without the per-query outcomes. */
function blindFigures(report: BlindReport) {
  const { outcomes: _outcomes, ...rest } = report;
  return rest;
}

/** recall@1 / recall@5 / MRR overall and per kind; with BLIND_MISSES=1 the queries not found first. */
function printBlind(label: string, report: BlindReport) {
  line(`${label}: recall@1 / @5 / MRR`, `${report.recall1.toFixed(3)} / ${report.recall5.toFixed(3)} / ${report.mrr.toFixed(3)}`);
  for (const [kind, r] of Object.entries(report.byKind))
    line(`  ${kind} (n=${r.n})`, `${r.recall1.toFixed(3)} / ${r.recall5.toFixed(3)} / ${r.mrr.toFixed(3)}`);
  if (process.env.BLIND_MISSES)
    for (const o of report.outcomes.filter((x) => x.rank !== 1))
      console.log(`    ${o.query.id} ${o.query.kind} rank ${o.rank || '-'}: ${o.query.q} → ${o.ranked.slice(0, 3).join(' ')}`);
}
