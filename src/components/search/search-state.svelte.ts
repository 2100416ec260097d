/**
 * The search island's state (Svelte 5 runes), kept out of the component so it can be tested with
 * fakes: the engine loader, the storage for recent searches, the clipboard and navigation are
 * injected. The engine (index + query code) is loaded on the first `show()`, never before; this
 * file imports only types from src/lib/search, so the page's own bundle stays small. Results show
 * their titles at once; their texts (excerpt, reply to copy) are fetched next (`requestTexts`),
 * and a query with Traditional characters waits for the dictionaries (`preparing`).
 */
import type { SearchEngine } from '../../lib/search/engine.ts';
import type { SearchResponse } from '../../lib/search/query.ts';
import type { ResultView } from '../../lib/search/result-view.ts';
import { RecentSearches, type KeyValueStorage } from '../../lib/search/recent.ts';
import type { SearchWorkbench } from '../workbench/search-workbench.ts';

export interface SearchDeps {
  /** Loads the engine (fetches the index); called once, on first open. */
  loadEngine(): Promise<SearchEngine>;
  /** Where recent searches are kept (a localStorage wrapper; null = this page only). */
  storage: KeyValueStorage | null;
  /** Copies text; rejects when it cannot. */
  copy(text: string): Promise<void>;
  /** Goes to a URL. */
  navigate(url: string): void;
  /** 我的店铺 (fill replies before copying, favourites with an empty query, pins); optional. */
  workbench?: SearchWorkbench;
  /** How long "已复制" stays (ms). */
  copiedFor?: number;
  /** How long the query must stay unchanged before the results' texts are fetched (ms). */
  textDelay?: number;
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
  copied = $state<{ key: string; ok: boolean; warning?: string } | null>(null);
  /** Bumped when a pin changes (favourites and pin buttons follow). */
  pins = $state(0);
  recent = $state<string[]>([]);
  engine = $state.raw<SearchEngine | null>(null);
  /** True while the dictionaries for a Traditional query load. */
  preparing = $state(false);
  /** Bumped when the dictionaries arrive (search again) and when texts arrive (show them). */
  #dictionaries = $state(0);
  #texts = $state(0);

