/**
 * The conversation player: a deterministic state machine over a scenario's turns, driven by the
 * agent's replies. Pure (no clock, no randomness, no DOM, no Node APIs).
 *
 * - The chat starts with the customer's `opening` (at 0 ms) and the first turn's lines.
 * - Each agent reply carries `afterMs`: the time since the previous message in the chat. For the
 *   first agent message after a customer message that is the customer's wait; for the next agent
 *   messages in a row it is the gap since the agent's own previous message (the customer is still
 *   waiting for the rest of the answer).
 * - Limits: the first reply against `firstReplySec`, every other against `replySec`, except the
 *   message right after one that asked the customer to wait (intent `holds`, e.g. 稍等, 我去问
 *   主管), which may take `holdSec`.
 * - A wait longer than its limit plus `leaveAfterSec`: the customer has left before the reply
 *   arrives (ending `customer-left`); that reply and the rest are ignored.
 * - After each agent message the turn's branches are checked, in order, against the intents of
 *   all the agent's messages in this turn; the first that holds is taken. Without a match the
 *   customer reads up to `maxReplies` messages (messages matching `holds` do not count), then
 *   takes the first `atEnd` branch that holds, else `default`. A branch or default naming an
 *   ending ends the chat.
 * - Replies left over after an ending are ignored (counted in `ignoredReplies`); running out of
 *   replies ends the chat with the `customer-left` ending.
 * - Times are sanitised: NaN, negative and -Infinity count as 0 ms, anything above 24 h (and
 *   +Infinity) as 24 h. Texts that are not strings count as empty; lone surrogates are replaced.
 */
import { CUSTOMER_LEFT_ENDING, type Branch, type Ending, type Scenario, type Turn } from '../../schemas/scenario.ts';
import { analyseMessage, compileIntents, type CompiledIntent, type IntentHit, type MessageAnalysis } from './intents.ts';
import { asText, countChars } from './normalize.ts';
import { resolveLimits, type ChatRules, type Limits } from './rules.ts';

/** One message typed by the trainee. */
export interface AgentReply {
  /** What the agent sent. */
  text: string;
  /** Milliseconds since the previous message in the chat (see the module comment). */
  afterMs: number;
}

export type WaitKind = 'first' | 'reply' | 'followup' | 'after-hold';

export interface CustomerMessage {
  from: 'customer';
  text: string;
  atMs: number;
  turn: string;
}

export interface AgentMessage {
  from: 'agent';
  /** The text as typed (lone surrogates replaced). */
  text: string;
  atMs: number;
  turn: string;
  /** Index in the replies given to the player. */
  replyIndex: number;
  /** The sanitised wait before this message. */
  waitMs: number;
  waitKind: WaitKind;
  /** The limit that applied to this wait. */
  limitSec: number;
  analysis: MessageAnalysis;
  /** The message asks the customer to wait (intent `holds`). */
  holds: boolean;
  /** Characters typed, whitespace excluded. */
  chars: number;
}

export type PlayedMessage = CustomerMessage | AgentMessage;

export interface TurnVisit {
  turn: string;
  /** Intents of all the agent's messages during this visit (first hit each). */
  intents: Map<string, IntentHit>;
  /** Indices (into `messages`) of the agent's messages during this visit. */
  agent: number[];
}

export interface PlayResult {
  messages: PlayedMessage[];
  visits: TurnVisit[];
  ending: Ending;
  endedBy: 'branch' | 'default' | 'out-of-replies' | 'timeout';
  /** The wait that made the customer leave, when `endedBy` is timeout. */
  timeout?: { waitMs: number; limitSec: number; waitKind: WaitKind; turn: string; replyIndex: number };
  ignoredReplies: number;
  limits: Limits;
}

export const HOLD_INTENT = 'holds';
export const MAX_WAIT_MS = 24 * 60 * 60 * 1000;

/** NaN, negatives and non-numbers → 0; above 24 h (and +Infinity) → 24 h. */
export function sanitizeMs(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) return 0;
  return Math.min(value, MAX_WAIT_MS);
}

/** The ending used when the customer leaves: the scenario's `customer-left` ending, else a built-in one. */
export function customerLeftEnding(scenario: Scenario): Ending {
  return (
    scenario.endings.find((e) => e.id === CUSTOMER_LEFT_ENDING) ?? {
      id: CUSTOMER_LEFT_ENDING,
      kind: 'leaves',
      text: '顾客等不到回复，离开了对话。',
    }
  );
}

export interface ChatSession {
  /** True once an ending is reached. */
  readonly done: boolean;
  /** The turn the customer is in (undefined after the end). */
  readonly turn: Turn | undefined;
  /** The agent sends a message: returns the customer messages it triggers and the ending, if reached. */
  reply(reply: AgentReply): { customer: CustomerMessage[]; ending?: Ending };
  /** No more replies: ends the chat as `customer-left` if it has not ended, and returns the result. */
  finish(): PlayResult;
}

