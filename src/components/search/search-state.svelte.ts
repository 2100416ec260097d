/**
 * The search island's state (Svelte 5 runes), kept out of the component so it can be tested with
 * fakes: the engine loader, the storage for recent searches, the clipboard and navigation are
 * injected. The engine (index + query code) is loaded on the first `show()`, never before; this
 * file imports only types from src/lib/search, so the page's own bundle stays small.
 */
import type { SearchEngine } from '../../lib/search/engine.ts';
import type { SearchResponse } from '../../lib/search/query.ts';
import type { ResultView } from '../../lib/search/result-view.ts';
import { RecentSearches, type KeyValueStorage } from '../../lib/search/recent.ts';

export interface SearchDeps {
  /** Loads the engine (fetches the index); called once, on first open. */
  loadEngine(): Promise<SearchEngine>;
  /** Where recent searches are kept (a localStorage wrapper; null = this page only). */
  storage: KeyValueStorage | null;
  /** Copies text; rejects when it cannot. */
  copy(text: string): Promise<void>;
  /** Goes to a URL. */
  navigate(url: string): void;
  /** How long "已复制" stays (ms). */
  copiedFor?: number;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Results shown at most. */
export const RESULT_LIMIT = 20;

export class SearchState {
  open = $state(false);
  query = $state('');
  stage = $state('');
  track = $state('');
  /** Index of the highlighted option in `options`. */
  active = $state(0);
  status = $state<LoadStatus>('idle');
  /** Key of the result just copied ("已复制" shows on it), and whether copying failed. */
  copied = $state<{ key: string; ok: boolean } | null>(null);
  recent = $state<string[]>([]);
  engine = $state.raw<SearchEngine | null>(null);

  readonly #deps: SearchDeps;
  readonly #recent: RecentSearches;
  #loading: Promise<void> | null = null;
  #copiedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: SearchDeps) {
    this.#deps = deps;
    this.#recent = new RecentSearches(deps.storage);
    this.recent = this.#recent.list();
  }

  /** The current search (null while the query is empty or the engine is not loaded). */
  response: SearchResponse | null = $derived.by(() => {
    if (!this.engine || !this.query.trim()) return null;
    return this.engine.search(this.query, { stage: this.stage || null, track: this.track || null, limit: RESULT_LIMIT });
  });

  results: ResultView[] = $derived.by(() => {
    const r = this.response;
    const engine = this.engine;
    return r && engine ? r.hits.map((h) => engine.view(h, r.query.highlight)) : [];
  });

  /** When nothing matches: the closest scripts (shown as options too, so Enter still copies). */
  closest: ResultView[] = $derived.by(() => {
    const r = this.response;
    if (!r || r.hits.length || !this.engine) return [];
    const engine = this.engine;
    return engine.closest(this.query, 5).map((h) => engine.view(h, r.query.highlight));
  });

  /** What the arrow keys move through. */
  options: ResultView[] = $derived(this.results.length ? this.results : this.closest);

  /** Typed something, engine ready, nothing found. */
  empty: boolean = $derived(this.status === 'ready' && !!this.query.trim() && !this.results.length);

  get activeOption(): ResultView | undefined {
    return this.options[this.active];
  }

  /** Opens the search and starts loading the engine the first time. */
  show(): void {
    this.open = true;
    this.recent = this.#recent.list();
    void this.load();
  }

  hide(): void {
    this.open = false;
  }

  /** Loads the engine once; a failed load can be retried. */
  load(): Promise<void> {
    if (this.engine) return Promise.resolve();
    if (this.#loading) return this.#loading;
    this.status = 'loading';
    this.#loading = this.#deps
      .loadEngine()
      .then((engine) => {
        this.engine = engine;
        this.status = 'ready';
      })
      .catch(() => {
        this.status = 'error';
      })
      .finally(() => {
        this.#loading = null;
      });
    return this.#loading;
  }

  setQuery(value: string): void {
    this.query = value;
    this.active = 0;
  }

  setStage(value: string): void {
    this.stage = value;
    this.active = 0;
  }

  setTrack(value: string): void {
    this.track = value;
    this.active = 0;
  }

  /** Moves the highlight by `delta`, wrapping around. */
  move(delta: number): void {
    const n = this.options.length;
    if (!n) return;
    this.active = (((this.active + delta) % n) + n) % n;
  }

  /** Enter: copies a script's reply (opens other kinds); with `openPage` goes to the page. */
  async choose(option: ResultView | undefined = this.activeOption, openPage = false): Promise<void> {
    if (!option) return;
    this.remember();
    if (openPage || !option.copyText) {
      this.hide();
      this.#deps.navigate(option.url);
      return;
    }
    let ok = true;
    try {
      await this.#deps.copy(option.copyText);
    } catch {
      ok = false;
    }
    this.copied = { key: option.key, ok };
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = setTimeout(() => (this.copied = null), this.#deps.copiedFor ?? 2000);
  }

  /** Saves the current query in the recent searches. */
  remember(): void {
    if (this.query.trim()) this.recent = this.#recent.add(this.query);
  }

  clearRecent(): void {
    this.recent = this.#recent.clear();
  }
}
