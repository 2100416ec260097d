/**
 * What the customer says when the agent's message moves nothing on (no branch of the turn holds
 * yet): a reaction to what the agent actually said, so the customer listens instead of waiting
 * silently or repeating a line. Checked in this order:
 *
 * | the message …                                                   | the customer …                   |
 * |-----------------------------------------------------------------|----------------------------------|
 * | asks for a 验证码 or card number, or for money past the platform  | grows wary, pays on the platform |
 * | refuses (a banned or 三不 phrase, an intent to avoid in the turn) | asks what can be done instead    |
 * | passes the matter on to a supervisor                            | waits for the answer             |
 * | offers something (discount, gift, compensation)                 | asks how and when it happens     |
 * | asks for an order number / a photo                              | says they will send it           |
 * | only asks them to confirm (…这款，对吧？)                          | says yes (对。)                   |
 * | asks a question                                                 | points back to their question    |
 * | makes a key point of the turn not made before (an answer split   | listens and lets the agent go on |
 * | over several messages)                                          |                                  |
 * | anything else                                                   | says, neutrally, that they have  |
 * |                                                                 | not had a clear answer yet       |
 *
 * No line is said twice word for word (freshLine). Pure; never throws.
 */
import type { Scenario, Turn } from '../../schemas/scenario.ts';
import { findPhrases } from './intents.ts';
import { findPromises, offLimits } from './promises.ts';
import type { AgentMessage } from './player.ts';
import type { ChatRules } from './rules.ts';

export type ReactionKind =
  'off-limits' | 'refusal' | 'escalation' | 'offer' | 'asks-info' | 'confirms' | 'question' | 'goes-on' | 'unclear';

export const REACTIONS: Readonly<Record<ReactionKind, readonly string[]>> = {
  'off-limits': [
    '啊？这个不对吧，我怕被骗，钱我只在平台上付。',
    '你们正规店也要这个？我有点不放心了。',
    '这个我不能给你，还是在平台上弄吧。',
  ],
  refusal: ['这样就不行了？那我这事现在该怎么办？', '光说不行可解决不了问题，有没有别的办法？', '那你们能做的是什么？'],
  escalation: ['好，那你帮我问问，我等你消息。', '行，问到了马上告诉我。', '好的，那我等你回话。'],
  offer: ['你说的这个具体怎么弄？什么时候能办好？', '行，那就按你说的办，别到时候又变了。', '这个我记下了，还有别的要我做的吗？'],
  'asks-info': ['好，我找一下发给你。', '行，我这就弄好发你。', '好的，稍等我一下。'],
  confirms: ['对。', '是的。', '对，没错。', '嗯，是的。', '对，就是这个。'],
  question: ['就是我刚才说的情况，你看怎么处理？', '我刚才说了呀，那接下来怎么办？', '嗯，你问这个是要怎么处理？'],
  'goes-on': ['嗯，你接着说。', '嗯，然后呢？', '好，还有呢？', '嗯嗯，你说。', '好的，你继续。', '嗯，我听着呢。'],
  unclear: ['我还没得到明确答复，具体怎么处理？', '你能说得具体一点吗？我该怎么办？', '嗯……所以到底怎么处理呢？'],
};

/** Once the 'goes-on' lines are used up, a listener still just nods (not 我再问一下：嗯，你接着说). */
const LISTENING = ['嗯。', '嗯嗯。', '好。', '哦，好。', '行。', '嗯，明白。', '好的。', '嗯，知道了。'];

/** Ways of saying a line again without repeating it word for word. */
const AGAIN = ['我再问一下：', '还是那个问题：', '我再说一遍：'];

/** What reads as a refusal: the standards' phrases and the scenario's own refusal intents. */
export interface RefusalSense {
  phrases: string[];
  intents: Set<string>;
}

export function refusalSense(scenario: Scenario, rules: ChatRules): RefusalSense {
  const intents = new Set(Object.keys(scenario.intents ?? {}).filter((id) => /^(?:refuses|refusal|blames|shirks)/.test(id)));
  return { phrases: [...rules.bannedPhrases, ...rules.threeNotsPhrases].filter((p) => p !== '但是'), intents };
}

