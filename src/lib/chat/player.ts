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
 *   主管), which may take `holdSec`; the announced wait stays open through short acknowledgements
 *   (好的，有结果马上告诉您) until the agent returns (see PlayState.holdOpen).
 * - A wait longer than its limit plus `leaveAfterSec`: the customer has left before the reply
 *   arrives (ending `customer-left`); that reply and the rest are ignored.
 * - After each agent message the turn's branches are checked, in order, against the intents of
 *   all the agent's messages in this turn (for an `atEnd` branch: in the whole chat, see
 *   branchHolds); the first that holds is taken. Without a match the
 *   customer still answers every message that says something (a bare 稍等 gets no answer: the
 *   customer waits): when an `atEnd` branch to another turn holds (one to an ending waits for
 *   the goodbye or `maxReplies`), when the message says goodbye and the turn
 *   would end there, or once they have read `maxReplies` messages (messages matching `holds` do
 *   not count; while each message still makes a new key point of the turn they read up to
 *   EXTRA_WHILE_PROGRESS more, saying 嗯，你接着说, and move on when the rest is later than
 *   `replySec`; once the messages stop bringing something new, one more for each key point made
 *   so far, unless the message asks them something), the turn resolves (the first `atEnd` branch
 *   that holds, else the first branch on what the turn wants that the whole chat satisfies
 *   (answeredEarlier), else `default`);
 *   otherwise they react to what was said (an offer, an escalation, a refusal, a question, or
 *   neutrally: reactions.ts) and stay in the turn. A branch or default naming an ending ends the
 *   chat. The customer never says a line twice word for word.
 * - A short piece of an answer typed in several messages, or a message that stops mid-sentence
 *   (ends in ，、：；), sent in time or as the first message back after a hold (isPiece), gets no
 *   answer and does not count against `maxReplies`: the customer waits for the rest. So does a
 *   short decision relayed from someone else (主管说价格确实改不了), then 不过… A branch too
 *   waits for the end of such a sentence.
 * - A short answer split over several messages (as the standards ask) uses up no more of the
 *   customer's patience (`maxReplies`) than one: a message that follows the agent's own in time
 *   counts only when what they typed since the customer last spoke passes another BURST_CHARS
 *   (a listener's nod, 嗯，你接着说, does not interrupt the answer). Saying who one is at the start
 *   (我是售后客服小何: INTRODUCES) belongs to the greeting: it gets no answer and does not count.
 *   Up to FREE_QUESTIONS questions per turn that work the case out with the customer, once a
 *   point of the turn is made and while another is open (…，对吗？, or one about what they just
 *   said: asksAbout), do not count; nor do, at the start of a turn, up to CROSSING messages sent
 *   in time that still finish the answer to the turn before (crossesOver: typed before the agent
 *   saw the customer's new line).
 * - Replies left over after an ending are ignored (counted in `ignoredReplies`); running out of
 *   replies ends the chat with the `customer-left` ending, unless the agent's last message said
 *   goodbye (intent `closes`): then the turn resolves as when the customer stops waiting, when
 *   that leads to an ending (closeChat), or the chat is followed through with what the agent said
 *   when the goodbye came a turn early; or unless the customer was already content (the turn
 *   resolves to a satisfied ending): see settleAtEnd.
 * - A turn that happens later in the story after a call (Turn.afterGoodbye) is not entered while
 *   the agent is still on the call: its branch waits for a goodbye (or SCENE_PATIENCE messages past the customer's
 *   patience), unless the next message comes after a gap the customer would not wait through:
 *   then the scene has changed, and that message is the later turn's first.
 * - A customer ready to leave content (the turn resolves to a satisfied ending) listens on while
 *   the agent still talks, up to CONTENT_PATIENCE more messages, and leaves at the goodbye; if the
 *   replies run out meanwhile they leave content.
 * - Times are sanitised: NaN, negative and -Infinity count as 0 ms, anything above 24 h (and
 *   +Infinity) as 24 h. Texts that are not strings count as empty; lone surrogates are replaced.
 */
import { CUSTOMER_LEFT_ENDING, type Branch, type Ending, type KeyPoint, type Scenario, type Turn } from '../../schemas/scenario.ts';
import { analyseMessage, compileIntents, type CompiledIntent, type IntentHit, type MessageAnalysis } from './intents.ts';
import { parseNumber } from './amounts.ts';
import { offLimits } from './promises.ts';
import { asText, countChars, endsMidSentence, normalize } from './normalize.ts';
import { freshLine, isNod, kindOf, reactionTo, refusalSense, type RefusalSense } from './reactions.ts';
import { resolveLimits, type ChatRules, type Limits } from './rules.ts';

/** One message typed by the trainee. */
export interface AgentReply {
  /** What the agent sent. */
  text: string;
  /** Milliseconds since the previous message in the chat (see the module comment). */
  afterMs: number;
}

/** `later`: the first message of a turn that happens later in the story (Turn.later): not timed. */
export type WaitKind = 'first' | 'reply' | 'followup' | 'after-hold' | 'later';

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
/** A message this long after a 稍等 delivers the result: the announced wait is over. */
export const HOLD_RESULT_CHARS = 30;
/** A message that says goodbye: the chat may end on it (see closeChat). */
export const CLOSE_INTENT = 'closes';
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

/** The player's state while a chat runs: what startChat's session reads and changes. */
interface PlayState {
  readonly scenario: Scenario;
  readonly intents: ReadonlyMap<string, CompiledIntent>;
  readonly limits: Limits;
  readonly turns: ReadonlyMap<string, Turn>;
  readonly endings: ReadonlyMap<string, Ending>;
  readonly price: number | undefined;
  readonly messages: PlayedMessage[];
  readonly visits: TurnVisit[];
  /** The turn the customer is in, and this visit of it (undefined after the end). */
  current: Turn | undefined;
  visit: TurnVisit | undefined;
  /** The agent's messages in this visit that count against `maxReplies` (holds do not). */
  counted: number;
  /** Questions to the customer in this visit that did not count against `maxReplies` (see CONFIRMS). */
  asked: number;
  /** The agent has introduced themselves (see INTRODUCES); `lastIntro`: with the last message. */
  introduced: boolean;
  lastIntro: boolean;
  /** Characters the agent has typed since the customer last spoke, a nod aside (see BURST_CHARS). */
  burst: number;
  /** The customer's last line was a listener's nod (嗯，你接着说). */
  nodded: boolean;
  /** The agent's last message still finished the answer to the turn before (see crossesOver). */
  lastCrossing: boolean;
  /** The turn the customer left for the current one (see crossesOver). */
  left: Turn | undefined;
  /** The agent's last message brought the answer on: a new key point of the turn, or an explanation after one. */
  lastProgress: boolean;
  /** The message before the last one brought the answer on (see lastProgress). */
  progressBefore: boolean;
  /** The agent's last message was a short piece of an answer still being typed (see addAgentMessage). */
  lastFragment: boolean;
  /** The wait the agent named when asking the customer to wait (10分钟内给您回复), if any. */
  promisedSec: number | undefined;
  /** A later scene (Turn.afterGoodbye) the turn would go on to, waiting for the agent's goodbye or a long gap. */
  pendingScene: string | undefined;
  /** The customer was ready to leave content and only listens on to the agent (see followBranches). */
  listening: boolean;
  ending: Ending | undefined;
  endedBy: PlayResult['endedBy'];
  timeout: PlayResult['timeout'];
  ignored: number;
  nowMs: number;
  replyIndex: number;
  /** Wait bookkeeping: has the agent spoken, was the last message theirs, did it ask to wait. */
  agentSpoke: boolean;
  lastWasAgent: boolean;
  lastHolds: boolean;
  /**
   * An announced wait (稍等) is still open: short acknowledgements sent meanwhile (好的，有结果马上
   * 告诉您) do not end it; the agent's return (a message after more than `replySec`, or one of at
   * least HOLD_RESULT_CHARS characters) does.
   */
  holdOpen: boolean;
  /** Every line the customer has said (no line is said twice word for word). */
  said: Set<string>;
  /** Refusal phrases (the standards' banned and 三不 phrases) and the scenario's own refusal intents. */
  refusals: RefusalSense;
}

function newPlayState(scenario: Scenario, rules: ChatRules, intents: ReadonlyMap<string, CompiledIntent>): PlayState {
  return {
    scenario,
    intents,
    limits: resolveLimits(rules, scenario.timeLimits),
    turns: new Map(scenario.turns.map((t) => [t.id, t])),
    endings: new Map(scenario.endings.map((e) => [e.id, e])),
    price: scenario.product?.price,
    messages: [],
    visits: [],
    current: undefined,
    visit: undefined,
    counted: 0,
    left: undefined,
    lastCrossing: false,
    burst: 0,
    asked: 0,
    introduced: false,
    nodded: false,
    lastIntro: false,
    lastProgress: false,
    progressBefore: false,
    lastFragment: false,
    promisedSec: undefined,
    pendingScene: undefined,
    listening: false,
    ending: undefined,
    endedBy: 'out-of-replies',
    timeout: undefined,
    ignored: 0,
    nowMs: 0,
    replyIndex: 0,
    agentSpoke: false,
    lastWasAgent: false,
    lastHolds: false,
    holdOpen: false,
    said: new Set(),
    refusals: refusalSense(scenario, rules),
  };
}

/** The customer says one line (at the current time), never word for word a line said before. */
function say(s: PlayState, text: string, turn: string): CustomerMessage {
  const line = freshLine(s.said, text);
  s.said.add(line);
  const m: CustomerMessage = { from: 'customer', text: line, atMs: s.nowMs, turn };
  s.messages.push(m);
  s.lastWasAgent = false;
  // A listener's nod (嗯，你接着说) leaves the answer going on: the agent is still typing its rest.
  s.nodded = isNod(line);
  if (!s.nodded) s.burst = 0;
  return m;
}

/** The chat goes to turn or ending `id`; a turn's customer lines are added to `out`. */
function enter(s: PlayState, id: string, by: 'branch' | 'default', out: CustomerMessage[]): void {
  const end = s.endings.get(id);
  const next = s.turns.get(id);
  if (end || !next) {
    // A missing target is a content error (checkScenarioStructure); end safely as customer-left.
    s.ending = end ?? customerLeftEnding(s.scenario);
    s.endedBy = by;
    s.current = undefined;
    return;
  }
  s.pendingScene = undefined;
  s.listening = false;
  s.left = s.current;
  s.current = next;
  s.visit = { turn: next.id, intents: new Map(), agent: [] };
  s.visits.push(s.visit);
  s.counted = 0;
  s.asked = 0;
  s.progressBefore = false;
  for (const line of next.customer) out.push(say(s, line, next.id));
}

/** The customer's opening and the first turn's lines (a scenario without turns ends at once). */
function openChat(s: PlayState): CustomerMessage[] {
  const opening: CustomerMessage[] = [];
  const first = s.scenario.turns[0];
  if (first) {
    opening.push(say(s, s.scenario.opening, first.id));
    enter(s, first.id, 'branch', opening);
  } else {
    s.ending = customerLeftEnding(s.scenario);
  }
  return opening;
}

/** The kind of wait the next agent message has, and its limit. */
function nextWait(s: PlayState): { waitKind: WaitKind; limitSec: number } {
  const { limits } = s;
  const waitKind: WaitKind = !s.agentSpoke ? 'first' : s.lastHolds || s.holdOpen ? 'after-hold' : s.lastWasAgent ? 'followup' : 'reply';
  const limitSec =
    waitKind === 'first'
      ? limits.firstReplySec
      : waitKind === 'after-hold'
        ? Math.max(limits.holdSec, s.promisedSec ?? 0)
        : limits.replySec;
  return { waitKind, limitSec };
}

/** The agent's message, analysed and added to the chat and the current visit. */
function addAgentMessage(
  s: PlayState,
  turn: Turn,
  visit: TurnVisit,
  message: Pick<AgentMessage, 'text' | 'replyIndex' | 'waitMs' | 'waitKind' | 'limitSec'>,
): void {
  s.nowMs += message.waitMs;
  const analysis = analyseMessage(message.text, s.intents, s.price);
  const holds = analysis.hits.has(HOLD_INTENT) || namesWait(analysis.text);
  s.messages.push({
    from: 'agent',
    text: message.text,
    atMs: s.nowMs,
    turn: turn.id,
    replyIndex: message.replyIndex,
    waitMs: message.waitMs,
    waitKind: message.waitKind,
    limitSec: message.limitSec,
    analysis,
    holds,
    chars: countChars(message.text),
  });
  visit.agent.push(s.messages.length - 1);
  // The answer is still coming: the message makes a key point of the turn not made before in this
  // visit, or, once one was made, explains at some length (额度不够是卡的限额 … before the options).
  const madeBefore = pointsMade(turn, visit) > 0;
  const progress =
    turn.expect.some((k) => k.intents.some((id) => analysis.hits.has(id) && !visit.intents.has(id))) ||
    (madeBefore && countChars(message.text) >= EXPLAINING_CHARS);
  // One short follow-up between two parts of an answer (到了不会另外加钱 between the price and the
  // renovation) does not stop a customer who is listening: they read on after it too.
  s.lastProgress = progress || (s.progressBefore && message.waitKind === 'followup');
  s.progressBefore = progress;
  for (const [id, hit] of analysis.hits) if (!visit.intents.has(id)) visit.intents.set(id, hit);
  s.agentSpoke = true;
  s.lastWasAgent = true;
  s.lastHolds = holds;
  if (holds) {
    s.holdOpen = true;
    s.promisedSec = promisedWaitSec(analysis.text);
  } else if (message.waitMs > s.limits.replySec * 1000 || countChars(message.text) >= HOLD_RESULT_CHARS) s.holdOpen = false;
  const added = s.messages[s.messages.length - 1] as AgentMessage;
  s.lastFragment = !holds && isPiece(s, turn, visit, added);
  // Working the case out with the customer (对吗？, 请问是哪家门店？) once a point of the turn is made does
  // not use up their patience.
  const asks =
    !holds &&
    !s.lastFragment &&
    pointOpen(turn, visit) &&
    madeBefore &&
    s.asked < FREE_QUESTIONS &&
    (CONFIRMS.test(message.text) || asksAbout(s, turn, added));
  if (asks) s.asked++;
  const chars = countChars(message.text);
  const continues =
    (message.waitKind === 'followup' || (message.waitKind === 'reply' && s.nodded)) &&
    message.waitMs <= s.limits.replySec * 1000 &&
    s.burst > 0 &&
    Math.ceil((s.burst + chars) / BURST_CHARS) <= Math.ceil(s.burst / BURST_CHARS);
  s.burst += chars;
  s.lastCrossing = !holds && !s.lastFragment && crossesOver(s, turn, visit, added);
  // Saying who one is (我是木语家居售后客服小何) belongs to the greeting: once per chat, while nothing
  // the customer asked has been answered yet, it does not use up their patience.
  const introduces = !s.introduced && s.visits.length === 1 && INTRODUCES.test(analysis.text);
  if (introduces) s.introduced = true;
  s.lastIntro = introduces;
  if (!holds && !s.lastFragment && !asks && !continues && !s.lastCrossing && !introduces) s.counted++;
}

/**
 * The branch test over the intents of this visit. An `atEnd` branch (the lenient “good enough”
 * resolution) also counts what the agent said earlier in the chat: the customer listened, and an
 * answer given a turn early (经理来定 said before the customer asked about the rent) still answers
 * them, as it still earns the key point (checkHandling). `none` looks at this visit only.
 */
function branchHolds(s: PlayState): (b: Branch) => boolean {
  const here = (id: string) => s.visit?.intents.has(id) ?? false;
  const inChat = (id: string) => here(id) || s.visits.some((v) => v.intents.has(id));
  return (b) => {
    const has = b.atEnd ? inChat : here;
    return b.when.all.every(has) && (b.when.any.length === 0 || b.when.any.some(has)) && !b.when.none.some(here);
  };
}

/**
 * After an agent message: the first branch of the turn that holds is taken. A message that only
 * asks the customer to wait (稍等) gets no answer: the customer waits. Otherwise the customer
 * answers every message and does not wait for a second one to make up their mind: once they have
 * read `maxReplies` messages, or when an `atEnd` branch holds, or when the message says goodbye
 * and the turn ends there, the turn resolves (the first `atEnd` branch that holds, else
 * `default`); before that, they react to what was said (reactions.ts) and stay in the turn.
 */
/** The customer stops waiting in the turn: the first `atEnd` branch that holds, else `default`. */
function resolveTurn(s: PlayState, turn: Turn, out: CustomerMessage[]): void {
  const late = turn.branches.find((b) => b.atEnd && branchHolds(s)(b)) ?? answeredEarlier(s, turn);
  if (late) enter(s, late.next, 'branch', out);
  else enter(s, turn.default, 'default', out);
}

/**
 * When the customer stops waiting, what the agent said earlier in the chat answers them too: a
 * branch on what the turn wants (经理的答复 conveyed while the customer was still asking about the
 * rent) holds over the whole chat, as an `atEnd` one does. Not a branch on what the turn avoids
 * (those react to this turn's own words).
 */
function answeredEarlier(s: PlayState, turn: Turn): Branch | undefined {
  const avoided = new Set(turn.avoid.flatMap((k) => k.intents));
  const overChat = branchHolds(s);
  return turn.branches.find(
    (b) => !b.atEnd && [...b.when.all, ...b.when.any].every((i) => !avoided.has(i)) && overChat({ ...b, atEnd: true }),
  );
}

/**
 * A short piece of an answer typed in several messages (周先生您好，非常抱歉！ / 您这事已经是重大投诉，):
 * under FRAGMENT_CHARS, sent in time, while a point of the turn is still open, and neither asks,
 * offers, refuses, brushes off, says goodbye nor brings a point of the turn. The customer sees the
 * agent still typing and waits for the rest, as after 稍等, without counting it as an answer. A
 * short message that took longer than a reply may (是正品, after 30 s), or a bare 好的 right after
 * the customer spoke, is the answer.
 */
function isPiece(s: PlayState, turn: Turn, visit: TurnVisit, message: AgentMessage): boolean {
  const { analysis, text } = message;
  // In time, or the first message back after asking the customer to wait (让您久等了，): they
  // waited for the result and wait for the rest of it.
  const inTime = message.waitMs <= s.limits.replySec * 1000 || message.waitKind === 'after-hold';
  // Asked for a 验证码 or for money past the platform, the customer does not wait for the rest.
  if (offLimits(analysis.text)) return false;
  if (UNFINISHED(text) && inTime && !analysis.hits.has(CLOSE_INTENT)) return true;
  return (
    message.chars < FRAGMENT_CHARS &&
    inTime &&
    !analysis.hits.has(CLOSE_INTENT) &&
    !DISMISSIVE.test(analysis.text) &&
    !(message.waitKind !== 'followup' && BARE_ACK.test(text.trim())) &&
    pointOpen(turn, visit) &&
    isPieceKind(kindOf(message, turn, s.refusals, s.lastProgress), analysis.text)
  );
}

/**
 * What a piece may be: nothing the customer reacts to, or a decision relayed from someone else
 * (主管说价格确实改不了: not the agent's own refusal, and the rest of the answer, 不过我帮您争取到一份
 * 礼品, may still come).
 */
function isPieceKind(kind: string, text: string): boolean {
  return kind === 'unclear' || ((kind === 'refusal' || kind === 'escalation') && RELAYED.test(text));
}

/**
 * A message that asks the customer to confirm something (隔板是少了两块层板，对吗？, 地址还是原来那个
 * 吧？): part of working the case out with them, while a point of the turn is still open; it does
 * not use up their patience (`maxReplies`).
 */
const CONFIRMS = /(?:对吗|是吗|对不对|是不是|没错吧|吧)[?？]\s*$/u;

/** Messages at the start of a turn that may still finish the answer to the one before (see crossesOver). */
const CROSSING = 2;

/**
 * One of the first CROSSING messages of a turn, sent in time, that makes a key point of the turn
 * the customer just left, one not made while they were there: the rest of the answer to that
 * turn, typed before the agent saw the customer's new line (the messages crossed). It does not use
 * up the customer's patience in the new turn, nor answer it.
 */
function crossesOver(s: PlayState, turn: Turn, visit: TurnVisit, message: AgentMessage): boolean {
  const left = s.left;
  const before = s.visits[s.visits.length - 2];
  if (!left || !before || before.turn !== left.id || visit.agent.length > CROSSING || message.waitMs > s.limits.replySec * 1000)
    return false;
  const { analysis } = message;
  const hit = (k: KeyPoint) => k.intents.some((id) => analysis.hits.has(id));
  return left.expect.some((k) => hit(k) && !k.intents.some((id) => before.intents.has(id)));
}

/**
 * Questions per visit that work the case out with the customer (see CONFIRMS and asksAbout) and
 * do not count against `maxReplies`.
 */
const FREE_QUESTIONS = 2;

/** Characters typed since the customer last spoke within which a follow-up does not count (module comment). */
const BURST_CHARS = 40;

/** Pairs of characters that say nothing about the case (请问, 您好, 一下 …). */
const FUNCTION_PAIRS =
  /^(?:请问|您好|你好|你们|我们|一下|什么|怎么|这个|那个|这边|那边|是不|不是|可以|现在|今天|的时|时候|还是|就是|是的|好的|有没|没有|我想|想了|了解|一个|个月|麻烦|帮我|给我|您的|您是|我是)$/u;

/**
 * A question about what the customer just told (请问是哪家门店、哪位店员说的？ after 店员明明跟我说
 * 安装全包): it shares two characters in a row, not FUNCTION_PAIRS, with the customer's lines in
 * this turn. The agent is working the case out with them, as the standards ask (问清楚).
 */
function asksAbout(s: PlayState, turn: Turn, message: AgentMessage): boolean {
  if (!/[?？]\s*$/u.test(message.text)) return false;
  const lines = [...(s.visits.length === 1 ? [s.scenario.opening] : []), ...turn.customer].map(normalize);
  const text = message.analysis.text;
  for (let i = 0; i + 2 <= text.length; i++) {
    const pair = text.slice(i, i + 2);
    if (/\p{P}/u.test(pair) || FUNCTION_PAIRS.test(pair)) continue;
    if (lines.some((l) => l.includes(pair))) return true;
  }
  return false;
}

/** A key point of the turn not yet made in this visit. */
function pointOpen(turn: Turn, visit: TurnVisit): boolean {
  return turn.expect.some((k) => !k.intents.some((id) => visit.intents.has(id)));
}

/** How many key points of the turn this visit has made so far. */
function pointsMade(turn: Turn, visit: TurnVisit): number {
  return turn.expect.filter((k) => k.intents.some((id) => visit.intents.has(id))).length;
}

/** A message that relays what someone else decided (主管说…, 仓库回复…). */
const RELAYED = /^(?:我们)?(?:主管|经理|领导|组长|店长|负责人|仓库|师傅|公司)(?:那边)?(?:说|讲|回复|答复|的意思是)/u;

/** Longest wait an agent can name (半小时内给您回复) that the customer sits through. */
const MAX_PROMISED_SEC = 30 * 60;
const PROMISED_WAIT = /(?:(\d{1,2}|[一二两三四五六七八九十半]{1,3})(几)?|(几))(?:个)?(分钟|小时)/u;

/**
 * The wait a message that asks the customer to wait names (10分钟内一定给您回复, 半小时内回您): the
 * customer waits that long (up to MAX_PROMISED_SEC) when it is longer than the standard's hold time.
 */
function promisedWaitSec(text: string): number | undefined {
  const m = PROMISED_WAIT.exec(text);
  if (!m) return undefined;
  // 十几分钟 / 几分钟: up to the next ten (20, 10 minutes); 几个小时: up to ten hours (capped below).
  const base = m[1] === undefined ? 0 : m[1] === '半' ? 0.5 : parseNumber(m[1]);
  const n = base === undefined ? undefined : base + (m[2] || m[3] ? 10 : 0);
  if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
  return Math.min(MAX_PROMISED_SEC, n * (m[4] === '小时' ? 3600 : 60));
}

/**
 * A message that stops mid-sentence (这件事我现在就报告维修部主管， / 主管已经回复：) is unfinished
 * whatever it says: the customer sees the sentence go on and waits for the rest.
 */
const UNFINISHED = (text: string) => endsMidSentence(text) || /(?:…|\.\.\.|——)\s*$/u.test(text);

/** 回复 / 回电 / 答复 / 告诉您 …: what an agent promises to come back with. */
const COMES_BACK = /回复|回电|答复|回您|回你|回话|准话|告诉您|告诉你|联系您|联系你|通知您|通知你|给您消息|给你消息/u;

/**
 * A message that names when the agent comes back (10分钟内一定给您回复, 半小时内回电) asks the
 * customer to wait that long, however it is worded.
 */
function namesWait(text: string): boolean {
  const m = PROMISED_WAIT.exec(text);
  if (m === null || !COMES_BACK.test(text.slice(m.index))) return false;
  // 10分钟内 …, or 给我10分钟 / 等我10分钟 (the time the agent asks for).
  return /^(?:之内|以内|内)/u.test(text.slice(m.index + m[0].length)) || /(?:给|等)我$/u.test(text.slice(0, m.index));
}

/** 好的 / 收到 / 嗯 alone, right after the customer spoke: that is the whole (empty) answer. */
const BARE_ACK = /^(?:好的|好|收到|明白|了解|嗯|哦|是的|对|行|ok)[，。！~～,.!]*$/iu;
/** A short message that brushes the customer off (那算了, 不知道, 随便你) is an answer, not a piece of one. */
const DISMISSIVE = /算了|随便|不知道|不清楚|没办法|不管|爱.不.|自己看|自己去|自己找/u;

/**
 * Below this many characters a message that brings nothing the customer reacts to is a piece of a
 * longer answer: about what one types in the 20 seconds a reply may take (20 on the first blind
 * holdout it was written for; 24 keeps 比如花呗或那张卡，能付的钱不够268元。 a piece).
 */
const FRAGMENT_CHARS = 24;

/** A message this long, after a key point of the turn was made, goes on explaining (see lastProgress). */
const EXPLAINING_CHARS = 30;

/** Messages a customer on a call listens to beyond their patience before a later scene (see followBranches). */
const SCENE_PATIENCE = 4;
/** Messages a content customer (the turn resolves to a satisfied ending) listens to before leaving. */
const CONTENT_PATIENCE = 8;

/** A message that asks the customer something. */
const ASKS = /[?？]|吗[。！!～~]*$|想问一下|请问|问一下|能说说|方便说说/u;

/** The agent says who they are: 我是招商专员小林, 我是售后客服小何, 我叫小苏. */
const INTRODUCES = /我是.{0,12}(?:客服|专员|顾问|经理|管家|助理|工程师|师傅|工号)|我叫|工号/u;

/** Messages a customer reads beyond `maxReplies` while each one still makes a new key point. */
const EXTRA_WHILE_PROGRESS = 4;

function followBranches(s: PlayState, turn: Turn, message: AgentMessage): CustomerMessage[] {
  const out: CustomerMessage[] = [];
  const holdsFor = branchHolds(s);
  // A sentence still going on (一是官方正品，出厂有质检报告；) is heard to its end before the
  // customer answers: the branch is taken after the message that finishes it.
  if (UNFINISHED(message.text) && s.lastFragment) return out;
  // A turn that happens after a call (Turn.afterGoodbye: the repairman at the door) waits for the
  // agent to end the call (再见) or for the customer's patience to run out: the agent may still be
  // wrapping up.
  const closes = message.analysis.hits.has(CLOSE_INTENT);
  const sceneWaits = (id: string) => !closes && s.turns.get(id)?.afterGoodbye === true;
  const due = turn.branches.find((b) => holdsFor(b) && sceneWaits(b.next));
  if (due) s.pendingScene = due.next;
  const now = turn.branches.find((b) => !b.atEnd && holdsFor(b) && !sceneWaits(b.next));
  if (now) {
    enter(s, now.next, 'branch', out);
    return out;
  }
  // Nor while the agent still finishes the answer to the last turn (crossesOver): the customer
  // waits for the answer to their new line.
  if ((message.holds || s.lastFragment || s.lastCrossing || s.lastIntro) && !closes) return out;
  const late = turn.branches.find((b) => b.atEnd && holdsFor(b));
  const resolvesTo = late?.next ?? turn.default;
  const closing = closes && (s.endings.has(resolvesTo) || s.turns.get(resolvesTo)?.afterGoodbye === true);
  // A good-enough answer moves the chat on at once; one that ends the chat waits for the goodbye.
  // Not while the rest of the answer is still coming: the message brought a key point and others
  // of the turn are still open (the price of the repair answered, the renovation not yet): the
  // customer reads on, as with an answer split over several messages.
  // A message that asks the customer something (刘先生吧？) is answered: they move on.
  const open = s.lastProgress && !ASKS.test(message.text) && !!s.visit && pointOpen(turn, s.visit);
  const onward = late !== undefined && !s.endings.has(late.next) && !open && !sceneWaits(late.next);
  // A customer listening to an answer split over several messages reads on while the last one
  // still brought something new for this turn (a key point not made before in this visit), up to
  // EXTRA_WHILE_PROGRESS more; not in a turn written for one message (maxReplies 1: the customer
  // talks over the agent, e.g. while venting).
  // Once the answer has stopped bringing something new, they still give the agent one more
  // message for each key point of the turn made so far (up to EXTRA_WHILE_PROGRESS): an agent who
  // is getting somewhere is heard out. A question put to them (想问一下是哪里不满意？) they answer.
  const made = s.visit ? pointsMade(turn, s.visit) : 0;
  const patience =
    turn.maxReplies <= 1
      ? turn.maxReplies
      : turn.maxReplies + (s.lastProgress ? EXTRA_WHILE_PROGRESS : ASKS.test(message.text) ? 0 : Math.min(EXTRA_WHILE_PROGRESS, made));
  // On a call, the customer listens while the agent talks: a scene that comes later waits for the
  // goodbye, up to SCENE_PATIENCE more messages (then they hang up and the scene comes anyway).
  // So does a content customer about to leave (a satisfied ending) while the agent still talks.
  const content = !closes && s.endings.get(resolvesTo)?.kind === 'satisfied';
  const listening = sceneWaits(resolvesTo) || content;
  const tired = s.counted >= patience + (content ? CONTENT_PATIENCE : listening ? SCENE_PATIENCE : 0);
  // Ready to leave content, they only listen on once they have read `maxReplies` messages.
  s.listening = listening && (s.visit?.agent.length ?? 0) >= turn.maxReplies && !tired;
  if (onward || closing || tired) {
    resolveTurn(s, turn, out);
    return out;
  }
  const line = reactionTo(s.said, message, turn, s.refusals, s.lastProgress);
  if (line) out.push(say(s, line, turn.id));
  return out;
}

/** One agent reply (see ChatSession.reply). */
function takeReply(s: PlayState, raw: AgentReply): { customer: CustomerMessage[]; ending?: Ending } {
  const index = s.replyIndex++;
  if (s.ending || !s.current || !s.visit) {
    s.ignored++;
    return { customer: [] };
  }
  const reply = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<AgentReply>;
  const text = asText(reply.text);
  const waitMs = sanitizeMs(reply.afterMs);
  const out: CustomerMessage[] = [];
  // The later scene was due (the call answered, no goodbye yet) and hours pass: that scene came.
  if (s.pendingScene && waitMs > (nextWait(s).limitSec + s.limits.leaveAfterSec) * 1000) enter(s, s.pendingScene, 'branch', out);
  const { current, visit } = s;
  if (!current || !visit) {
    s.ignored++;
    return { customer: out, ...(s.ending ? { ending: s.ending } : {}) };
  }
  const scene = current.later && visit.agent.length === 0 && s.agentSpoke;
  const { waitKind, limitSec } = scene ? { waitKind: 'later' as const, limitSec: MAX_WAIT_MS / 1000 } : nextWait(s);

  if (!scene && waitMs > (limitSec + s.limits.leaveAfterSec) * 1000) {
    // The customer left before this reply arrived.
    s.timeout = { waitMs, limitSec, waitKind, turn: current.id, replyIndex: index };
    s.ending = customerLeftEnding(s.scenario);
    s.endedBy = 'timeout';
    s.current = undefined;
    s.ignored++;
    return { customer: out, ending: s.ending };
  }

  // Past `maxReplies` the customer only waited because the answer was still coming (嗯，你接着说);
  // when the rest comes later than a reply may take, they have moved on to their next concern,
  // and this message answers that.
  // Not after the agent asked them to wait (稍等, 一有结果马上告诉您): then they wait for the result.
  if (current.maxReplies > 1 && s.counted >= current.maxReplies && waitKind !== 'after-hold' && waitMs > s.limits.replySec * 1000) {
    resolveTurn(s, current, out);
    if (s.ending || !s.current || !s.visit) {
      s.ignored++;
      return { customer: out, ...(s.ending ? { ending: s.ending } : {}) };
    }
  }
  const turn = s.current as Turn;
  addAgentMessage(s, turn, s.visit as TurnVisit, { text, replyIndex: index, waitMs, waitKind, limitSec });
  out.push(...followBranches(s, turn, s.messages[s.messages.length - 1] as AgentMessage));
  return s.ending ? { customer: out, ending: s.ending } : { customer: out };
}

/**
 * The agent's last message said goodbye (intent `closes`) in time: the customer takes the closing
 * as the end of their wait, so the turn resolves as if they had stopped waiting (the first `atEnd`
 * branch that holds, else `default`) when that leads to an ending; not “等不到回复”.
 */
function closeChat(s: PlayState): void {
  const turn = s.current;
  const last = s.messages[s.messages.length - 1];
  if (!turn || !s.visit || last?.from !== 'agent' || !last.analysis.hits.has(CLOSE_INTENT)) return;
  const holdsFor = branchHolds(s);
  const late = turn.branches.find((b) => b.atEnd && holdsFor(b));
  const target = late?.next ?? turn.default;
  const end = s.endings.get(target);
  if (!end) return;
  s.ending = end;
  s.endedBy = late ? 'branch' : 'default';
  s.current = undefined;
}

/** Most turns a goodbye is followed through when the replies run out (see settleAtEnd). */
export const SETTLE_MAX_TURNS = 6;

/**
 * The replies ran out while the customer was in a turn (the transcript ends; no one typed on).
 * “顾客等不到回复，离开了” is only fair when the customer was still waiting for something:
 * - the agent's last message said goodbye but the customer answered it (the goodbye came with the
 *   answer, a turn early): the chat is followed through from the current turn with everything the
 *   agent said in the whole chat (a fact stated early counts, as in checkHandling), through at
 *   most SETTLE_MAX_TURNS turns, to the ending it reaches;
 * - the customer was already content (their last words are the turn's own line, not a reaction
 *   asking for more nor a question): the current turn resolves (its first `atEnd` branch that holds, else its
 *   default) to a satisfied ending. The missing goodbye is judged by 三要.
 * Otherwise (the customer still expects an answer) the chat ends as customer-left.
 */
function settleAtEnd(s: PlayState): void {
  const lastAgent = [...s.messages].reverse().find((m): m is AgentMessage => m.from === 'agent');
  const said = new Set<string>();
  for (const v of s.visits) for (const id of v.intents.keys()) said.add(id);
  const holdsFor = (b: Branch, has: (id: string) => boolean) =>
    b.when.all.every(has) && (b.when.any.length === 0 || b.when.any.some(has)) && !b.when.none.some(has);
  if (lastAgent?.analysis.hits.has(CLOSE_INTENT)) {
    let turn = s.current;
    const seen = new Set<string>();
    for (let step = 0; turn && step < SETTLE_MAX_TURNS && !seen.has(turn.id); step++) {
      seen.add(turn.id);
      const has = (id: string) => said.has(id);
      const branch = turn.branches.find((b) => !b.atEnd && holdsFor(b, has)) ?? turn.branches.find((b) => b.atEnd && holdsFor(b, has));
      const target = branch?.next ?? turn.default;
      const end = s.endings.get(target);
      if (end) {
        s.ending = end;
        s.endedBy = branch ? 'branch' : 'default';
        s.current = undefined;
        return;
      }
      turn = s.turns.get(target);
    }
    return;
  }
  const turn = s.current;
  if (!turn || !s.visit || !lastAgent) return;
  // Content means: the last thing the customer said is the turn's own line (好嘞，那我等着), not a
  // reaction asking for more (你能说得具体一点吗？) nor a question still open (这件能给我留着不？).
  const last = s.messages[s.messages.length - 1];
  // Or the customer was done and only listened on (see followBranches): they leave content.
  // A listener's nod (嗯，然后呢？) asks for nothing either.
  if (!s.listening && last?.from === 'customer' && !isNod(last.text) && (!turn.customer.includes(last.text) || /[?？]/.test(last.text)))
    return;
  const late = turn.branches.find((b) => b.atEnd && branchHolds(s)(b));
  const end = s.endings.get(late?.next ?? turn.default);
  if (end?.kind !== 'satisfied') return;
  s.ending = end;
  s.endedBy = late ? 'branch' : 'default';
  s.current = undefined;
}

/** No more replies: ends the chat (closeChat, settleAtEnd), else as customer-left. */
function finishChat(s: PlayState): PlayResult {
  if (!s.ending) closeChat(s);
  if (!s.ending) settleAtEnd(s);
  if (!s.ending) {
    s.ending = customerLeftEnding(s.scenario);
    s.endedBy = 'out-of-replies';
    s.current = undefined;
  }
  return {
    messages: s.messages,
    visits: s.visits,
    ending: s.ending ?? customerLeftEnding(s.scenario),
    endedBy: s.endedBy,
    ...(s.timeout ? { timeout: s.timeout } : {}),
    ignoredReplies: s.ignored,
    limits: s.limits,
  };
}

/**
 * The intents a scenario judges as promises beyond authority: those of its avoided points marked
 * `overreach` or judged by the no-overpromise standard (a denied guarantee takes them back).
 */
function promiseIntents(scenario: Scenario): Set<string> {
  return new Set(
    scenario.turns.flatMap((t) => t.avoid.filter((p) => p.overreach || p.standard === 'no-overpromise').flatMap((p) => p.intents)),
  );
}

/** A scenario's intents as the chat reads them (the live chat and the scorer alike). */
export function scenarioIntents(scenario: Scenario): Map<string, CompiledIntent> {
  return compileIntents(scenario.intents, promiseIntents(scenario));
}

/** Starts a chat; `opening` holds the customer's first messages. */
export function startChat(
  scenario: Scenario,
  rules: ChatRules,
  intents: ReadonlyMap<string, CompiledIntent> = scenarioIntents(scenario),
): { session: ChatSession; opening: CustomerMessage[] } {
  const state = newPlayState(scenario, rules, intents);
  const opening = openChat(state);
  const session: ChatSession = {
    get done() {
      return state.ending !== undefined;
    },
    get turn() {
      return state.current;
    },
    reply: (raw) => takeReply(state, raw),
    finish: () => finishChat(state),
  };
  return { session, opening };
}

/** Plays a whole chat with a list of replies. Never throws on what a trainee can type. */
export function playChat(scenario: Scenario, replies: readonly AgentReply[], rules: ChatRules): PlayResult {
  const { session } = startChat(scenario, rules);
  for (const reply of Array.isArray(replies) ? replies : []) session.reply(reply);
  return session.finish();
}
