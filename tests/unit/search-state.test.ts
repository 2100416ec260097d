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
import { testEngine } from './search-helpers.ts';

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

  it('Ctrl+Enter (and Enter on a non-script) closes and navigates', async () => {
    const { state, deps } = setup();
    state.show();
    await state.load();
    state.setQuery('便宜');
    await state.choose(undefined, true);
    expect(deps.navigate).toHaveBeenCalledWith('/scripts/#bargain');
    expect(state.open).toBe(false);
    state.show();
    state.setQuery('首次响应时间');
    await state.choose();
    expect(deps.navigate).toHaveBeenLastCalledWith('/standards/#first-response');
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
});
