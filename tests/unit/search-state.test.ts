/**
 * The search island's state class (src/components/search/search-state.svelte.ts) with fake
 * engine loader, storage, clipboard and navigation. Vitest here has no Svelte plugin, so the test
 * compiles the runes module with Svelte's own compiler first (TypeScript stripped by tsc).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { compileModule } from 'svelte/compiler';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SearchState as SearchStateType, SearchDeps } from '../../src/components/search/search-state.svelte.ts';
import type { KeyValueStorage } from '../../src/lib/search/recent.ts';
import { browserEngine, testEngine } from './search-helpers.ts';

const SOURCE = resolve('src/components/search/search-state.svelte.ts');
let SearchState: typeof SearchStateType;

beforeAll(async () => {
  const js = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
  }).outputText;
  const compiled = compileModule(js, { filename: 'search-state.svelte.js', generate: 'client' }).js.code;
  // Relative imports point back at the sources; 'svelte/internal/client' resolves from the project.
  const code = compiled.replace(/from '(\.\.?\/[^']+)'/g, (_, p: string) => `from '${pathToFileURL(join(dirname(SOURCE), p)).href}'`);
  const out = resolve('node_modules/.cache/search-state-test/search-state.svelte.mjs');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  ({ SearchState } = await import(pathToFileURL(out).href));
});

function fakeStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function setup(overrides: Partial<SearchDeps> = {}) {
  const engine = testEngine();
  const deps = {
    loadEngine: vi.fn(async () => engine),
    storage: fakeStorage(),
    copy: vi.fn(async (_text: string) => {}),
    navigate: vi.fn((_url: string) => {}),
    copiedFor: 50,
    ...overrides,
  };
  return { state: new SearchState(deps), deps };
}

describe('SearchState', () => {
  it('loads the engine on first open only, once', async () => {
    const { state, deps } = setup();
    expect(deps.loadEngine).not.toHaveBeenCalled();
    expect(state.status).toBe('idle');
    state.show();
    state.show();
    expect(state.status).toBe('loading');
    await state.load();
    expect(state.status).toBe('ready');
    expect(deps.loadEngine).toHaveBeenCalledTimes(1);
    expect(state.open).toBe(true);
  });

  it('searches as the query changes, with filters', async () => {
    const { state } = setup();
    state.show();
    await state.load();
    expect(state.results).toEqual([]);
    state.setQuery('能便宜点吗');
    expect(state.results[0]?.key).toBe('script:bargain');
    state.setStage('售中');
    expect(state.results.map((r) => r.key)).not.toContain('script:bargain');
    state.setStage('');
    state.setTrack('securities');
    state.setQuery('贵宾');
    expect(state.results.map((r) => r.key)).toEqual(['script:vip']);
  });

  it('moves the selection with wrap-around', async () => {
    const { state } = setup();
    state.show();
    await state.load();
    state.setQuery('物流');
    const n = state.options.length;
    expect(n).toBeGreaterThan(1);
    state.move(1);
    expect(state.active).toBe(1);
    state.move(-2);
    expect(state.active).toBe(n - 1);
    state.setQuery('快递');
    expect(state.active).toBe(0);
  });

  it('Enter copies the reply, says so, and remembers the query', async () => {
    const storage = fakeStorage();
    const { state, deps } = setup({ storage });
    state.show();
    await state.load();
    state.setQuery('能便宜点吗');
    await state.choose();
    expect(deps.copy).toHaveBeenCalledWith('亲，我们是统一定价的，价格已经很实惠啦～');
    expect(state.copied).toEqual({ key: 'script:bargain', ok: true });
    expect(state.recent).toEqual(['能便宜点吗']);
    expect(JSON.parse(storage.data.get('sop-search-recent')!)).toEqual(['能便宜点吗']);
    await new Promise((r) => setTimeout(r, 80));
    expect(state.copied).toBeNull();
  });

  it('reports a failed copy', async () => {
    const { state } = setup({ copy: async () => Promise.reject(new Error('denied')) });
    state.show();
    await state.load();
    state.setQuery('便宜');
    await state.choose();
    expect(state.copied).toEqual({ key: 'script:bargain', ok: false });
  });

  it('Ctrl+Enter closes and navigates', async () => {
    const { state, deps } = setup();
    state.show();
    await state.load();
    state.setQuery('便宜');
    await state.choose(undefined, true);
    expect(deps.navigate).toHaveBeenCalledWith('/scripts/#bargain');
    expect(state.open).toBe(false);
    state.show();
    state.setQuery('首次响应时间');
    await state.choose(undefined, true);
    expect(deps.navigate).toHaveBeenLastCalledWith('/standards/#first-response');
  });

  it("Enter copies a standard's rule and a step's summary, and the row says which", async () => {
    const { state, deps } = setup();
    state.show();
    await state.load();
    state.setQuery('首次响应时间');
    expect(state.activeOption?.key).toBe('standard:first-response');
    expect(state.activeOption?.copies).toBe('rule');
    await state.choose();
    expect(deps.copy).toHaveBeenLastCalledWith('顾客第一次发来消息后 15 秒内回复。');
    expect(deps.navigate).not.toHaveBeenCalled();
    state.setQuery('跟踪物流');
    expect(state.activeOption?.key).toBe('step:ship/track');
    expect(state.activeOption?.copies).toBe('summary');
    await state.choose();
    expect(deps.copy).toHaveBeenLastCalledWith('每天查看物流信息，异常时联系快递。');
    expect(state.open).toBe(true);
  });

  it('offers the closest scripts when nothing matches', async () => {
    const { state } = setup();
    state.show();
    await state.load();
    state.setQuery('便宣');
    expect(state.results).toEqual([]);
    expect(state.empty).toBe(true);
    expect(state.options.map((o) => o.key)).toContain('script:bargain');
  });

  it('recovers from a failed load when retried', async () => {
    let fail = true;
    const engine = testEngine();
    const { state } = setup({ loadEngine: async () => (fail ? Promise.reject(new Error('offline')) : engine) });
    state.show();
    await state.load();
    expect(state.status).toBe('error');
    fail = false;
    await state.load();
    expect(state.status).toBe('ready');
  });

  it('starts with the recent searches kept on the device; clears them', () => {
    const storage = fakeStorage();
    storage.setItem('sop-search-recent', JSON.stringify(['退款', '发票']));
    const { state } = setup({ storage });
    expect(state.recent).toEqual(['退款', '发票']);
    state.clearRecent();
    expect(state.recent).toEqual([]);
  });

  it('shows titles at once and fetches the texts of the results shown, once typing pauses', async () => {
    const b = browserEngine();
    const { state } = setup({ loadEngine: async () => b.engine, textDelay: 10 });
    state.show();
    await state.load();
    state.setQuery('便');
    state.requestTexts();
    state.setQuery('能便宜点吗');
    const first = state.results[0]!;
    expect(first.key).toBe('script:bargain');
    expect(first.pending).toBe(true);
    expect(first.copyText).toBeUndefined();
    expect(first.excerpt).toEqual([]);
    state.requestTexts();
    await new Promise((r) => setTimeout(r, 40));
    // Only the texts of the last query's results were fetched (the one typed before was dropped).
    expect(b.log.length).toBe(state.options.length);
    expect(b.log).toContain('texts/script/bargain.json');
    const loaded = state.results[0]!;
    expect(loaded.pending).toBeUndefined();
    expect(loaded.copyText).toBe('亲，我们是统一定价的，价格已经很实惠啦～');
    expect(loaded.quote?.map((x) => x.text).join('')).toBe('能便宜点吗');
  });

  it('Enter on a script whose text is not there yet fetches it, then copies', async () => {
    const b = browserEngine();
    const { state, deps } = setup({ loadEngine: async () => b.engine });
    state.show();
    await state.load();
    state.setQuery('能便宜点吗');
    expect(state.results[0]!.pending).toBe(true);
    await state.choose();
    expect(b.log).toEqual(['texts/script/bargain.json']);
    expect(deps.copy).toHaveBeenCalledWith('亲，我们是统一定价的，价格已经很实惠啦～');
    expect(deps.navigate).not.toHaveBeenCalled();
  });

  it('offline, reads the texts from the one-file copy; without it, keeps titles and links', async () => {
    const b = browserEngine();
    b.state.failOne = true;
    const { state, deps } = setup({ loadEngine: async () => b.engine });
    state.show();
    await state.load();
    state.setQuery('物流');
    await state.loadTexts();
    expect(b.log.filter((x) => x === 'texts.json')).toHaveLength(1);
    expect(state.results.every((r) => !r.pending)).toBe(true);

    const c = browserEngine();
    c.state.failOne = true;
    c.state.failAll = true;
    const s2 = setup({ loadEngine: async () => c.engine });
    s2.state.show();
    await s2.state.load();
    s2.state.setQuery('能便宜点吗');
    const before = s2.state.results;
    await s2.state.loadTexts();
    // Nothing came: the results stay the same (so the island does not ask again in a loop).
    expect(s2.state.results).toBe(before);
    expect(s2.state.results[0]!.pending).toBe(true);
    expect(s2.state.results[0]!.title.map((x) => x.text).join('')).toBe('顾客要求便宜一点');
    // Enter cannot copy a reply it does not have: it opens the script's card instead.
    await s2.state.choose();
    expect(s2.deps.navigate).toHaveBeenCalledWith('/scripts/#bargain');
    expect(deps.copy).not.toHaveBeenCalled();
  });

  it('waits for the dictionaries before answering a Traditional query', async () => {
    const engine = testEngine();
    let release!: () => void;
    let ready = false;
    const slow = {
      ...engine,
      ready: (q: string) => ready || !/[議價]/.test(q),
      prepare: () => new Promise<void>((ok) => (release = () => ((ready = true), ok()))),
    };
    const { state } = setup({ loadEngine: async () => slow });
    state.show();
    await state.load();
    state.setQuery('議價');
    expect(state.preparing).toBe(true);
    expect(state.empty).toBe(false);
    expect(state.closest).toEqual([]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(state.preparing).toBe(false);
    expect(state.results[0]?.key).toMatch(/bargain/);
  });
});
