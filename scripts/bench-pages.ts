/**
 * `npm run bench:pages`: figures for the site itself (prints, never asserts).
 * Build time of the whole site (a real `astro build`, diagram cache cleared unless --warm),
 * then for each page type: HTML bytes (raw, gzip) and the JS bytes a first visit loads.
 * Then Lighthouse scores (mobile settings) for every page type, the median of LH_RUNS runs (3). Pass --no-build to measure the
 * existing dist/, --no-lighthouse to skip Lighthouse.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { findBrowser, CHROMIUM_ARGS, BROWSER_HELP } from '../src/lib/node/browser.ts';
import { serveDist } from './serve-dist.ts';

const args = process.argv.slice(2);
if (!args.includes('--no-build')) {
  if (!args.includes('--warm')) rmSync('node_modules/.cache/sop-mermaid', { recursive: true, force: true });
  const start = performance.now();
  const r = spawnSync('node_modules/.bin/astro', ['build'], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('astro build failed');
  console.log(
    `build time (whole site${args.includes('--warm') ? ', warm diagram cache' : ', cold diagram cache'}): ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
}

const found = await findBrowser();
if (!found) throw new Error(BROWSER_HELP);
const server = await serveDist(0);
const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
const pages = (
  process.env.PAGES ?? '/,/tracks/ecommerce/,/workflows/presales-reception/,/workflows/cancel-order/,/scripts/,/standards/'
).split(',');
console.log('\npage | HTML bytes | HTML gzip | JS requests | JS bytes (raw) | JS bytes (gzip)');
for (const path of pages) {
  const page = await browser.newPage();
  const js: Array<{ url: string; bytes: number; gz: number }> = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    js.push({ url: res.url(), bytes: body.byteLength, gz: gzipSync(body).byteLength });
  });
  await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
  const html = readFileSync(`${process.env.DIST_DIR ?? 'dist'}${path}index.html`);
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].reduce((n, s) => n + (s.textContent?.length ?? 0), 0),
  );
  const sum = (k: 'bytes' | 'gz') => js.reduce((n, f) => n + f[k], 0);
  console.log(
    `${path} | ${html.byteLength} | ${gzipSync(html).byteLength} | ${js.length} (+${inline} B inline) | ${sum('bytes')} | ${sum('gz')}`,
  );
  if (process.env.VERBOSE) js.forEach((f) => console.log(`    ${f.url} ${f.bytes}`));
  await page.close();
}
await browser.close();
await server.close();

// ── Lighthouse (12.2.3, mobile settings: Moto G power emulation, simulated slow 4G) per page type ──
if (!args.includes('--no-lighthouse')) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const lhServer = await serveDist(0);
  const chrome = await chromeLauncher.launch({ chromePath: found.path, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
  const lhPages = (
    process.env.LH_PAGES ??
    '/,/tracks/ecommerce/,/workflows/presales-reception/,/scripts/,/standards/,/quizzes/presales-kpi/,/chat/shipping-where/,/my/,/trainer/assign/,/trainer/dashboard/,/tools/assessment/'
  ).split(',');
  // Lighthouse's simulated throttling scales the CPU time it observes, so one run on a busy machine
  // can be far off: each page is run LH_RUNS times (default 3) and the median run (by performance
  // score) is printed, with the range of the performance scores.
  const runs = Math.max(1, Number(process.env.LH_RUNS ?? 3));
  console.log(`\nLighthouse (mobile, median of ${runs}) | performance (range) | accessibility | best practices | LCP ms | TBT ms | CLS`);
  for (const path of lhPages) {
    type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];
    const results: Lhr[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await lighthouse(`${lhServer.url}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      if (r?.lhr) results.push(r.lhr);
    }
    if (!results.length) {
      console.log(`${path} | (no result)`);
      continue;
    }
    const perf = (l: Lhr) => Math.round((l.categories.performance?.score ?? 0) * 100);
    results.sort((a, b) => perf(a) - perf(b));
    const lhr = results[Math.floor((results.length - 1) / 2)]!;
    const score = (k: string) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
    const audit = (k: string) => lhr.audits[k]?.numericValue ?? NaN;
    const range = results.length > 1 ? ` (${perf(results[0]!)}–${perf(results.at(-1)!)})` : '';
    console.log(
      `${path} | ${score('performance')}${range} | ${score('accessibility')} | ${score('best-practices')} | ${Math.round(audit('largest-contentful-paint'))} | ${Math.round(audit('total-blocking-time'))} | ${audit('cumulative-layout-shift').toFixed(3)}`,
    );
    if (process.env.VERBOSE)
      for (const a of Object.values(lhr.audits))
        if (a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
          console.log(`    ${a.id}: ${a.displayValue ?? a.score}`);
  }
  chrome.kill();
  await lhServer.close();
}
