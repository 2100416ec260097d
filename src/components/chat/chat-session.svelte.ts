/**
 * One trainee's chat with one scenario's virtual customer: the shared state of the chat island.
 * The Svelte components only render it; every rule lives in the chat engine (src/lib/chat/) and
 * every record goes through the injected DeviceStore. Time comes from an injected clock, so tests
 * drive the whole conversation (typing delays, the reply timer, the customer leaving) by hand.
 *
 * - load(): reads this scenario's earlier reports from the device (shown in the intro).
 * - start(mode): the customer's opening appears at once, the first turn's further lines after a
 *   typing pause; the engine (startChat) runs alongside and decides every customer line.
 * - send(text): the trainee's message. Its `afterMs` is the time since the latest message on screen
 *   (the customer's last line, or the trainee's own previous message while the customer still
 *   waits for the rest of the answer): exactly the engine's and the replies file's `afterMs`. The
 *   customer's answer lines (engine output) then appear one by one, each after a "正在输入…" pause
 *   of 1-3 s depending on its length. Sending waits while the customer is typing.
 * - The reply timer (`wait`) shows the wait the engine will measure for the next message and its
 *   limit (first reply 15 s, later 20 s, 180 s after 稍等); when it runs past limit + leaveAfterSec
 *   the customer leaves: the engine gets one empty reply with that wait (`{ text: "", afterMs }`),
 *   which it records as the timeout and ignores, so the replies file still reproduces the report.
 * - end(): the trainee ends the chat (结束对话): the engine's finish() (customer-left ending).
 * - At every end the report is scorePlay(engine result) — equal to scoreChat(scenario, replies)
 *   and to `sop score-chat` for the exported replies — and a ChatReportRecord (src/lib/chat/report-record.ts) is
 *   saved to the "chatReports" store.
 * - hint(): practice mode only — the current turn's key points, what to avoid and the model replies.
 *
 * Storage failures never stop the chat: `problem` holds the DeviceStoreError for the island.
 *
 * No work lost:
 * - One tab owns a scenario's chat: load() takes the tab lock "sop-chat:<id>" (state/tab-lock.ts).
 *   Without it the island is read-only (`readOnly` = 'other-tab': no start, no send) until
 *   takeOver(), which takes the lock and resumes the chat in progress here; the other tab stops
 *   (its timers too) and says so (`readOnly` = 'taken-over').
 * - A chat in progress is kept as a draft in localStorage (ChatDraft, key "sop-draft:chat:<id>",
 *   state/drafts.ts): mode, start time, the replies with their afterMs, hints used, the time of the
 *   latest message on screen. It is written synchronously at the start, on every message, on every
 *   hint and on `pagehide`, and removed when the chat ends.
 * - load() resumes a draft of the same scenario version at the same turn: the replies are replayed
 *   through the deterministic engine (startChat + reply), which gives the same customer lines, turn
 *   and wait bookkeeping; customer lines still "typing" at the reload appear at once.
 * - The time away is counted honestly: the wait keeps running while the page is gone (reload, app
 *   switch), measured from the latest message on screen before it (customer lines that had not yet
 *   appeared start their wait on return). A trainee back within the customer's patience simply
 *   answers late; past limit + leaveAfterSec the customer has left and the chat ends as
 *   'customer-left' at once, exactly as if the page had stayed open. The recorded wait of a
 *   customer who left is capped at the moment they left (limit + leaveAfterSec, one tick), so a
 *   phone asleep for days still exports a valid file (afterMs ≤ 24 h).
 * - The input stops at CHAT_INPUT_MAX_CHARS (result-file.ts; send() refuses longer text) and a chat
 *   ends at MAX_CHAT_REPLIES replies: every chat fits the result file (chatEntrySchema).
 * - A report is saved compare-and-set: an existing report with the same id is never overwritten.
 * - deleteReport(id): the trainee deletes one of this scenario's reports from the device.
 */
