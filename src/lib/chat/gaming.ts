/**
 * Anti-gaming: replies that are built to please a scorer rather than to serve a customer. Each
 * kind found gives one finding the trainee can read (what was wrong, the words, what to do) and
 * caps the chat's score (score.ts): GAMING_CAP for one kind, GAMING_CAP_MANY for two or more.
 *
 * | kind        | what                                                                           |
 * |-------------|--------------------------------------------------------------------------------|
 * | repeat      | the same message (≥ REPEAT_MIN_CHARS, after folding) sent again               |
 * | wall        | a message over WALL_CHARS characters: far longer than a chat reply             |
 * | paste       | a message of ≥ PASTE_MIN_CHARS typed faster than PASTE_CPM (50 a second), or   |
 * |             | two of ≥ SUSTAINED_MIN_CHARS faster than SUSTAINED_CPM (30 a second)            |
 * | keywords    | words strung together without sentences (no function words, or space-separated |
 * |             | short tokens, or a long run without a stop and almost no function words), or   |
 * |             | polite words stacked (您好请谢谢对不起再见)                                      |
 * | hold        | HOLD_MIN or more messages that only ask the customer to wait (稍等) and say     |
 * |             | nothing else, or STALL_MIN or more that only keep the customer on the line     |
 * |             | (在的亲～, 马上马上, 好的亲～); either half the chat or more                       |
 * | not-chinese | half or more of the messages are not in Chinese                                |
 * | courtesy    | COURTESY_MIN or more messages with nothing but courtesy (问候, 致歉, 感谢, 安抚, |
 * |             | 共情, 稍等, 道别) and at most one with anything else: polite filler              |
 *
 * Thresholds are far beyond what a real chat shows (the blind set's best chats stay under 150
 * characters a message and under 2,200 characters a minute, with timings written by hand).
 * Pure and total: never throws.
 */
import type { Finding } from './checks.ts';
import { normalize, quote } from './normalize.ts';
import type { AgentMessage, PlayResult } from './player.ts';

export type GamingKind = 'repeat' | 'wall' | 'paste' | 'keywords' | 'hold' | 'not-chinese' | 'courtesy';

export const REPEAT_MIN_CHARS = 6;
export const WALL_CHARS = 200;
export const PASTE_MIN_CHARS = 60;
export const PASTE_CPM = 3000;
/**
 * … or SUSTAINED_MIN_MESSAGES messages of SUSTAINED_MIN_CHARS or more, each sent faster than
 * SUSTAINED_CPM (30 a second): prepared paragraphs sent one after the other. No graded chat of
 * the calibration sets does it twice; every fast-typing attempt does.
 */
export const SUSTAINED_MIN_CHARS = 40;
export const SUSTAINED_CPM = 1800;
export const SUSTAINED_MIN_MESSAGES = 2;
export const HOLD_MIN = 2;
export const COURTESY_MIN = 3;
/** A run of this many characters with no stop and almost no function words is a keyword list. */
const RUN_MIN_CHARS = 12;
const RUN_FUNCTION_SHARE = 0.08;
/** Keyword lists are gaming when one message in LIST_SHARE or more is one. */
const LIST_SHARE = 2;
/** The intents of courtesy: a chat that says nothing else has answered nothing. */
const COURTESY_INTENTS = new Set(['greets', 'apologises', 'thanks', 'reassures', 'empathises', 'holds', 'closes']);
/** Highest score a chat with one kind of gaming can get, and with two or more. */
export const GAMING_CAP = 30;
export const GAMING_CAP_MANY = 15;

export interface GamingResult {
  kinds: GamingKind[];
  findings: Finding[];
  /** The highest score the chat may get (100 when nothing was found). */
  cap: number;
}

/** Characters of ordinary sentences: particles, pronouns, verbs of linking. A list of nouns has almost none. */
const FUNCTION_CHARS = new Set([
  ...'的了吗呢吧啊呀哦是在我您你他她它们这那会要把给就都还也很有没不可以能到过着让被对为和跟如果因为所以就请',
]);
/** Courtesy words, taken out before looking for sentences in what is left. */
const COURTESY_WORDS = /您好|你好|请您|请|谢谢您|谢谢|感谢您|感谢|对不起|抱歉|再见|欢迎光临|欢迎|放心|理解|亲/g;
/** 嗯, 好的, 收到: acknowledgements, not keywords. */
const ACK_WORDS = /^(?:嗯+|好的?|收到|明白|了解|是的|对|行|哦|ok)$/i;
const POLITE_STACK = /(?:您好|你好|请|谢谢|对不起|再见|抱歉|亲){4,}/;
const CJK = /[\u3400-\u9fff]/g;
const LATIN = /[a-z]/gi;
/** What else a message that holds the line may say: 在的, 正在帮您, 没有哦. */
const STALL_WORDS = /在的|在呢|在|正在|帮您|帮你|没有|没|的|～|~/g;
/** Messages of nothing but holding the line (STALL_WORDS) that make a chat stalled. */
const STALL_MIN = 4;
/** What is left of a message once its wait words and courtesy are removed. */
const HOLD_WORDS = /稍等|稍候|等一下|等等|请您|请|再|一下|好的|好|哈|嗯|呢|哦|啊|亲|您|查一下|我查|还在查|查|马上|[，。！？、,.!?~～…\s]/g;

