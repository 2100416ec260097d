/**
 * 我的店铺 (the on-shift workbench page): the profile form, its export and import, the favourites
 * (pinned and most copied) and the quick-phrase export. State only; storage, the replies' loader
 * and the download are injected so tests drive it with fakes.
 */
import type { KeyValueStorage } from '../../lib/search/recent.ts';
import { fillReply, type FilledReply } from '../../lib/workbench/fill.ts';
import { buildPhrases, phrasesText, qianniuCsv } from '../../lib/workbench/phrases.ts';
import {
  emptyProfile,
  favouriteKeys,
  MAX_VALUE_LENGTH,
  parseProfile,
  PROFILE_STORAGE_KEY,
  readStoredProfile,
  serializeProfile,
  togglePinned,
  type ShopProfile,
} from '../../lib/workbench/profile.ts';
import { ui } from '../../i18n/zh-CN/workbench.ts';

/** One placeholder of the vocabulary as the page needs it. */
export interface VocabularyEntry {
  name: string;
  label: string;
  example: string;
  scope: 'shop' | 'chat';
}

export interface WorkbenchReply {
  id: string;
  title: string;
  stage: string;
  workflowTitle: string;
  reply: string;
  variants: string[];
}

/** What /workbench/replies.json holds. */
export interface WorkbenchData {
  replies: WorkbenchReply[];
}

export interface WorkbenchDeps {
  vocabulary: VocabularyEntry[];
  storage: KeyValueStorage | null;
  loadReplies(): Promise<WorkbenchData>;
  download(name: string, text: string, type: string): void;
  /** Called after the profile was saved (the page tells its copy buttons). */
  changed?(): void;
}

export interface FavouriteView {
  key: string;
  title: string;
  text: string;
  filled: FilledReply;
  pinned: boolean;
  copies: number;
}

export type Notice = { kind: 'ok' | 'error'; text: string } | null;

export class WorkbenchState {
  profile = $state<ShopProfile>(emptyProfile());
  replies = $state.raw<WorkbenchReply[]>([]);
  notice = $state<Notice>(null);
  /** False when the browser refused to save (private mode, storage full). */
  persisted = $state(true);
  readonly vocabulary: VocabularyEntry[];
  readonly #deps: WorkbenchDeps;

  constructor(deps: WorkbenchDeps) {
    this.#deps = deps;
    this.vocabulary = deps.vocabulary;
    this.reload();
  }

  get names(): string[] {
    return this.vocabulary.map((v) => v.name);
  }

  /** Reads the profile from storage again (another tab or a copy button changed it). */
  reload(): void {
    let raw: string | null;
    try {
      raw = this.#deps.storage?.getItem(PROFILE_STORAGE_KEY) ?? null;
    } catch {
      raw = null;
    }
    this.profile = readStoredProfile(raw, this.names);
  }

  async load(): Promise<void> {
    try {
      this.replies = (await this.#deps.loadReplies()).replies;
    } catch {
      this.replies = [];
    }
  }

  #save(profile: ShopProfile): void {
    this.profile = profile;
    let ok = !!this.#deps.storage;
    try {
      this.#deps.storage?.setItem(PROFILE_STORAGE_KEY, serializeProfile(profile, this.names));
    } catch {
      ok = false;
    }
    this.persisted = ok;
    this.#deps.changed?.();
  }

  setValue(name: string, value: string): void {
    if (!this.names.includes(name)) return;
    const values = { ...this.profile.values };
    const v = value.slice(0, MAX_VALUE_LENGTH);
    if (v.trim()) values[name] = v;
    else delete values[name];
    this.#save({ ...this.profile, values });
  }

  clearValues(): void {
    this.#save({ ...this.profile, values: {} });
    this.notice = null;
  }

  togglePin(key: string): void {
    this.#save(togglePinned(this.profile, key));
  }

  fill(text: string): FilledReply {
    return fillReply(text, this.profile.values);
  }

  exportProfile(): void {
    this.#deps.download(ui.workbench.profileFile, serializeProfile(this.profile, this.names), 'application/json');
  }

  /** Imports a profile file; a bad file changes nothing and says why. */
  importProfile(fileName: string, text: string): boolean {
    const parsed = parseProfile(text, this.names);
    if (!parsed.ok) {
      this.notice = { kind: 'error', text: ui.workbench.importFailed(fileName, parsed.message) };
      return false;
    }
    const p = parsed.profile;
    this.#save({
      values: p.values,
      pinned: p.pinned.length ? p.pinned : this.profile.pinned,
      copies: Object.keys(p.copies).length ? p.copies : this.profile.copies,
    });
    this.notice = { kind: 'ok', text: ui.workbench.imported(Object.keys(p.values).length) };
    return true;
  }

  /** The reply of a key: the script's reply, or its n-th variant for `<id>#<n>`. */
  replyOf(key: string): { reply: WorkbenchReply; text: string } | undefined {
    const [id, n] = key.split('#');
    const reply = this.replies.find((r) => r.id === id);
    if (!reply) return undefined;
    const text = n ? reply.variants[Number(n) - 1] : reply.reply;
    return text === undefined ? undefined : { reply, text };
  }

  /** Pinned first, then the most copied on this device. */
  get favourites(): FavouriteView[] {
    return favouriteKeys(this.profile, 30).flatMap((key) => {
      const r = this.replyOf(key);
      if (!r) return [];
      return [
        {
          key,
          title: r.reply.title,
          text: r.text,
          filled: this.fill(r.text),
          pinned: this.profile.pinned.includes(key),
          copies: this.profile.copies[key] ?? 0,
        },
      ];
    });
  }

  /** Downloads the quick phrases (all replies, or only the favourites). */
  exportPhrases(format: 'qianniu' | 'text', scope: 'all' | 'favourites'): void {
    const keys = new Set(this.favourites.map((f) => f.key.split('#')[0]));
    const replies = scope === 'all' ? this.replies : this.replies.filter((r) => keys.has(r.id));
    const summary = buildPhrases(replies, this.profile.values);
    const [name, text, type] =
      format === 'qianniu'
        ? ['千牛快捷短语.csv', qianniuCsv(summary.phrases), 'text/csv;charset=utf-8']
        : ['快捷短语.txt', phrasesText(summary.phrases), 'text/plain;charset=utf-8'];
    this.#deps.download(name, text, type);
    this.notice = { kind: 'ok', text: ui.workbench.phrasesDone(summary.phrases.length, summary.unfilled, summary.long) };
  }
}
