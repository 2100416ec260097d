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
 */
import type { Scenario, Turn } from '../../schemas/scenario.ts';
import type { Standard } from '../../schemas/standard.ts';
import { analyseMessage, compileIntents, type CompiledIntent } from '../../lib/chat/intents.ts';
import {
  HOLD_INTENT,
  startChat,
  type AgentReply,
  type ChatSession as EngineSession,
  type CustomerMessage,
  type WaitKind,
} from '../../lib/chat/player.ts';
import type { ChatMode, ChatReportRecord, EndReason } from '../../lib/chat/report-record.ts';
import { buildChatRules, resolveLimits, type ChatRules, type Limits } from '../../lib/chat/rules.ts';
import { scorePlay, type ChatReport } from '../../lib/chat/score.ts';
import { toDeviceStoreError, type DeviceStore, type DeviceStoreError } from '../state/device-store.ts';

/** The record formats live in src/lib/chat/report-record.ts; re-exported for the chat components. */
export type { ChatMode, ChatReportRecord, EndReason };
export type ChatPhase = 'loading' | 'intro' | 'chat' | 'finished';

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
    this.#intents = compileIntents(scenario.intents);
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
    return this.phase === 'chat' && !this.customerTyping;
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

  /** Reads this scenario's earlier reports from the device. */
  async load(): Promise<void> {
    await this.#loadHistory();
    if (this.phase === 'loading') this.phase = 'intro';
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
    this.#stopTimers();
    this.#run++;
    this.mode = mode;
    const { session, opening } = startChat(this.scenario, this.rules, this.#intents);
    this.#engine = session;
    this.#startedAt = this.#clock.now();
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
    if (!text || !this.canSend || !this.#engine) return false;
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
    if (customer.length) this.#queue(customer);
    else if (this.turnId !== turn) this.#note(this.turnId);
    return true;
  }

  /** The trainee ends the chat (结束对话). */
  end(): Promise<void> {
    if (this.phase === 'chat') this.#saving = this.#finish('trainee');
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
    if (!this.#engine) return;
    const reply: AgentReply = { text: '', afterMs: Math.round(waitMs) };
    this.#engine.reply(reply);
    this.replies.push(reply);
    this.#saving = this.#finish('customer-left');
  }

  async #finish(reason: EndReason): Promise<void> {
    if (!this.#engine || this.phase !== 'chat') return;
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
      await this.#store.put('chatReports', record);
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
