/**
 * Renders Mermaid flowcharts to SVG at build time in headless Chromium, with the same font stack
 * the site uses, so labels are measured as they will be shown. One browser for the whole build,
 * rendered SVGs cached on disk by content hash. Node only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { CHROMIUM_ARGS, findBrowser, BROWSER_HELP } from './browser.ts';
import { FONT_STACK, MERMAID_CONFIG } from '../diagram-theme.ts';
import { compactSvg } from '../content/diagram-source.ts';

export class MermaidSyntaxError extends Error {
  /** 1-based line inside the diagram source, when Mermaid reports one. */
  readonly line: number | undefined;
  constructor(message: string, line: number | undefined) {
    super(message);
    this.name = 'MermaidSyntaxError';
    this.line = line;
  }
}

const require = createRequire(import.meta.url);
const CACHE_VERSION = '2';

let browserPromise: Promise<Browser | undefined> | undefined;
let pagePromise: Promise<Page | undefined> | undefined;
let queue: Promise<unknown> = Promise.resolve();
let warned = false;

async function launch(): Promise<Browser | undefined> {
  const found = await findBrowser();
  if (!found) return undefined;
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS, headless: true });
}

async function page(): Promise<Page | undefined> {
  pagePromise ??= (async () => {
    browserPromise ??= launch();
    const browser = await browserPromise;
    if (!browser) return undefined;
    const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await p.setContent(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>body{font-family:${FONT_STACK};font-size:16px}</style></head><body><div id="probe">中文字体测量 ABC 123</div></body></html>`,
    );
    await p.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await p.evaluate(async (config) => {
      await document.fonts.ready;
      (window as unknown as { mermaid: { initialize(c: unknown): void } }).mermaid.initialize(config);
    }, MERMAID_CONFIG);
    return p;
  })();
  return pagePromise;
}

/** Closes the browser (the build integration calls it when the build ends). */
export async function closeRenderer(): Promise<void> {
  const browser = await browserPromise;
  browserPromise = undefined;
  pagePromise = undefined;
  await browser?.close();
}

function cacheDir(): string {
  const dir = process.env.SOP_CACHE_DIR
    ? join(process.env.SOP_CACHE_DIR, 'sop-mermaid')
    : join(process.cwd(), 'node_modules/.cache/sop-mermaid');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * SVG for a flowchart, or undefined when no browser can be found (the caller then falls back to
 * rendering in the reader's browser). Throws MermaidSyntaxError for invalid source.
 */
export async function renderMermaid(source: string, id: string): Promise<string | undefined> {
  const key = createHash('sha256')
    .update(`${CACHE_VERSION}\n${id}\n${JSON.stringify(MERMAID_CONFIG)}\n${source}`)
    .digest('hex')
    .slice(0, 24);
  const cached = join(cacheDir(), `${key}.svg`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');

  const run = queue.then(async () => {
    const p = await page();
    if (!p) {
      if (!warned) {
        warned = true;
        console.warn(`\n[流程图] ${BROWSER_HELP}\n[流程图] 本次构建改为在读者浏览器中渲染流程图（页面会加载 Mermaid 运行库）。\n`);
      }
      return undefined;
    }
    const result = await p.evaluate(
      async ({ source, id }) => {
        const m = (
          window as unknown as { mermaid: { render(id: string, s: string): Promise<{ svg: string }>; parse(s: string): Promise<unknown> } }
        ).mermaid;
        try {
          await m.parse(source);
          const { svg } = await m.render(id, source);
          return { svg };
        } catch (e) {
          document.getElementById(`d${id}`)?.remove();
          return { error: e instanceof Error ? e.message : String(e) };
        }
      },
      { source, id },
    );
    if ('error' in result && result.error !== undefined) {
      const line = /line (\d+)/i.exec(result.error)?.[1];
      throw new MermaidSyntaxError(result.error, line ? Number(line) : undefined);
    }
    const svg = compactSvg(result.svg!);
    writeFileSync(cached, svg);
    return svg;
  });
  queue = run.catch(() => undefined);
  return run;
}