/** Starts a chat; `opening` holds the customer's first messages. */
export function startChat(
  scenario: Scenario,
  rules: ChatRules,
  intents: ReadonlyMap<string, CompiledIntent> = compileIntents(scenario.intents),
): { session: ChatSession; opening: CustomerMessage[] } {
  const limits = resolveLimits(rules, scenario.timeLimits);
  const turns = new Map(scenario.turns.map((t) => [t.id, t]));
  const endings = new Map(scenario.endings.map((e) => [e.id, e]));
  const price = scenario.product?.price;

  const messages: PlayedMessage[] = [];
  const visits: TurnVisit[] = [];
  let current: Turn | undefined;
  let visit: TurnVisit | undefined;
  let counted = 0;
  let ending: Ending | undefined;
  let endedBy: PlayResult['endedBy'] = 'out-of-replies';
  let timeout: PlayResult['timeout'];
  let ignored = 0;
  let nowMs = 0;
  let replyIndex = 0;
  let agentSpoke = false;
  let lastWasAgent = false;
  let lastHolds = false;

  const say = (text: string, turn: string): CustomerMessage => {
    const m: CustomerMessage = { from: 'customer', text, atMs: nowMs, turn };
    messages.push(m);
    lastWasAgent = false;
    return m;
  };

  const enter = (id: string, by: 'branch' | 'default', out: CustomerMessage[]) => {
    const end = endings.get(id);
    const next = turns.get(id);
    if (end || !next) {
      // A missing target is a content error (checkScenarioStructure); end safely as customer-left.
      ending = end ?? customerLeftEnding(scenario);
      endedBy = by;
      current = undefined;
      return;
    }
    current = next;
    visit = { turn: next.id, intents: new Map(), agent: [] };
    visits.push(visit);
    counted = 0;
    for (const line of next.customer) out.push(say(line, next.id));
  };

  const opening: CustomerMessage[] = [];
  const first = scenario.turns[0];
  if (first) {
    opening.push(say(scenario.opening, first.id));
    enter(first.id, 'branch', opening);
  } else {
    ending = customerLeftEnding(scenario);
  }

  const result = (): PlayResult => ({
    messages,
    visits,
    ending: ending ?? customerLeftEnding(scenario),
    endedBy,
    ...(timeout ? { timeout } : {}),
    ignoredReplies: ignored,
    limits,
  });

  const session: ChatSession = {
    get done() {
      return ending !== undefined;
    },
    get turn() {
      return current;
    },
    reply(raw) {
      const index = replyIndex++;
      if (ending || !current || !visit) {
        ignored++;
        return { customer: [] };
      }
      const reply = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<AgentReply>;
      const text = asText(reply.text);
      const waitMs = sanitizeMs(reply.afterMs);
      const waitKind: WaitKind = !agentSpoke ? 'first' : lastHolds ? 'after-hold' : lastWasAgent ? 'followup' : 'reply';
      const limitSec = waitKind === 'first' ? limits.firstReplySec : waitKind === 'after-hold' ? limits.holdSec : limits.replySec;

      if (waitMs > (limitSec + limits.leaveAfterSec) * 1000) {
        timeout = { waitMs, limitSec, waitKind, turn: current.id, replyIndex: index };
        ending = customerLeftEnding(scenario);
        endedBy = 'timeout';
        current = undefined;
        ignored++;
        return { customer: [], ending };
      }

      nowMs += waitMs;
      const analysis = analyseMessage(text, intents, price);
      const holds = analysis.hits.has(HOLD_INTENT);
      messages.push({
        from: 'agent',
        text,
        atMs: nowMs,
        turn: current.id,
        replyIndex: index,
        waitMs,
        waitKind,
        limitSec,
        analysis,
        holds,
        chars: countChars(text),
      });
      visit.agent.push(messages.length - 1);
      for (const [id, hit] of analysis.hits) if (!visit.intents.has(id)) visit.intents.set(id, hit);
      agentSpoke = true;
      lastWasAgent = true;
      lastHolds = holds;
      if (!holds) counted++;

      const out: CustomerMessage[] = [];
      const has = (id: string) => visit?.intents.has(id) ?? false;
      const holdsFor = (b: Branch) => b.when.all.every(has) && (b.when.any.length === 0 || b.when.any.some(has)) && !b.when.none.some(has);
      const now = current.branches.find((b) => !b.atEnd && holdsFor(b));
      if (now) enter(now.next, 'branch', out);
      else if (counted >= current.maxReplies) {
        const late = current.branches.find((b) => b.atEnd && holdsFor(b));
        if (late) enter(late.next, 'branch', out);
        else enter(current.default, 'default', out);
      }
      return ending ? { customer: out, ending } : { customer: out };
    },
    finish() {
      if (!ending) {
        ending = customerLeftEnding(scenario);
        endedBy = 'out-of-replies';
        current = undefined;
      }
      return result();
    },
  };
  return { session, opening };
}

/** Plays a whole chat with a list of replies. Never throws on what a trainee can type. */
export function playChat(scenario: Scenario, replies: readonly AgentReply[], rules: ChatRules): PlayResult {
  const { session } = startChat(scenario, rules);
  for (const reply of Array.isArray(replies) ? replies : []) session.reply(reply);
  return session.finish();
}