const gamingFinding = (message: string, evidence: string, at?: number): Finding => ({
  standard: null,
  standardUrl: null,
  passed: false,
  turn: null,
  message,
  evidence,
  ...(at !== undefined ? { at } : {}),
});

/** Characters of a token (a Han character counts one). */
const len = (t: string) => Array.from(t).length;

function isKeywordList(m: AgentMessage): boolean {
  const raw = m.text.trim();
  const tokens = raw.split(/[\s、，,；;/|｜／]+/).filter(Boolean);
  if (tokens.length >= 3 && tokens.every((t) => len(t) <= 6)) return true;
  // Facts split by slashes (防伪码：核实/半小时内回复): no one chats like that.
  const slashes = (raw.match(/[/／|｜]/g) ?? []).length;
  const parts = raw.split(/[/／|｜：:]+/).filter(Boolean);
  if (slashes >= 2 || (slashes === 1 && parts.every((t) => len(t) <= 7))) return true;
  // Short chunks strung with commas (了解原因，记录反馈， / 满意度，建议，改进，谢谢，再见！).
  const chunks = raw.split(/[\s、，,；;/|｜／！!。.？?~～]+/).filter((t) => t && !ACK_WORDS.test(t));
  if (chunks.length >= 2 && chunks.every((t) => len(t) <= 4)) return true;
  // … or many of them, mostly short (亲，您好，非常抱歉，统一定价，不议价，主管申请，精美礼品，稍等2分钟，请您谅解，谢谢！).
  const lengths = chunks.map((t) => len(t)).sort((a, b) => a - b);
  if (lengths.length >= 8 && (lengths[Math.floor(lengths.length / 2)] ?? 0) <= 4) return true;
  // Words with spaces between them after a polite opening (您好！请坐，谢谢！招商中心 一楼铺位 奶茶店 名片).
  const spaced = raw.split(/\s+/).filter((t) => t && !/^\d+$/.test(t));
  if (spaced.length >= 4 && spaced.filter((t) => len(t) <= 6).length >= spaced.length - 1) return true;
  if (POLITE_STACK.test(m.analysis.text)) return true;
  const cjk = m.analysis.text.match(CJK) ?? [];
  const fn = (chars: string[]) => chars.filter((c) => FUNCTION_CHARS.has(c)).length;
  if (cjk.length >= 16 && fn(cjk) / cjk.length < 0.06) return true;
  // Polite words, then nouns with no sentence around them (您好，请！谢谢！就餐、参观、VIP休息区).
  const rest = m.analysis.text.replace(COURTESY_WORDS, '').match(CJK) ?? [];
  if (rest.length >= 8 && fn(rest) === 0) return true;
  // … or courtesy and nouns run together without a stop (您好欢迎请坐喝茶名片招商专员来访登记以前谁接待撞单谢谢).
  return rest.length >= RUN_MIN_CHARS && !/[，。！？、；：,.!?;:\s]/u.test(m.text.trim()) && fn(rest) / rest.length < RUN_FUNCTION_SHARE;
}

function isChinese(text: string): boolean {
  const cjk = (text.match(CJK) ?? []).length;
  const latin = (text.match(LATIN) ?? []).length;
  return latin < 10 || cjk >= latin / 2;
}