// 请您拍, 麻烦您把外包装拍一下: the photo is asked for within a few characters; 请您到形象设计室
// 拍几张 (taken at the clinic) is not a photo to send.
const ASKS_TO_SEND = /(?:请|麻烦|帮忙|能不能|能否|可以|方便)[您你]?.{0,4}(?:拍|发|传|截)|(?:发|传)(?:一下|下|过来|给我|我)|给我看/u;

/** A question that only asks the customer to confirm (…这款，对吧？, 请问是刘先生吗？): they say yes. */
export const CONFIRMS = /(?:对吗|是吗|对不对|是不是|没错吧|对吧|是吧|是.{1,6}(?:先生|女士|小姐|阿姨|师傅|老师|经理)吗)[?？]\s*$/u;

const ASKS_FOR = /[?？]|请|麻烦|告诉|提供|发(?:一下|下|给|我)|多少|是哪|哪个|方便/u;

/** What kind of message this is for the customer (the table above). */
export function kindOf(message: AgentMessage, turn: Turn, refusals: RefusalSense, progress: boolean): ReactionKind {
  const { hits, folded, text, discounts } = message.analysis;
  if (offLimits(text)) return 'off-limits';
  const avoided = turn.avoid.some((kp) => kp.intents.some((i) => hits.has(i)));
  if (avoided || [...refusals.intents].some((i) => hits.has(i)) || findPhrases(folded, refusals.phrases).length > 0) return 'refusal';
  if (hits.has('escalates-supervisor')) return 'escalation';
  if (discounts.length > 0 || hits.has('offers-gift') || findPromises(folded).some((p) => !p.deferred)) return 'offer';
  // A photo mentioned (拍几张术前照片 at the clinic) is not one asked for: the customer offers to
  // send one only when the agent asks them to (请您拍, 麻烦发一下图片, 拍张照片给我).
  // 运单号 7531… given to the customer is no order number asked for: a question or a request is.
  if ((hits.has('asks-order-number') && ASKS_FOR.test(text)) || (hits.has('asks-photo') && ASKS_TO_SEND.test(text))) return 'asks-info';
  if (CONFIRMS.test(text)) return 'confirms';
  if (/[?？]|吗$|请问|是否|[您你]看(?:要不|这样|行|可以|怎么样)/.test(text)) return 'question';
  return progress ? 'goes-on' : 'unclear';
}

/** A line of a customer who only listens on (嗯，你接着说, 嗯，然后呢？, 好。): they ask for nothing. */
export function isNod(line: string): boolean {
  return REACTIONS['goes-on'].includes(line) || REACTIONS.confirms.includes(line) || LISTENING.includes(line);
}

/** `line`, or a variant of it when it was said before (never twice word for word). */
export function freshLine(said: ReadonlySet<string>, line: string): string {
  if (!said.has(line)) return line;
  for (const lead of AGAIN) if (!said.has(lead + line)) return lead + line;
  for (let n = 2; ; n++) {
    const numbered = `${AGAIN[0]}${line}（第 ${n} 次问了）`;
    if (!said.has(numbered)) return numbered;
  }
}

/**
 * The customer's reaction to a message that moved nothing on (a line not said before), or
 * undefined. `progress`: the message made a key point of the turn not made before in this visit.
 */
export function reactionTo(
  said: ReadonlySet<string>,
  message: AgentMessage,
  turn: Turn,
  refusals: RefusalSense,
  progress = false,
): string | undefined {
  if (message.chars === 0) return undefined;
  const kind = kindOf(message, turn, refusals, progress);
  const lines = REACTIONS[kind];
  const fresh = lines.find((l) => !said.has(l)) ?? (kind === 'goes-on' ? LISTENING.find((l) => !said.has(l)) : undefined);
  return fresh ?? freshLine(said, lines[0] as string);
}