import type { Scenario, Turn } from '../../schemas/scenario.ts';
import type { Standard } from '../../schemas/standard.ts';
import { analyseMessage, type CompiledIntent } from '../../lib/chat/intents.ts';
import {
  HOLD_INTENT,
  scenarioIntents,
  startChat,
  type AgentReply,
  type ChatSession as EngineSession,
  type CustomerMessage,
  type WaitKind,
} from '../../lib/chat/player.ts';
import type { ChatMode, ChatReportRecord, EndReason } from '../../lib/chat/report-record.ts';
import { buildChatRules, resolveLimits, type ChatRules, type Limits } from '../../lib/chat/rules.ts';
import { scorePlay, type ChatReport } from '../../lib/chat/score.ts';
import { CHAT_INPUT_MAX_CHARS } from '../../lib/training/result-file.ts';
import { toDeviceStoreError, type DeviceStore, type DeviceStoreError } from '../state/device-store.ts';
import { MemoryDrafts, readDraft, removeDraft, writeDraft, type DraftStorage } from '../state/drafts.ts';
import { noTabLock, type TabLock, type TabLockHandle } from '../state/tab-lock.ts';

/** The record formats live in src/lib/chat/report-record.ts; re-exported for the chat components. */
export type { ChatMode, ChatReportRecord, EndReason };
export type ChatPhase = 'loading' | 'intro' | 'chat' | 'finished';
/** Why this tab cannot chat: another tab has the scenario open, or took it over from this one. */
export type ChatReadOnly = 'other-tab' | 'taken-over';

/** Most replies a chat may have: the result file's limit (chatEntrySchema); the chat ends there. */
export const MAX_CHAT_REPLIES = 500;
export { CHAT_INPUT_MAX_CHARS };

/** The tab lock's name for a scenario. */
export const chatLockName = (scenarioId: string) => `sop-chat:${scenarioId}`;
/** The draft key of a scenario's chat in progress. */
export const chatDraftKey = (scenarioId: string) => `sop-draft:chat:${scenarioId}`;

/** A chat in progress, as kept in localStorage (see the module comment). Times in ms since the epoch. */
export interface ChatDraft {
  format: 'sop-chat-draft';
  scenario: string;
  scenarioVersion: number;
  scenarioHash?: string;
  mode: ChatMode;
  startedAt: number;
  replies: AgentReply[];
  hintsUsed: number;
  /** Turns whose hint was opened (a hint counts once per turn). */
  hintTurns: string[];
  /** The latest message on screen: the next reply's wait starts here. */
  lastAt: number;
  /** Customer lines still to appear (typing) when the draft was written. */
  pending: number;
  savedAt: number;
}

/** One line on screen. */
export interface ChatLine {
  /** Running number (keys for the list). */
  id: number;
  /** `note`: what the agent learns that the customer does not say (the turn's `situation`). */
  from: 'customer' | 'agent' | 'note';
  /** Plain text as typed or scripted: always rendered as text. */
  text: string;
  /** Clock time (ms) it appeared. */
  at: number;
  turn: string;
}

/** The reply timer: the wait the engine will measure for the next message. */
export interface WaitState {
  ms: number;
  kind: WaitKind;
  limitSec: number;
  /** ok; warn from WARN_BEFORE_SEC before the limit; late past it. */
  level: 'ok' | 'warn' | 'late';
}

export interface ChatHint {
  situation?: string;
  /** The key points of the turn (labels). */
  expect: string[];
  /** What not to say (labels). */
  avoid: string[];
  modelReplies: string[];
}

/** Time source and timers (tests pass a fake one). */
export interface ChatClock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ChatClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How often the reply timer updates. */
export const TICK_MS = 250;
/** The timer turns amber this many seconds before the limit (at the latest halfway). */
export const WARN_BEFORE_SEC = 5;

/** The customer's "正在输入…" pause before a line: 1-3 s, longer for longer lines. */
export function typingDelayMs(text: string): number {
  const chars = [...text.replace(/\s+/g, '')].length;
  return Math.min(3000, Math.max(1000, 800 + chars * 80));
}

/** Seconds from which the timer is amber for a limit. */
export function warnFromSec(limitSec: number): number {
  return Math.max(limitSec / 2, limitSec - WARN_BEFORE_SEC);
}

/** Local calendar date YYYY-MM-DD. */
function localDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The standards the island needs: the fields buildChatRules reads and the names for the report. */
export type ChatStandard = Pick<Standard, 'id' | 'name' | 'phrases'> & { threshold?: Standard['threshold'] };