/** The gaming findings of a played chat. */
export function checkGaming(play: PlayResult): GamingResult {
  const msgs: { m: AgentMessage; at: number }[] = [];
  play.messages.forEach((m, at) => {
    if (m.from === 'agent') msgs.push({ m, at });
  });
  const findings: Finding[] = [];
  const kinds: GamingKind[] = [];
  const add = (kind: GamingKind, f: Finding) => {
    if (!kinds.includes(kind)) kinds.push(kind);
    findings.push(f);
  };

  const seen = new Map<string, number>();
  for (const { m, at } of msgs) {
    const key = normalize(m.text);
    if (m.chars >= REPEAT_MIN_CHARS && seen.has(key)) {
      if (!kinds.includes('repeat'))
        add(
          'repeat',
          gamingFinding(
            '同一段话重复发送：顾客每次说的不一样，回复要针对顾客刚说的内容；复制粘贴的回复不得分',
            `“${quote(m.text)}”（第 ${(seen.get(key) ?? 0) + 1} 条和第 ${m.replyIndex + 1} 条相同）`,
            at,
          ),
        );
    } else if (!seen.has(key)) seen.set(key, m.replyIndex);
  }

  const wall = msgs.find(({ m }) => m.chars > WALL_CHARS);
  if (wall)
    add(
      'wall',
      gamingFinding(
        `一条消息有 ${wall.m.chars} 字，远超聊天回复的长度（${WALL_CHARS} 字以内）：只回答顾客问的，长内容拆成两三条短消息`,
        `“${quote(wall.m.text)}”`,
        wall.at,
      ),
    );

  const cpm = (m: AgentMessage) => (m.chars * 60000) / Math.max(m.waitMs, 1);
  const fast = msgs.filter(({ m }) => m.chars >= SUSTAINED_MIN_CHARS && m.waitKind !== 'after-hold' && cpm(m) > SUSTAINED_CPM);
  const paste =
    msgs.find(({ m }) => m.chars >= PASTE_MIN_CHARS && m.waitKind !== 'after-hold' && cpm(m) > PASTE_CPM) ??
    (fast.length >= SUSTAINED_MIN_MESSAGES ? fast[0] : undefined);
  if (paste) {
    const rate = Math.round(cpm(paste.m));
    add(
      'paste',
      gamingFinding(
        `${paste.m.chars} 字只用了 ${Math.round(paste.m.waitMs / 100) / 10} 秒（约 ${rate} 字/分钟），是粘贴的模板而不是针对顾客的回答`,
        `“${quote(paste.m.text)}”`,
        paste.at,
      ),
    );
  }

  const lists = msgs.filter(({ m }) => isKeywordList(m));
  if (lists.length > 0 && lists.length * LIST_SHARE >= msgs.length) {
    const first = lists[0]!;
    add(
      'keywords',
      gamingFinding(
        '堆砌关键词、没有成句：顾客需要的是完整的回答。示范：“您好，订单已经打单了，我马上联系仓库拦截，请您稍等两分钟。”',
        `“${quote(first.m.text)}”`,
        first.at,
      ),
    );
  }

  const holds = msgs.filter(({ m }) => m.holds && m.text.replace(HOLD_WORDS, '').length <= 2);
  // … or, without a word of waiting, messages that only keep the customer on the line (在的亲～,
  // 马上马上, 好的亲～, 正在帮您查哦): as many, and half the chat or more.
  const empty = msgs.filter(({ m }) => m.text.replace(HOLD_WORDS, '').replace(STALL_WORDS, '').length === 0);
  if (holds.length * 2 < msgs.length && empty.length >= STALL_MIN && empty.length * 2 >= msgs.length)
    holds.splice(0, holds.length, ...empty);
  if (holds.length >= HOLD_MIN && holds.length * 2 >= msgs.length) {
    const first = holds[0]!;
    add(
      'hold',
      gamingFinding(
        `${holds.length} 条消息只是让顾客“稍等”，没有任何内容：请顾客等待时要说明去做什么、大约多久，回来后给出结果`,
        `“${quote(first.m.text)}”`,
        first.at,
      ),
    );
  }

  const foreign = msgs.filter(({ m }) => !isChinese(m.text));
  if (foreign.length > 0 && foreign.length * 2 >= msgs.length) {
    const first = foreign[0]!;
    add('not-chinese', gamingFinding('回复不是中文：请用中文和顾客沟通，称呼“您”，用礼貌用语', `“${quote(first.m.text)}”`, first.at));
  }

  const said = msgs.filter(({ m }) => m.chars > 0);
  // Courtesy read in the message and nothing else read (a message no intent reads may be an answer
  // in words the scenario does not list: 我们是旗舰店，怎么会卖假货呢).
  const courteous = said.filter(({ m }) => m.analysis.hits.size > 0 && [...m.analysis.hits.keys()].every((id) => COURTESY_INTENTS.has(id)));
  // At most one message with anything else in it (辛苦您拍照了 read as a photo asked for).
  if (courteous.length >= COURTESY_MIN && said.length - courteous.length <= 1) {
    const first = courteous[0]!;
    add(
      'courtesy',
      gamingFinding(
        `${courteous.length} 条消息都只有客套话（问候、道歉、感谢、安抚、共情、道别），没有回答顾客的问题：礼貌之外要说清楚怎么处理、谁来处理、什么时候有结果`,
        `“${quote(first.m.text)}”`,
        first.at,
      ),
    );
  }

  const cap = kinds.length === 0 ? 100 : kinds.length === 1 ? GAMING_CAP : GAMING_CAP_MANY;
  return { kinds, findings, cap };
}