  readonly #deps: SearchDeps;
  readonly #recent: RecentSearches;
  #loading: Promise<void> | null = null;
  #copiedTimer: ReturnType<typeof setTimeout> | undefined;
  #textTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: SearchDeps) {
    this.#deps = deps;
    this.#recent = new RecentSearches(deps.storage);
    this.recent = this.#recent.list();
  }

  /** The current search (null while the query is empty or the engine is not loaded). */
  response: SearchResponse | null = $derived.by(() => {
    void this.#dictionaries;
    if (!this.engine || !this.query.trim()) return null;
    return this.engine.search(this.query, { stage: this.stage || null, track: this.track || null, limit: RESULT_LIMIT });
  });

  results: ResultView[] = $derived.by(() => {
    void this.#texts;
    const r = this.response;
    const engine = this.engine;
    return r && engine ? r.hits.map((h) => engine.view(h, r.query.highlight)) : [];
  });

  /** When nothing matches: the closest scripts (shown as options too, so Enter still copies). */
  closest: ResultView[] = $derived.by(() => {
    void this.#texts;
    const r = this.response;
    if (!r || r.hits.length || !this.engine || this.preparing) return [];
    const engine = this.engine;
    return engine.closest(this.query, 5).map((h) => engine.view(h, r.query.highlight));
  });

  /** With an empty query: the pinned and most-copied replies of this device (workbench). */
  favourites: ResultView[] = $derived.by(() => {
    void this.#texts;
    void this.pins;
    const engine = this.engine;
    if (!engine || !this.open || this.query.trim() || !this.#deps.workbench) return [];
    const docs = engine.index.docs;
    return this.#deps.workbench.favouriteIds().flatMap((id) => {
      const ref = docs.findIndex((d) => d.kind === 'script' && d.id === id);
      const doc = docs[ref];
      return doc ? [engine.view({ doc, ref, score: 0 }, [])] : [];
    });
  });

  /** What the arrow keys move through. */
  options: ResultView[] = $derived(this.results.length ? this.results : this.closest.length ? this.closest : this.favourites);

  /** Typed something, engine ready, nothing found. */
  empty: boolean = $derived(this.status === 'ready' && !this.preparing && !!this.query.trim() && !this.results.length);

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
        this.#prepare();
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
    this.#prepare();
  }

  /** Loads the dictionaries a Traditional query needs, then searches again. */
  #prepare(): void {
    const engine = this.engine;
    if (!engine || engine.ready(this.query)) return;
    this.preparing = true;
    engine
      .prepare(this.query)
      .catch(() => undefined)
      .finally(() => {
        // Search again (after a failed load, as typed).
        this.preparing = false;
        this.#dictionaries++;
      });
  }

  /**
   * Fetches the texts of the options shown, once the query has stayed unchanged for a moment
   * (typing fetches nothing for results that are gone a keystroke later). The island calls this
   * whenever the options change.
   */
  requestTexts(): void {
    const refs = this.options.filter((o) => o.pending).map((o) => o.ref);
    clearTimeout(this.#textTimer);
    if (!refs.length) return;
    this.#textTimer = setTimeout(() => void this.loadTexts(refs), this.#deps.textDelay ?? 120);
  }

  /** Fetches the texts of these results now (default: the options shown). */
  async loadTexts(refs: number[] = this.options.filter((o) => o.pending).map((o) => o.ref)): Promise<void> {
    const engine = this.engine;
    if (!engine || !refs.length) return;
    try {
      await engine.loadTexts(refs);
    } catch {
      // Offline without the copy of the texts: results keep their titles and links.
    }
    // Show what came (only then: a failure must not make the island ask again and again).
    if (refs.some((ref) => engine.hasText(ref))) this.#texts++;
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

  /**
   * Enter: copies what the result holds to paste (a script's reply, a standard's rule, a step's or
   * workflow's summary: ResultView.copyText); with `openPage` (Ctrl+Enter) goes to the page. When
   * the text cannot be had (offline without the copy of the texts) it opens the page instead.
   */
  async choose(option: ResultView | undefined = this.activeOption, openPage = false, traditional = false): Promise<void> {
    if (!option) return;
    this.remember();
    let text = option.copyText;
    const engine = this.engine;
    if (!openPage && text === undefined && option.pending && engine) {
      // Its texts are not there yet: fetch them first.
      await this.loadTexts([option.ref]);
      const doc = engine.index.docs[option.ref];
      if (doc) text = engine.view({ doc, ref: option.ref, score: 0 }, []).copyText;
    }
    if (openPage || text === undefined) {
      this.hide();
      this.#deps.navigate(option.url);
      return;
    }
    let ok = true;
    let warning: string | undefined;
    try {
      const prepared = (await this.#deps.workbench?.prepareCopy(text, traditional)) ?? { text };
      warning = prepared.warning;
      await this.#deps.copy(prepared.text);
      if (option.kind === 'script') this.#deps.workbench?.copied(option.id);
    } catch {
      ok = false;
    }
    this.copied = warning && ok ? { key: option.key, ok, warning } : { key: option.key, ok };
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = setTimeout(() => (this.copied = null), (this.#deps.copiedFor ?? 2000) * (warning ? 3 : 1));
  }

  /** Pins or unpins a script (workbench). */
  togglePin(option: ResultView): void {
    this.#deps.workbench?.togglePin(option.id);
    this.pins++;
  }

  isPinned(option: ResultView): boolean {
    void this.pins;
    return this.#deps.workbench?.isPinned(option.id) ?? false;
  }

  /** Saves the current query in the recent searches. */
  remember(): void {
    if (this.query.trim()) this.recent = this.#recent.add(this.query);
  }

  clearRecent(): void {
    this.recent = this.#recent.clear();
  }
}