export interface ChatSessionOptions {
  store: DeviceStore;
  clock?: ChatClock;
  /** The customer's typing pause before a line (tests may shorten it). */
  typingMs?: (text: string) => number;
  /** Content fingerprint of the scenario (computed at build time), stored with each report. */
  scenarioHash?: string;
  /** The tab lock (browserTabLock() in the browser); by default every session owns its chat. */
  lock?: TabLock;
  /** Where the chat in progress is kept (localStorage in the browser); by default in memory. */
  drafts?: DraftStorage;
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class ChatSession {
  readonly scenario: Scenario;
  readonly rules: ChatRules;
  readonly limits: Limits;
  /** Standard id → name, for the report. */
  readonly standardNames: ReadonlyMap<string, string>;
  #store: DeviceStore;
  #clock: ChatClock;
  #typingMs: (text: string) => number;
  #scenarioHash: string | undefined;
  #intents: Map<string, CompiledIntent>;
  #turns: Map<string, Turn>;

  #engine: EngineSession | null = null;
  /** Customer lines still to appear (engine output), with the turn whose situation follows them. */
  #pending: CustomerMessage[] = [];
  #typingTimer: unknown = null;
  #tickTimer: unknown = null;
  #nextId = 1;
  #startedAt = 0;
  /** The engine's wait bookkeeping, mirrored: has the agent spoken, was the last message theirs, did it ask to wait. */
  #agentSpoke = $state(false);
  #lastWasAgent = $state(false);
  #lastHolds = $state(false);
  #hintTurns = new Set<string>();
  #run = 0;
  #saving: Promise<void> = Promise.resolve();
  #lock: TabLock;
  #drafts: DraftStorage;
  #handle: TabLockHandle | null = null;

  /** Non-null: this tab only shows the chat (another tab owns it); say why and offer takeOver(). */
  readOnly: ChatReadOnly | null = $state(null);
  /** True when load() or takeOver() resumed a chat in progress from its draft. */
  resumed = $state(false);

  phase: ChatPhase = $state('loading');
  mode: ChatMode = $state('practice');
  lines: ChatLine[] = $state([]);
  /** The customer is typing (lines are pending): sending waits. */
  customerTyping = $state(false);
  /** The replies given to the engine, in the replies-file format. */
  replies: AgentReply[] = $state([]);
  /** The turn the customer is in (undefined before the start and after the end). */
  turnId: string | undefined = $state(undefined);
  /** Clock time of the latest message on screen: the next reply's wait starts here. */
  lastAt = $state(0);
  /** The clock, updated every TICK_MS while chatting. */
  now = $state(0);
  hintOpen = $state(false);
  hintsUsed = $state(0);
  endedBy: EndReason | null = $state(null);
  report: ChatReport | null = $state(null);
  record: ChatReportRecord | null = $state(null);
  /** Earlier reports of this scenario on the device, newest first. */
  history: ChatReportRecord[] = $state([]);
  /** The latest storage failure, shown by the island; null when storage works. */
  problem: DeviceStoreError | null = $state(null);

  constructor(scenario: Scenario, standards: readonly ChatStandard[], options: ChatSessionOptions) {
    this.scenario = scenario;
    this.rules = buildChatRules(standards);
    this.limits = resolveLimits(this.rules, scenario.timeLimits);
    this.standardNames = new Map(standards.map((s) => [s.id, s.name]));
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
    this.#typingMs = options.typingMs ?? typingDelayMs;
    this.#scenarioHash = options.scenarioHash;
    this.#lock = options.lock ?? noTabLock;
    this.#drafts = options.drafts ?? new MemoryDrafts();
    this.#intents = scenarioIntents(scenario);
    this.#turns = new Map(scenario.turns.map((t) => [t.id, t]));
  }

  /** The turn the customer is in. */
  get turn(): Turn | undefined {
    return this.turnId === undefined ? undefined : this.#turns.get(this.turnId);
  }

  /** The kind of wait the next message will have (as the engine counts it). */
  get waitKind(): WaitKind {
    return !this.#agentSpoke ? 'first' : this.#lastHolds ? 'after-hold' : this.#lastWasAgent ? 'followup' : 'reply';
  }

  /** The reply timer; null when nothing is awaited (customer typing, not chatting). */
  get wait(): WaitState | null {
    if (this.phase !== 'chat' || this.customerTyping) return null;
    const kind = this.waitKind;
    const limitSec = kind === 'first' ? this.limits.firstReplySec : kind === 'after-hold' ? this.limits.holdSec : this.limits.replySec;
    const ms = Math.max(0, this.now - this.lastAt);
    const level = ms > limitSec * 1000 ? 'late' : ms >= warnFromSec(limitSec) * 1000 ? 'warn' : 'ok';
    return { ms, kind, limitSec, level };
  }

  get canSend(): boolean {
    return this.phase === 'chat' && !this.customerTyping && !this.readOnly;
  }

  /** Practice mode only: the current turn's key points and model replies. */
  get hint(): ChatHint | null {
    const turn = this.turn;
    if (this.mode !== 'practice' || this.phase !== 'chat' || !turn) return null;
    return {
      ...(turn.situation ? { situation: turn.situation } : {}),
      expect: turn.expect.map((k) => k.label),
      avoid: turn.avoid.map((k) => k.label),
      modelReplies: [...turn.modelReplies],
    };
  }

  /**
   * Takes the tab lock (read-only without it), reads this scenario's earlier reports from the
   * device and resumes the chat in progress from its draft.
   */
  async load(): Promise<void> {
    this.#handle?.release();
    this.#handle = await this.#lock.acquire(chatLockName(this.scenario.id), { onLost: () => this.#lost() });
    this.readOnly = this.#handle ? null : 'other-tab';
    await this.#loadHistory();
    if (!this.readOnly && this.#resumeDraft()) return;
    if (this.phase === 'loading') this.phase = 'intro';
  }

  /** Takes the chat over from the tab that has it (that tab stops) and resumes the chat in progress here. */
  async takeOver(): Promise<void> {
    this.#handle?.release();
    this.#handle = await this.#lock.acquire(chatLockName(this.scenario.id), { steal: true, onLost: () => this.#lost() });
    this.readOnly = this.#handle ? null : 'other-tab';
    await this.#loadHistory();
    if (this.readOnly) return;
    if (!this.#resumeDraft() && this.phase === 'chat') {
      // This tab's own chat was stopped when it was taken from it, and its draft is gone (ended elsewhere).
      this.#stopTimers();
      this.#run++;
      this.#engine = null;
      this.phase = 'intro';
    }
  }

  /** Writes the chat in progress as a draft now (the island calls it on `pagehide`). */
  flush(): void {
    this.#saveDraft();
  }

  /** Deletes one of this scenario's reports from the device (the trainee confirmed). */
  async deleteReport(id: string): Promise<void> {
    if (!this.history.some((r) => r.id === id)) return;
    try {
      await this.#store.delete('chatReports', id);
    } catch (err) {
      this.#fail(err, 'delete');
    }
    await this.#loadHistory();
  }

  #lost(): void {
    this.readOnly = 'taken-over';
    // The other tab carries on with this chat: stop here, write nothing more.
    this.#stopTimers();
    this.#run++;
    this.hintOpen = false;
  }

  #saveDraft(): void {
    if (this.phase !== 'chat' || this.readOnly || !this.#engine) return;
    const draft: ChatDraft = {
      format: 'sop-chat-draft',
      scenario: this.scenario.id,
      scenarioVersion: this.scenario.version,
      ...(this.#scenarioHash ? { scenarioHash: this.#scenarioHash } : {}),
      mode: this.mode,
      startedAt: this.#startedAt,
      replies: plain($state.snapshot(this.replies) as AgentReply[]),
      hintsUsed: this.hintsUsed,
      hintTurns: [...this.#hintTurns],
      lastAt: this.lastAt,
      pending: this.#pending.length,
      savedAt: this.#clock.now(),
    };
    writeDraft(this.#drafts, chatDraftKey(this.scenario.id), draft);
  }

  /** A usable draft of this scenario (same version and content), else undefined (and the draft is dropped). */
  #readChatDraft(): ChatDraft | undefined {
    const key = chatDraftKey(this.scenario.id);
    const d = readDraft<ChatDraft>(this.#drafts, key);
    if (d === undefined) return undefined;
    const ok =
      !!d &&
      d.format === 'sop-chat-draft' &&
      d.scenario === this.scenario.id &&
      d.scenarioVersion === this.scenario.version &&
      (d.scenarioHash ?? '') === (this.#scenarioHash ?? '') &&
      (d.mode === 'practice' || d.mode === 'exam') &&
      Number.isFinite(d.startedAt) &&
      Number.isFinite(d.lastAt) &&
      Array.isArray(d.replies) &&
      d.replies.length < MAX_CHAT_REPLIES &&
      d.replies.every(
        (r) => typeof r?.text === 'string' && r.text.length <= CHAT_INPUT_MAX_CHARS && Number.isFinite(r.afterMs) && r.afterMs >= 0,
      );
    if (ok) return d;
    removeDraft(this.#drafts, key);
    return undefined;
  }

  /** Resumes the chat in progress from its draft at the same turn (replayed through the engine); false when there is none. */
  #resumeDraft(): boolean {
    const draft = this.#readChatDraft();
    if (!draft) return false;
    this.#begin(draft.mode, draft.startedAt);
    this.hintsUsed = Math.max(0, Math.trunc(draft.hintsUsed) || 0);
    this.#hintTurns = new Set(Array.isArray(draft.hintTurns) ? draft.hintTurns.filter((t) => typeof t === 'string') : []);
    const engine = this.#engine!;
    let t = draft.startedAt;
    for (const reply of draft.replies) {
      t += reply.afterMs;
      const turn = this.turnId ?? '';
      const { customer, ending } = engine.reply({ text: reply.text, afterMs: reply.afterMs });
      this.replies.push({ text: reply.text, afterMs: reply.afterMs });
      if (reply.text) {
        this.lines.push({ id: this.#nextId++, from: 'agent', text: reply.text, at: t, turn });
        this.#agentSpoke = true;
        this.#lastHolds = analyseMessage(reply.text, this.#intents, this.scenario.product?.price).hits.has(HOLD_INTENT);
      }
      this.#lastWasAgent = customer.length === 0;
      this.turnId = engine.turn?.id;
      if (ending || !reply.text) {
        // The chat had ended before the reload (report not saved): finish it now.
        this.resumed = true;
        this.#saving = this.#finish(ending ? 'ending' : 'customer-left');
        return true;
      }
      for (const m of customer) this.lines.push({ id: this.#nextId++, from: 'customer', text: m.text, at: t, turn: m.turn });
      if (customer.length || this.turnId !== turn) this.#note(this.turnId);
    }
    const now = this.#clock.now();
    this.now = now;
    // The wait keeps running while the page was away; lines that had not appeared yet appear now.
    this.lastAt = draft.pending > 0 ? now : Math.min(draft.lastAt, now);
    this.resumed = true;
    this.#saveDraft();
    this.#restartTick();
    return true;
  }

  async #loadHistory(): Promise<void> {
    try {
      const all = await this.#store.list<ChatReportRecord>('chatReports');
      this.history = all
        .filter((r) => r?.scenario === this.scenario.id && r.report && typeof r.finishedAt === 'string')
        .sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : 0));
    } catch (err) {
      this.#fail(err, 'list');
    }
  }

  /** Starts a new chat: the customer's opening appears at once. */
  start(mode: ChatMode = this.mode): void {
    if (this.readOnly) return;
    this.#begin(mode, this.#clock.now(), true);
    this.resumed = false;
    this.#saveDraft();
  }

  /** A new engine and an empty chat started at `startedAt`; its opening shown at once (`live`: the rest typed). */
  #begin(mode: ChatMode, startedAt: number, live = false): void {
    this.#stopTimers();
    this.#run++;
    this.mode = mode;
    const { session, opening } = startChat(this.scenario, this.rules, this.#intents);
    this.#engine = session;
    this.#startedAt = startedAt;
    this.now = this.#startedAt;
    this.lastAt = this.#startedAt;
    this.lines = [];
    this.replies = [];
    this.report = null;
    this.record = null;
    this.endedBy = null;
    this.hintOpen = false;
    this.hintsUsed = 0;
    this.#hintTurns = new Set();
    this.#agentSpoke = false;
    this.#lastWasAgent = false;
    this.#lastHolds = false;
    this.turnId = session.turn?.id;
    this.phase = 'chat';
    if (!live) {
      for (const m of opening) this.lines.push({ id: this.#nextId++, from: 'customer', text: m.text, at: startedAt, turn: m.turn });
      this.#note(this.turnId);
      return;
    }
    const [first, ...rest] = opening;
    if (first) this.#show(first);
    if (rest.length) this.#queue(rest);
    else this.#note(this.turnId);
    this.#restartTick();
  }

  /** A new chat after one ended: the same mode unless another is given. */
  retry(mode: ChatMode = this.mode): void {
    this.start(mode);
  }

  /**
   * The trainee sends a message. Returns false (and changes nothing) when there is nothing to send,
   * the chat is not running or the customer is still typing.
   */
  send(raw: string): boolean {
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text || text.length > CHAT_INPUT_MAX_CHARS || !this.canSend || !this.#engine) return false;
    // Back after a long time away (app switch, frozen tab) before a tick noticed: the customer has left.
    this.now = this.#clock.now();
    const wait = this.wait;
    if (wait && wait.ms > (wait.limitSec + this.limits.leaveAfterSec) * 1000) {
      this.#customerLeaves(wait.ms);
      return false;
    }
    const at = this.#clock.now();
    const reply: AgentReply = { text, afterMs: Math.max(0, Math.round(at - this.lastAt)) };
    const turn = this.turnId ?? '';
    const { customer, ending } = this.#engine.reply(reply);
    this.replies.push(reply);
    this.lines.push({ id: this.#nextId++, from: 'agent', text, at, turn });
    this.lastAt = at;
    this.now = at;
    this.#restartTick();
    this.#agentSpoke = true;
    this.#lastHolds = analyseMessage(text, this.#intents, this.scenario.product?.price).hits.has(HOLD_INTENT);
    this.#lastWasAgent = customer.length === 0;
    this.turnId = this.#engine.turn?.id;
    if (this.turnId !== turn) this.hintOpen = false;
    if (ending) {
      this.#saving = this.#finish('ending');
      return true;
    }
    if (this.replies.length >= MAX_CHAT_REPLIES) {
      this.#saving = this.#finish('trainee');
      return true;
    }
    if (customer.length) this.#queue(customer);
    else if (this.turnId !== turn) this.#note(this.turnId);
    this.#saveDraft();
    return true;
  }

  /** The trainee ends the chat (结束对话). */
  end(): Promise<void> {
    if (this.phase === 'chat' && !this.readOnly) this.#saving = this.#finish('trainee');
    return this.#saving;
  }

  /** Resolves when the latest report has been saved (or saving failed: see `problem`). */
  saved(): Promise<void> {
    return this.#saving;
  }

  /** Opens or closes the hint (practice mode only); opening counts as a hint used once per turn. */
  toggleHint(): void {
    if (!this.hint) {
      this.hintOpen = false;
      return;
    }
    this.hintOpen = !this.hintOpen;
    if (this.hintOpen && this.turnId && !this.#hintTurns.has(this.turnId)) {
      this.#hintTurns.add(this.turnId);
      this.hintsUsed++;
      this.#saveDraft();
    }
  }

  /** The replies file (exact `sop score-chat` format) as the download: name and JSON text. */
  exportFile(): { name: string; text: string } {
    const replies = plain($state.snapshot(this.replies) as AgentReply[]);
    return {
      name: `sop-chat-${this.scenario.id}-${localDate(this.#startedAt || this.#clock.now())}.json`,
      text: `${JSON.stringify({ replies }, null, 2)}\n`,
    };
  }

  /** Stops the timers (the island calls it when it is destroyed). */
  dispose(): void {
    this.#stopTimers();
    this.#run++;
    this.#handle?.release();
    this.#handle = null;
  }

  /** Sets a problem found outside the session (e.g. openDeviceStore fell back to memory). */
  reportProblem(problem: DeviceStoreError | null): void {
    if (problem) this.problem = problem;
  }

  #show(m: CustomerMessage): void {
    const at = this.#clock.now();
    this.lines.push({ id: this.#nextId++, from: 'customer', text: m.text, at, turn: m.turn });
    this.lastAt = at;
    this.now = at;
    this.#lastWasAgent = false;
    this.#restartTick();
    this.#saveDraft();
  }

  #note(turnId: string | undefined): void {
    const turn = turnId ? this.#turns.get(turnId) : undefined;
    if (turn?.situation) this.lines.push({ id: this.#nextId++, from: 'note', text: turn.situation, at: this.#clock.now(), turn: turn.id });
  }

  /** Shows customer lines one by one, each after its typing pause; then the turn's situation. */
  #queue(messages: CustomerMessage[]): void {
    this.#pending.push(...messages);
    this.customerTyping = true;
    if (this.#typingTimer === null) this.#typeNext();
  }

  #typeNext(): void {
    const next = this.#pending[0];
    if (!next) {
      this.#typingTimer = null;
      this.customerTyping = false;
      this.#note(this.turnId);
      return;
    }
    const run = this.#run;
    this.#typingTimer = this.#clock.setTimeout(() => {
      if (run !== this.#run || this.phase !== 'chat') return;
      this.#pending.shift();
      this.#show(next);
      this.#typeNext();
    }, this.#typingMs(next.text));
  }

  /** Updates `now`, lets the customer leave after a too long wait, and schedules the next tick. */
  #tick(): void {
    this.now = this.#clock.now();
    const wait = this.wait;
    if (wait && wait.ms > (wait.limitSec + this.limits.leaveAfterSec) * 1000) {
      this.#customerLeaves(wait.ms);
      return;
    }
    this.#scheduleTick();
  }

  #scheduleTick(): void {
    const run = this.#run;
    this.#tickTimer = this.#clock.setTimeout(() => {
      this.#tickTimer = null;
      if (run === this.#run && this.phase === 'chat') this.#tick();
    }, TICK_MS);
  }

  /** A new message: the timer ticks from it, so its seconds turn exactly on the second. */
  #restartTick(): void {
    if (this.phase !== 'chat') return;
    if (this.#tickTimer !== null) this.#clock.clearTimeout(this.#tickTimer);
    this.#scheduleTick();
  }

  /** The customer waited past limit + leaveAfterSec: the engine records the wait as a timeout. */
  #customerLeaves(waitMs: number): void {
    if (!this.#engine || this.readOnly) return;
    // The customer left at limit + leaveAfterSec: a longer wait (a frozen tab, days away) is not theirs.
    const wait = this.wait;
    const cap = wait ? (wait.limitSec + this.limits.leaveAfterSec) * 1000 + TICK_MS : waitMs;
    const reply: AgentReply = { text: '', afterMs: Math.round(Math.min(waitMs, cap)) };
    this.#engine.reply(reply);
    this.replies.push(reply);
    this.#saving = this.#finish('customer-left');
  }

  async #finish(reason: EndReason): Promise<void> {
    if (!this.#engine || this.phase !== 'chat') return;
    removeDraft(this.#drafts, chatDraftKey(this.scenario.id));
    this.#stopTimers();
    this.#pending = [];
    this.customerTyping = false;
    const play = this.#engine.finish();
    this.#engine = null;
    const report = scorePlay(this.scenario, play, this.rules);
    const finishedAt = this.#clock.now();
    this.now = finishedAt;
    this.turnId = undefined;
    this.hintOpen = false;
    this.endedBy = reason;
    this.report = report;
    const record: ChatReportRecord = {
      id: `${this.scenario.id}-${this.#startedAt.toString(36)}`,
      updatedAt: new Date(finishedAt).toISOString(),
      format: 'sop-chat-report',
      formatVersion: 1,
      scenario: this.scenario.id,
      scenarioVersion: this.scenario.version,
      ...(this.#scenarioHash ? { scenarioHash: this.#scenarioHash } : {}),
      mode: this.mode,
      startedAt: new Date(this.#startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      endedBy: reason,
      hintsUsed: this.hintsUsed,
      replies: plain($state.snapshot(this.replies) as AgentReply[]),
      report: plain(report),
    };
    this.record = record;
    this.phase = 'finished';
    try {
      // Compare-and-set: a report with this id (saved by another tab) is never overwritten.
      if (!(await this.#store.get<ChatReportRecord>('chatReports', record.id))) await this.#store.put('chatReports', record);
      if (this.problem?.reason === 'quota' || this.problem?.reason === 'failed') this.problem = null;
    } catch (err) {
      this.#fail(err, 'put');
    }
    await this.#loadHistory();
  }

  #stopTimers(): void {
    if (this.#typingTimer !== null) this.#clock.clearTimeout(this.#typingTimer);
    if (this.#tickTimer !== null) this.#clock.clearTimeout(this.#tickTimer);
    this.#typingTimer = null;
    this.#tickTimer = null;
    this.#pending = [];
  }

  #fail(err: unknown, during: string): void {
    this.problem = toDeviceStoreError(err, during);
  }
}
