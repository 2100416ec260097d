/**
 * The checks: each turns a played chat into findings (what passed, what failed, with the words
 * or the seconds as evidence) and a ratio from 0 to 1 for its part of the score (score.ts).
 *
 * - first-response-time: full credit within the limit, then linearly down to 0 at twice the limit.
 * - reply-response-time: share of the later replies within their limit, a reply over it earning
 *   linearly less down to 0 at twice the limit (a wait that made the customer leave earns 0).
 * - typing-speed: characters (whitespace excluded) per minute of waiting, summed over replies of
 *   at least TYPING_MIN_CHARS characters; replies after an announced wait (稍等) are left out.
 *   The wait includes reading and thinking time, so this is a lower bound of the real speed.
 *   Below the minimum the ratio is speed / minimum; nothing measurable gives 0.
 * - polite-phrases: distinct polite words used (from the standard) / POLITE_MIN_DISTINCT.
 * - three-musts (三要), as the standard's notes put it: 请 in the first reply, the customer
 *   addressed as 您 and never 你, 再见 in the last message; one third each. Half a third for 请
 *   only later, 您 mixed with 你, or 再见 followed by more messages in the last turn.
 * - negative-phrases, three-nots: 1 − 0.5 per occurrence (each phrase once per message), min 0;
 *   for three-nots a chat that is curt throughout (most replies without any softener) is one more.
 * - discount-authority: 0 as soon as one promise exceeds the limit (the scenario's
 *   discountLimitYuan, else the standard's 20 元; a 折 without a product price counts as exceeding
 *   it: percentages are the supervisor's call) or compensation / a guarantee is promised on the
 *   spot (promises.ts), else 1. Asking the supervisor is reported as a pass.
 * - handling (SOP key points): over every turn visit, (weights of expected points made − weights
 *   of avoided points said, × STANDARD_AVOID_FACTOR when the point breaks a written standard) /
 *   weights of expected points, clamped to 0..1. A discount within the
 *   authority limit above is not an avoided point (one rule for both parts).
 */
import { urls } from '../urls.ts';
import type { Scenario, Turn } from '../../schemas/scenario.ts';
import { compileIntents, findPhrases } from './intents.ts';
import { BUILTIN_INTENT_IDS } from './builtin-intents.ts';
import { endsMidSentence, excerpt, findAll, quote } from './normalize.ts';
import { findPromises, offLimits, relaysDecision } from './promises.ts';
import type { AgentMessage, PlayResult, TurnVisit } from './player.ts';
import { CHAT_STANDARDS, type ChatRules } from './rules.ts';

export interface Finding {
  /** Standard id, or null for an SOP key point that belongs to no standard (see workflowUrl). */
  standard: string | null;
  passed: boolean;
  /** Turn id, or null for a finding about the whole chat. */
  turn: string | null;
  /** What happened, in Chinese. */
  message: string;
  /** The words (an excerpt of the agent's message) or the seconds. Plain text. */
  evidence: string;
  /** Link to the standard, or null. */
  standardUrl: string | null;
  /** Link to the script (话术) to study, when there is one. */
  scriptUrl?: string;
  /** Link to the workflow step, for SOP key points. */
  workflowUrl?: string;
  /** Index of the transcript entry the finding is about. */
  at?: number;
  /** How a good agent would put it (a model phrasing), for failed findings where one helps. */
  model?: string;
}

export interface CheckResult {
  /** 0..1 share of this part's weight earned. */
  ratio: number;
  /** False when the part could not be judged (e.g. the standard has no phrase list): left out of the score. */
  applicable: boolean;
  findings: Finding[];
}

export interface CheckContext {
  scenario: Scenario;
  rules: ChatRules;
  play: PlayResult;
}

export const TYPING_MIN_CHARS = 10;
export const POLITE_MIN_DISTINCT = 3;
/** The 三要 words: the rule's definition itself (start with 请, keep saying 您, end with 再见). */
export const THREE_MUSTS = { request: '请', address: '您', informal: '你', farewell: '再见' } as const;
/** Points lost per banned or 三不 phrase (share of the part). */
export const PHRASE_PENALTY = 0.5;

/** Seconds for reports: 8 秒, 23.5 秒. */
export function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} 秒`;
}

const std = (id: string) => ({ standard: id, standardUrl: urls.standard(id) });

/** A key point holds with these of its intents present (`match`: any, or all of them). */
const holds = (kp: { match: 'any' | 'all'; intents: readonly string[] }, present: readonly string[]) =>
  kp.match === 'all' ? present.length === kp.intents.length : present.length > 0;

/**
 * The agent's message `i` read with the next one when it stops mid-sentence (谁让您转账到私人账户，
 * / 都别给): a sentence typed over two messages is read whole.
 */
function withRest(msgs: readonly { m: AgentMessage }[], i: number): { text: string; joined: boolean } {
  const m = msgs[i]?.m as AgentMessage;
  const next = msgs[i + 1]?.m;
  const joined = next !== undefined && endsMidSentence(m.text);
  return { text: m.analysis.text + (joined && next ? next.analysis.text : ''), joined };
}

function agentMessages(play: PlayResult): { m: AgentMessage; at: number }[] {
  const out: { m: AgentMessage; at: number }[] = [];
  play.messages.forEach((m, at) => {
    if (m.from === 'agent') out.push({ m, at });
  });
  return out;
}

export function checkFirstResponse({ play }: CheckContext): CheckResult {
  const id = CHAT_STANDARDS.firstResponse;
  const limit = play.limits.firstReplySec;
  const first = agentMessages(play)[0];
  if (!first) {
    const waited =
      play.timeout?.waitKind === 'first' ? `顾客等了 ${seconds(play.timeout.waitMs)} 还没等到第一句回复，已经离开` : '没有回复顾客';
    return {
      ratio: 0,
      applicable: true,
      findings: [
        {
          ...std(id),
          passed: false,
          turn: play.visits[0]?.turn ?? null,
          message: `${waited}（标准 ≤ ${limit} 秒）`,
          evidence: play.timeout ? seconds(play.timeout.waitMs) : '无回复',
        },
      ],
    };
  }
  const waitSec = first.m.waitMs / 1000;
  const passed = waitSec <= limit;
  return {
    ratio: passed ? 1 : Math.max(0, 1 - (waitSec - limit) / limit),
    applicable: true,
    findings: [
      {
        ...std(id),
        passed,
        turn: first.m.turn,
        message: passed
          ? `首次回复用了 ${seconds(first.m.waitMs)}，在 ${limit} 秒内`
          : `首次回复用了 ${seconds(first.m.waitMs)}，超过了 ${limit} 秒`,
        evidence: seconds(first.m.waitMs),
        at: first.at,
      },
    ],
  };
}

export function checkReplyTimes({ play }: CheckContext): CheckResult {
  const id = CHAT_STANDARDS.replyResponse;
  const findings: Finding[] = [];
  let measured = 0;
  let ok = 0;
  let longest = 0;
  for (const { m, at } of agentMessages(play)) {
    // The first reply is first-response-time's; the first message of a later scene is not a wait.
    if (m.waitKind === 'first' || m.waitKind === 'later') continue;
    measured++;
    longest = Math.max(longest, m.waitMs);
    if (m.waitMs <= m.limitSec * 1000) {
      ok++;
      continue;
    }
    // A bit slow is not as bad as very slow (as for the first reply): 25 s against 20 s still
    // earns three quarters of that reply, 40 s nothing.
    ok += Math.max(0, 1 - (m.waitMs / 1000 - m.limitSec) / m.limitSec);
    const s = seconds(m.waitMs);
    const message =
      m.waitKind === 'after-hold'
        ? `请顾客稍等后过了 ${s} 才回来（最多 ${m.limitSec} 秒）`
        : m.waitKind === 'followup'
          ? `和上一条消息隔了 ${s}，顾客一直在等（标准 ≤ ${m.limitSec} 秒；长回答请拆成几条先发）`
          : `顾客等了 ${s} 才收到回复（标准 ≤ ${m.limitSec} 秒）`;
    findings.push({ ...std(id), passed: false, turn: m.turn, message, evidence: s, at });
  }
  if (play.timeout && play.timeout.waitKind !== 'first') {
    measured++;
    const s = seconds(play.timeout.waitMs);
    findings.push({
      ...std(id),
      passed: false,
      turn: play.timeout.turn,
      message: `顾客等了 ${s} 没有等到回复，离开了（标准 ≤ ${play.timeout.limitSec} 秒）`,
      evidence: s,
    });
  }
  if (measured > 0 && ok === measured) {
    findings.push({
      ...std(id),
      passed: true,
      turn: null,
      message: `之后的 ${measured} 条回复都在时限内`,
      evidence: `最长 ${seconds(longest)}`,
    });
  }
  const any = agentMessages(play).length > 0;
  return { ratio: measured ? ok / measured : any ? 1 : 0, applicable: true, findings };
}

export function checkTyping({ play, rules }: CheckContext): CheckResult {
  const id = CHAT_STANDARDS.typing;
  let chars = 0;
  let ms = 0;
  let n = 0;
  for (const { m } of agentMessages(play)) {
    if (m.waitKind === 'after-hold' || m.waitKind === 'later' || m.chars < TYPING_MIN_CHARS || m.waitMs <= 0) continue;
    chars += m.chars;
    ms += m.waitMs;
    n++;
  }
  if (n === 0) {
    return {
      ratio: 0,
      applicable: true,
      findings: [
        {
          ...std(id),
          passed: false,
          turn: null,
          message: `没有 ${TYPING_MIN_CHARS} 字以上的回复，测不出打字速度；回答要完整`,
          evidence: '无法测速',
        },
      ],
    };
  }
  const cpm = chars / (ms / 60000);
  const passed = cpm >= rules.typingMinCpm;
  const shown = `约 ${Math.round(cpm)} 字/分钟（${n} 条回复）`;
  return {
    ratio: passed ? 1 : cpm / rules.typingMinCpm,
    applicable: true,
    findings: [
      {
        ...std(id),
        passed,
        turn: null,
        message: passed ? `打字速度达标（≥ ${rules.typingMinCpm} 字/分钟）` : `打字速度不够，标准是每分钟至少 ${rules.typingMinCpm} 字`,
        evidence: shown,
      },
    ],
  };
}

export function checkPolite({ play, rules }: CheckContext): CheckResult {
  const id = CHAT_STANDARDS.polite;
  if (rules.politeWords.length === 0) return { ratio: 1, applicable: false, findings: [] };
  const used: string[] = [];
  let firstAt: number | undefined;
  for (const { m, at } of agentMessages(play)) {
    for (const hit of findPhrases(m.analysis.folded, rules.politeWords)) {
      if (!used.includes(hit.phrase)) used.push(hit.phrase);
      firstAt ??= at;
    }
  }
  const need = Math.min(POLITE_MIN_DISTINCT, rules.politeWords.length);
  const passed = used.length >= need;
  const basics = rules.politeWords.slice(0, 10).join('、');
  return {
    ratio: Math.min(1, used.length / need),
    applicable: true,
    findings: [
      {
        ...std(id),
        passed,
        turn: null,
        message: passed ? `用了 ${used.length} 个礼貌用语` : `礼貌用语太少（至少用 ${need} 个不同的）：${basics}`,
        evidence: used.length ? used.join('、') : '一个也没有用',
        ...(passed && firstAt !== undefined ? { at: firstAt } : {}),
      },
    ],
  };
}

export function checkThreeMusts({ play }: CheckContext): CheckResult {
  const id = CHAT_STANDARDS.threeMusts;
  const msgs = agentMessages(play);
  const findings: Finding[] = [];
  const find = (list: { m: AgentMessage; at: number }[], word: string) => {
    for (const { m, at } of list) {
      const pos = findAll(m.analysis.text, word)[0];
      if (pos !== undefined) return { m, at, evidence: excerpt(m.analysis.folded, pos, word.length) };
    }
    return undefined;
  };

  // 请: in the first reply (“开口以请字当头”); later only earns half.
  const opening = find(msgs.slice(0, 1), THREE_MUSTS.request);
  const later = opening ? undefined : find(msgs.slice(1), THREE_MUSTS.request);
  const requestScore = opening ? 1 : later ? 0.5 : 0;
  if (opening)
    findings.push({
      ...std(id),
      passed: true,
      turn: opening.m.turn,
      message: '开口第一句就用了“请”',
      evidence: opening.evidence,
      at: opening.at,
    });
  else if (later)
    findings.push({
      ...std(id),
      passed: false,
      turn: later.m.turn,
      message: '开口第一句没有用“请”（后面才用到）',
      evidence: later.evidence,
      ...(msgs[0] ? { at: msgs[0].at } : {}),
    });
  else
    findings.push({
      ...std(id),
      passed: false,
      turn: null,
      message: '没有用“请”字（如“请问有什么可以帮您”“请您稍等”）',
      evidence: '未出现“请”',
    });

  // 您, never 你.
  const polite = find(msgs, THREE_MUSTS.address);
  const informal = find(msgs, THREE_MUSTS.informal);
  let addressScore = 0;
  if (informal) {
    addressScore = polite ? 0.5 : 0;
    findings.push({
      ...std(id),
      passed: false,
      turn: informal.m.turn,
      message: '称呼顾客用了“你”，应始终用“您”',
      evidence: informal.evidence,
      at: informal.at,
    });
  } else if (polite) {
    addressScore = 1;
    findings.push({
      ...std(id),
      passed: true,
      turn: polite.m.turn,
      message: '始终用“您”称呼顾客',
      evidence: polite.evidence,
      at: polite.at,
    });
  } else {
    findings.push({ ...std(id), passed: false, turn: null, message: '没有用“您”称呼顾客', evidence: '未出现“您”' });
  }

  // 再见 in the last message; earlier in the last turn earns half.
  const last = msgs[msgs.length - 1];
  const lastVisit = [...play.visits].reverse().find((v) => v.agent.length > 0);
  const closing = last ? find([last], THREE_MUSTS.farewell) : undefined;
  const earlier =
    closing || !lastVisit
      ? undefined
      : find(
          lastVisit.agent.map((at) => ({ m: play.messages[at] as AgentMessage, at })),
          THREE_MUSTS.farewell,
        );
  const farewellScore = closing ? 1 : earlier ? 0.5 : 0;
  if (closing)
    findings.push({
      ...std(id),
      passed: true,
      turn: closing.m.turn,
      message: '最后一句用“再见”收尾',
      evidence: closing.evidence,
      at: closing.at,
    });
  else {
    findings.push({
      ...std(id),
      passed: false,
      turn: last?.m.turn ?? null,
      message: earlier
        ? '“再见”之后又发了消息，最后一句应以“再见”收尾'
        : play.ending.kind === 'leaves'
          ? '顾客走了，对话没有以“再见”收尾'
          : '最后一句没有用“再见”收尾',
      evidence: earlier?.evidence ?? '未出现“再见”',
      ...(last ? { at: last.at } : {}),
    });
  }
  return { ratio: (requestScore + addressScore + farewellScore) / 3, applicable: true, findings };
}

function checkPhraseList(
  ctx: CheckContext,
  id: string,
  phrases: readonly string[],
  describe: (phrase: string) => string,
  okMessage: string,
): CheckResult {
  if (phrases.length === 0) return { ratio: 1, applicable: false, findings: [] };
  const findings: Finding[] = [];
  for (const { m, at } of agentMessages(ctx.play)) {
    const seen = new Set<string>();
    for (const hit of findPhrases(m.analysis.folded, phrases)) {
      if (seen.has(hit.phrase)) continue;
      seen.add(hit.phrase);
      findings.push({ ...std(id), passed: false, turn: m.turn, message: describe(hit.phrase), evidence: hit.evidence, at });
    }
  }
  if (findings.length === 0) findings.push({ ...std(id), passed: true, turn: null, message: okMessage, evidence: '—' });
  const count = findings.filter((f) => !f.passed).length;
  return { ratio: Math.max(0, 1 - PHRASE_PENALTY * count), applicable: true, findings };
}

export function checkNegative(ctx: CheckContext): CheckResult {
  return checkPhraseList(ctx, CHAT_STANDARDS.negative, ctx.rules.bannedPhrases, (p) => `用了禁用语“${p}”`, '没有使用禁用语');
}

/**
 * 三不 as patterns, next to the standard's phrase list: pushing the matter away (跟我们…没关系,
 * 是快递的事, 不归我们管, 我们也没办法), the customer's job (您自己去查/联系), and blaming the
 * customer (谁让您…, 是您自己…的). Matched on the compact text, each once per message.
 */
export const THREE_NOTS_PATTERNS: readonly { re: RegExp; what: string }[] = [
  { re: /(?:跟|和|与)(?:我们|我|本店|店里|公司).{0,6}(?:没|无)(?:有)?关系/, what: '推卸责任（跟我们没关系）' },
  {
    re: /(?<![不没])(?:是|属于)(?:快递|物流|厂家|厂商|仓库|平台|师傅|店员|商家|别的部门|他们)(?:公司)?(?:那边)?的?(?:事|问题|责任)/,
    what: '推卸责任（是别人的事）',
  },
  // The customer sent on to the carrier (您联系物流公司, 直接发给物流客服), not the agent acting
  // (我帮您联系物流那边).
  {
    re: /(?<!我|我们|我来|我去|帮您|帮你|给您|给你)(?:联系|找|发给|问)(?:一下)?(?:物流|快递)(?:公司|客服|那边)/,
    what: '把事推给物流（让顾客自己去找物流）',
  },
  { re: /(?:我们|我)(?:这边|这里)?(?:也|又|可|都)?(?:没办法|没有办法|没辙|管不了|无能为力)/, what: '推卸责任（我们也没办法）' },
  // The customer sent to a third party (你找银行啊, 您去问平台吧), not the agent acting for them.
  {
    re: /(?<!帮|替|给)(?:您|你)(?:自己)?(?:去|得|要)?(?:找|问|联系)(?:一下)?(?:银行|厂家|厂商|平台|支付宝|微信|售后|快递|物流|师傅)/,
    what: '把事推给别人（让顾客自己去找银行、厂家…）',
  },
  {
    re: /不归我(?:们)?管|不是我(?:们)?(?:的事|负责|管的)|(?:我们|公司)(?:可|是|也)?不管(?![怎多是什如哪])/,
    what: '推卸责任（不归我们管）',
  },
  // 师傅临时有事也没办法: nothing to be done, said of the company's own failure.
  { re: /(?<![您你谁])(?:也|都)(?:没办法|没有办法|没辙)/, what: '推卸责任（也没办法）' },
  { re: /(?:您|你)自己(?:在|到|去).{0,8}(?:改|操作|申请|约|弄|办)/, what: '把事推给顾客（您自己去…）' },
  { re: /(?:您|你)(?:自己|自行)(?:去)?(?:查|问|联系|找|处理|打电话|看|打.{0,4}电话)/, what: '把事推给顾客（您自己去…）' },
  // 谁让您… as blame (谁让你拍错了), not as a warning about a third party (谁让您转账到私人账户，都别给).
  {
    re: /谁让(?:您|你)(?![^。！？!?]*(?:都别|别给|别转|别信|都不要|不要给|不要转|千万别|一律|都是骗))|(?:是|怪)(?:您|你)自己|(?:您|你)(?:怎么|为什么)不早说/,
    what: '责备顾客',
  },
  // 自己去德邦查 with no one named: the customer's job (not 我自己去查, 帮您…).
  {
    re: /(?<![我帮替给])自己(?:去|到)(?:德邦|物流|快递|平台|银行|厂家|官网|网上|页面|详情页)?(?:查|问|联系|看|找)/,
    what: '把事推给顾客（自己去查）',
  },
  // 详情页写了的，没看吗: blamed for not reading.
  { re: /(?:写|说|标)(?:了|过|着)(?:的)?[,，]?(?:您|你)?没看(?:到|见)?(?:吗|嘛|啊)?/, what: '责备顾客（写了的，没看吗）' },
  // 不知道，… as the whole answer.
  { re: /^(?:我也?)?不知道(?:[,，。!！]|$)/, what: '生硬（不知道）' },
  // 找银行去 / 你问我干嘛: the customer sent away, or blamed for asking.
  { re: /找(?:银行|厂家|厂商|平台|快递|物流|售后|支付宝)去/, what: '把事推给别人（找银行去）' },
  { re: /(?:你|您)问我(?:干嘛|干什么|有啥用|有什么用)/, what: '责备顾客（你问我干嘛）' },
  { re: /(?:付不了|不买|不要|不想要|不满意)就算了/, what: '生硬（…就算了）' },
  // 改不改随你 / 爱买不买: the customer's choice thrown back at them.
  { re: /(?:改不改|买不买|要不要|退不退|评不评)(?:都)?随(?:您|你)|爱(\p{Script=Han})不\1/u, what: '生硬（随你）' },
  { re: /(?<![不没])(?:是|属于)(?:您|你)(?:的|自己的?)?(?:卡|手机|网络|操作|原因|问题|责任)/, what: '责备顾客（是您的问题）' },
  { re: /(?:这|这个|连这个?)(?:都|也)(?:不懂|不会|不知道|搞不定|弄不明白)/, what: '嫌弃顾客（这都不懂）' },
  { re: /\p{Script=Han}{1,4}(?:都|也)(?:不懂|不会|不知道)(?:吗|啊|呀)?[?？]/u, what: '嫌弃顾客（代付都不懂？）' },
];

/** Words right before a 三不 pattern that take the errand off the customer (不用您自己去查). */
const SPARES = /(?:不用|不必|无需|无须|用不着|不需要|免得|省得|省去)(?:您|你)?再?$/u;

/**
 * 三不's first rule is 不使用生硬语言. A reply with none of these softeners (a polite word, 您, a
 * modal particle, a question, an exclamation) is blunt: 订单号。 / 行。 / 问主管，等着。 One blunt
 * reply happens; a chat in which most replies are blunt (≥ CURT_SHARE of them, at least CURT_MIN)
 * is curt throughout and counts as CURT_COUNT 三不 occurrences (the rule is broken all through: the
 * part is lost), even when its facts are right.
 */
export const SOFTENERS =
  /请|您|麻烦|谢|抱歉|不好意思|对不起|亲|吧|哦|噢|呢|哈|呀|啊|嗯|嘛|啦|哟|好的|好嘞|一下|稍等|辛苦|欢迎|你好|理解|放心|~|!|\?|吗/;
export const CURT_SHARE = 0.75;
export const CURT_MIN = 2;
export const CURT_COUNT = 2;

function curtFinding(ctx: CheckContext): Finding | undefined {
  const msgs = agentMessages(ctx.play).filter(({ m }) => m.analysis.text.length > 0);
  const blunt = msgs.filter(({ m }) => !SOFTENERS.test(m.analysis.text));
  if (blunt.length < CURT_MIN || blunt.length < CURT_SHARE * msgs.length) return undefined;
  const first = blunt[0]!;
  return {
    ...std(CHAT_STANDARDS.threeNots),
    passed: false,
    turn: null,
    message: `语气生硬：${msgs.length} 条回复里有 ${blunt.length} 条没有一个礼貌或缓和的字眼，违反三不（不使用生硬语言）`,
    evidence: excerpt(first.m.analysis.folded, 0, first.m.analysis.text.length, 0),
    model: '您好，请您把订单号发我一下，我马上帮您查。',
    at: first.at,
  };
}

export function checkThreeNots(ctx: CheckContext): CheckResult {
  const id = CHAT_STANDARDS.threeNots;
  const listed = checkPhraseList(
    ctx,
    id,
    ctx.rules.threeNotsPhrases,
    (p) => `“${p}”违反三不（不说生硬话、不推卸责任、不指责顾客）`,
    '没有生硬、推诿或指责顾客的话',
  );
  const extra: Finding[] = [];
  const agent = agentMessages(ctx.play);
  agent.forEach(({ m, at }, i) => {
    const already = listed.findings.filter((f) => !f.passed && f.at === at);
    const { text } = withRest(agent, i);
    for (const { re, what } of THREE_NOTS_PATTERNS) {
      const hit = re.exec(text);
      if (!hit || hit.index >= m.analysis.text.length) continue;
      // 不用您自己去查, 省得您自己跑: taking the errand off the customer, not handing it to them.
      if (SPARES.test(text.slice(Math.max(0, hit.index - 4), hit.index))) continue;
      const evidence = excerpt(m.analysis.folded, hit.index, hit[0].length);
      if (already.some((f) => f.evidence.includes(hit[0]))) continue;
      extra.push({
        ...std(id),
        passed: false,
        turn: m.turn,
        message: `“${hit[0]}”违反三不：${what}`,
        evidence,
        model: '这个我来帮您联系处理，有结果第一时间告诉您。',
        at,
      });
      break;
    }
  });
  const curt = curtFinding(ctx);
  if (extra.length === 0 && !curt) return listed;
  const findings = [...listed.findings.filter((f) => !f.passed), ...extra, ...(curt ? [curt] : [])];
  const count = findings.length + (curt ? CURT_COUNT - 1 : 0);
  return { ratio: Math.max(0, 1 - PHRASE_PENALTY * count), applicable: true, findings };
}

/** Asking the customer to change or remove their review (改成好评, 把中评删了, 给个五星). */
const REVIEW_ASK =
  /(?:改|追加|追)(?:成|为|一下|个|下)?(?:好评|五星)|(?:删|撤)(?:掉|了|一下|除)?(?:这个|那个)?(?:中评|差评|评价)|把(?:中评|差评|评价).{0,4}(?:改|删|撤)/u;
/** Money or gifts offered in words the discount reader does not see (红包, 返现, 退您20元, 大礼包). */
const REVIEW_PAY = /红包|返现|返钱|礼品|礼物|礼包|赠品|补偿|退(?:给)?(?:您|你)?\d+(?:元|块)/u;
function asksForReview(text: string): boolean {
  const m = REVIEW_ASK.exec(text);
  return m !== null && !/(?:不会|不用|不是|不要|不需要|没有)(?:要求|让|请)?(?:您|你)?.{0,3}$/u.test(text.slice(0, m.index));
}

/** Model phrasing for promises beyond one's authority. */
export const AUTHORITY_MODEL = '这个我没有权限直接答应您，我马上帮您向主管申请，请您稍等两分钟，有结果第一时间告诉您。';

const SECRET_MODEL = '付款请您在订单页面上自己完成，验证码和密码千万不要告诉任何人，包括客服。';
const PLATFORM_MODEL = '钱请在平台的订单页面上付，有平台担保更安全；卡付不了的话，可以请家人帮您代付，或者换一张卡。';

/**
 * discount-authority: discounts above the shop's limit (the scenario's `discountLimitYuan`, else
 * the standard's 20 元), a 折 that cannot be turned into yuan, and compensation or guarantees of
 * an outcome promised on the spot (promises.ts) fail; the same passed on to the supervisor pass.
 * `overreach` counts the failed promises (score.ts caps the score by it).
 */
export function checkAuthority({ play, rules, scenario }: CheckContext): CheckResult & { overreach: number } {
  const id = CHAT_STANDARDS.discount;
  const max = scenario.discountLimitYuan ?? rules.discountMaxYuan;
  const limitText = max > 0 ? `客服自己最多只能让 ${max} 元` : '本店客服没有改价权限，任何让价都要主管批准';
  const findings: Finding[] = [];
  let overreach = 0;
  let failed = false;
  let escalated = false;
  const fail = (m: AgentMessage, at: number, message: string, evidence: string, model = AUTHORITY_MODEL) => {
    overreach++;
    failed = true;
    findings.push({ ...std(id), passed: false, turn: m.turn, message, evidence, model, at });
  };
  let afterRelay = false;
  for (const { m, at } of agentMessages(play)) {
    for (const d of m.analysis.discounts) {
      if (d.yuan === undefined) fail(m, at, `答应打 ${d.zhe} 折：折扣由主管决定，${limitText}`, d.evidence);
      else if (d.yuan > max) {
        // Over this shop's limit but within the standard's: against the shop's rule, not a promise
        // no agent could make, so it fails the part without capping the score.
        if (d.yuan > rules.discountMaxYuan) overreach++;
        failed = true;
        findings.push({
          ...std(id),
          passed: false,
          turn: m.turn,
          message:
            max > 0
              ? `答应优惠约 ${d.yuan} 元，超过客服 ${max} 元的权限；应先请示主管`
              : `答应优惠约 ${d.yuan} 元：${limitText}；应先请示主管`,
          evidence: d.evidence,
          model: AUTHORITY_MODEL,
          at,
        });
      } else
        findings.push({
          ...std(id),
          passed: true,
          turn: m.turn,
          message: `优惠 ${d.yuan} 元，在客服 ${max} 元的权限内`,
          evidence: d.evidence,
          at,
        });
    }
    for (const p of findPromises(m.analysis.folded, afterRelay)) {
      if (p.deferred) {
        findings.push({ ...std(id), passed: true, turn: m.turn, message: '没有当场承诺，交给有权限的人决定', evidence: p.evidence, at });
        continue;
      }
      // 我能做主给您让20块: a discount the agent may give, and says so.
      if (
        /做(?:得了)?主/.test(p.words) &&
        m.analysis.discounts.length > 0 &&
        m.analysis.discounts.every((d) => d.yuan !== undefined && d.yuan <= max)
      )
        continue;
      const what =
        p.kind === 'guarantee'
          ? `打包票“${p.words}”：结果不是客服能保证的，只承诺自己能做到的事（去核实、去申请、几点前回复）`
          : `当场承诺赔偿或补偿“${p.words}”${p.yuan !== undefined ? `（${p.yuan} 元）` : ''}：赔偿、补偿要请示主管，按公司规定决定`;
      fail(m, at, what, p.evidence);
    }
    // What comes right after a relayed decision (负责人的处理意见是… / 保洁费先全额退还给您) is part of it,
    // and so is the rest of a decision read out over several messages (…上门，/ …出方案；/ 保洁费全额退给您).
    afterRelay = relaysDecision(m.analysis.folded) || (afterRelay && endsMidSentence(m.text));
    const hit = m.analysis.hits.get('escalates-supervisor');
    if (hit && !escalated) {
      escalated = true;
      findings.push({ ...std(id), passed: true, turn: m.turn, message: '超出权限的事请示主管', evidence: hit.evidence, at });
    }
  }
  // Read whole over two messages (您加我个人微信， / 直接转268给我就行); the second half of a sentence
  // already found with the first is not read again.
  const msgs = agentMessages(play);
  let foundWithNext = false;
  msgs.forEach(({ m, at }, i) => {
    const { text, joined } = withRest(msgs, i);
    const off = offLimits(text);
    const already = foundWithNext;
    foundWithNext = joined && off !== undefined;
    if (!off || already) return;
    fail(
      m,
      at,
      off.what === 'secret'
        ? `向顾客要验证码、密码或卡号“${off.words.replace(/,/g, '，')}”：这些只有顾客本人能知道，谁都不能要，付款只在平台上完成`
        : `让顾客绕开平台付钱“${off.words.replace(/,/g, '，')}”：钱只在平台上付，由平台担保，不能转到个人账户`,
      quote(m.text),
      off.what === 'secret' ? SECRET_MODEL : PLATFORM_MODEL,
    );
  });
  // A good review bought (好评返现): money or a gift offered in a chat that asks the customer to
  // change their review, however small the amount.
  const asks = msgs.find(({ m }) => asksForReview(m.analysis.text));
  const pays = msgs.find(
    ({ m }) => m.analysis.discounts.length > 0 || m.analysis.hits.has('offers-gift') || REVIEW_PAY.test(m.analysis.text),
  );
  if (asks && pays) {
    const [first] = asks.at < pays.at ? [asks, pays] : [pays, asks];
    fail(
      first.m,
      first.at,
      `用红包、优惠或礼品换顾客改评价（好评返现）：回访是为了了解原因、改进，不能拿好处换评价`,
      `${quote(pays.m.text)} / ${quote(asks.m.text)}`,
    );
  }
  if (findings.length === 0 && msgs.length > 0) {
    findings.push({ ...std(id), passed: true, turn: null, message: '没有越权承诺优惠', evidence: '—' });
  }
  return { ratio: failed ? 0 : 1, applicable: true, findings, overreach };
}

/** Turns on the shortest way from the first turn to a satisfied ending (the path a good chat takes). */
export function happyPath(scenario: Scenario): string[] {
  const turns = new Map(scenario.turns.map((t) => [t.id, t]));
  const satisfied = new Set(scenario.endings.filter((e) => e.kind === 'satisfied').map((e) => e.id));
  const first = scenario.turns[0];
  if (!first) return [];
  const prev = new Map<string, string | null>([[first.id, null]]);
  const queue = [first.id];
  while (queue.length) {
    const id = queue.shift() as string;
    const turn = turns.get(id);
    if (!turn) continue;
    for (const next of [...turn.branches.map((b) => b.next), turn.default]) {
      if (satisfied.has(next)) {
        const path: string[] = [];
        for (let at: string | null | undefined = id; at; at = prev.get(at)) path.unshift(at);
        return path;
      }
      if (turns.has(next) && !prev.has(next)) {
        prev.set(next, id);
        queue.push(next);
      }
    }
  }
  return [];
}

/**
 * An avoided point that breaks a written standard (要求改评价, 越权承诺, 和顾客争辩: `standard` set)
 * costs this many times its weight; one that is only a slip in the scenario (顺着顾客跳过参观)
 * costs its weight. Tuned on the in-house and blind sets (1.25: blind Spearman 0.935 → 0.932).
 */
export const STANDARD_AVOID_FACTOR = 1.25;
/** What saying an avoided point costs in the handling score. */
const avoidCost = (kp: { weight: number; standard?: string | undefined }) => kp.weight * (kp.standard ? STANDARD_AVOID_FACTOR : 1);

/**
 * Share of its weight with which a key point of a turn the chat never reached counts as missed:
 * the chat did not get there (a miss), but the trainee was never asked (not a full miss).
 */
export const UNREACHED_WEIGHT = 0.5;

/**
 * handling: the scenario's key points, turn by turn. A point made earlier in the chat (a fact
 * stated a turn early) counts, and so does one made in the next turn (a step done a turn late);
 * key points of the turns on the way to a satisfied ending that the chat never reached count at
 * UNREACHED_WEIGHT of their weight when it did not end satisfied: as missed, or as made when the
 * agent made them earlier in the chat (points of the scenario's own intents, not built-in ones
 * such as greetings and thanks).
 */
export function checkHandling({ play, scenario, rules }: CheckContext): CheckResult & { overreachAt: number[] } {
  const turns = new Map(scenario.turns.map((t) => [t.id, t]));
  // A discount within the agent's own authority (checkAuthority's limit: 20 元 at the agent's
  // discretion, more via the supervisor) is not “自作主张降价”: an `avoid` point about discounts
  // counts only when a discount in the visit goes beyond it (or cannot be told in yuan). One rule
  // for the authority check and the key points, so a 20-yuan discount is not passed by one and
  // penalised by the other.
  const amountIntents = new Set([...compileIntents(scenario.intents).values()].filter((i) => i.amount).map((i) => i.id));
  const limit = scenario.discountLimitYuan ?? rules.discountMaxYuan;
  const withinAuthority = (visit: TurnVisit, intent: string) =>
    amountIntents.has(intent) &&
    visit.agent.every((at) => (play.messages[at] as AgentMessage).analysis.discounts.every((d) => d.yuan !== undefined && d.yuan <= limit));
  const findings: Finding[] = [];
  /** Where an avoided point marked `overreach` was said (score.ts caps the score by them). */
  const overreachAt: number[] = [];
  let total = 0;
  let earned = 0;
  const links = (turn: Turn, kp: { standard?: string | undefined; script?: string | undefined }) => {
    const script = kp.script ?? turn.script;
    return {
      standard: kp.standard ?? null,
      standardUrl: kp.standard ? urls.standard(kp.standard) : null,
      ...(script ? { scriptUrl: urls.script(script) } : {}),
      workflowUrl: turn.step ? urls.step(scenario.workflow, turn.step) : urls.workflow(scenario.workflow),
    };
  };
  const earlier = new Map<string, { hit: { evidence: string }; at: number }>();
  /** The trainee's words for intents said earlier in the chat. */
  const saidEarlier = (ids: readonly string[]) => ids.map((i) => earlier.get(i)?.hit.evidence ?? i).join(' / ');
  /** Intents said in a turn that has no rule about them, and where (not yet judged by a later turn). */
  const unjudged = new Map<string, number>();
  for (const [v, visit] of play.visits.entries()) {
    const turn = turns.get(visit.turn);
    if (!turn) continue;
    const hitAt = (intent: string) => visit.agent.find((at) => (play.messages[at] as AgentMessage).analysis.hits.has(intent));
    const lastAt = visit.agent[visit.agent.length - 1];
    // Said a turn late: the customer moved on before the agent got to a point (方便说两分钟吗 after
    // 我是客服小陈; 请这边坐 once the customer has said who sent her), and the next turn's messages
    // still make it. A step done a little out of order is done, as a fact stated a turn early is.
    // Not for a point the next turn asks for itself: then the message answers that turn.
    const nextVisit = play.visits[v + 1];
    const lateAt = (i: string) => nextVisit?.agent.find((at) => (play.messages[at] as AgentMessage).analysis.hits.has(i));
    const nextExpects = new Set(turns.get(nextVisit?.turn ?? '')?.expect.flatMap((kp) => kp.intents) ?? []);
    for (const kp of turn.expect) {
      total += kp.weight;
      const here = kp.intents.filter((i) => visit.intents.has(i));
      const before = kp.intents.filter((i) => !visit.intents.has(i) && earlier.has(i));
      const late = kp.intents.filter((i) => !visit.intents.has(i) && !earlier.has(i) && !nextExpects.has(i) && lateAt(i) !== undefined);
      const present = [...here, ...before, ...late];
      const made = holds(kp, present);
      if (made) earned += kp.weight;
      const at = made
        ? here[0] !== undefined
          ? hitAt(here[0])
          : before[0] !== undefined
            ? earlier.get(before[0])?.at
            : lateAt(late[0] as string)
        : lastAt;
      findings.push({
        ...links(turn, kp),
        passed: made,
        turn: turn.id,
        message: made
          ? `做到了：${kp.label}${here.length === 0 ? (before.length ? '（前面已经说到）' : '（下一轮才说到）') : ''}`
          : `没有做到：${kp.label}`,
        evidence: present.length
          ? present
              .map((i) => {
                const lateMsg = lateAt(i);
                const lateHit = lateMsg !== undefined ? (play.messages[lateMsg] as AgentMessage).analysis.hits.get(i) : undefined;
                return visit.intents.get(i)?.evidence ?? earlier.get(i)?.hit.evidence ?? lateHit?.evidence ?? i;
              })
              .join(' / ')
          : visit.agent.length
            ? '回复中没有相关内容'
            : '没有回复',
        ...(made ? {} : { model: turn.modelReplies.join('') }),
        ...(at !== undefined ? { at } : {}),
      });
    }
    for (const kp of turn.avoid) {
      const here = kp.intents.filter((i) => visit.intents.has(i) && !withinAuthority(visit, i));
      const before = kp.intents.filter((i) => !visit.intents.has(i) && unjudged.has(i));
      const present = [...here, ...before];
      const said = holds(kp, present);
      if (!said) continue;
      earned -= avoidCost(kp);
      const at = here[0] !== undefined ? hitAt(here[0]) : unjudged.get(before[0] as string);
      if (kp.overreach && at !== undefined) overreachAt.push(at);
      for (const i of before) unjudged.delete(i);
      findings.push({
        ...links(turn, kp),
        passed: false,
        turn: turn.id,
        message: `不应该：${kp.label}${here.length === 0 ? '（前面已经说了）' : ''}`,
        evidence: present.map((i) => visit.intents.get(i)?.evidence ?? earlier.get(i)?.hit.evidence ?? i).join(' / '),
        model: turn.modelReplies.join(''),
        ...(at !== undefined ? { at } : {}),
      });
    }
    // What a turn has no rule about waits for the next turn that has one: 大概三万五 quoted for the
    // kitchen before the customer asked is judged where the price is (a mistake made early counts,
    // as a fact stated early does).
    const judged = new Set([
      ...turn.expect.flatMap((k) => k.intents),
      ...turn.avoid.flatMap((k) => k.intents),
      ...turn.branches.flatMap((b) => [...b.when.all, ...b.when.any, ...b.when.none]),
    ]);
    for (const [intent, hit] of visit.intents) {
      const at = hitAt(intent);
      if (at === undefined) continue;
      if (!earlier.has(intent)) earlier.set(intent, { hit, at });
      if (judged.has(intent)) unjudged.delete(intent);
      else if (!unjudged.has(intent) && !withinAuthority(visit, intent)) unjudged.set(intent, at);
    }
  }
  const visited = new Set(play.visits.map((v) => v.turn));
  // A mistake said before the turn that has a rule about it, in a chat that never got there (四万八
  // quoted on the tour, 肯定跟明星一样 before the expert's turn): that turn judges it all the same,
  // at UNREACHED_WEIGHT, as it does the points it expects.
  for (const id of happyPath(scenario)) {
    const turn = turns.get(id);
    if (!turn || visited.has(id)) continue;
    for (const kp of turn.avoid) {
      const before = kp.intents.filter((i) => unjudged.has(i));
      if (!holds(kp, before)) continue;
      earned -= avoidCost(kp) * UNREACHED_WEIGHT;
      const at = unjudged.get(before[0] as string);
      if (kp.overreach && at !== undefined) overreachAt.push(at);
      findings.push({
        ...links(turn, kp),
        passed: false,
        turn: turn.id,
        message: `不应该：${kp.label}（前面已经说了）`,
        evidence: saidEarlier(before),
        model: turn.modelReplies.join(''),
        ...(at !== undefined ? { at } : {}),
      });
      for (const i of before) unjudged.delete(i);
    }
  }
  if (play.ending.kind !== 'satisfied') {
    for (const id of happyPath(scenario)) {
      const turn = turns.get(id);
      if (!turn || visited.has(id)) continue;
      for (const kp of turn.expect) {
        total += kp.weight * UNREACHED_WEIGHT;
        // Made earlier in the chat all the same (转达经理的答复 said while the customer was a turn
        // behind): a point of the scenario's own, not a greeting or thanks any chat says.
        const said = kp.intents.filter((i) => earlier.has(i) && !BUILTIN_INTENT_IDS.includes(i));
        if (holds(kp, said)) {
          earned += kp.weight * UNREACHED_WEIGHT;
          const first = earlier.get(said[0] as string);
          findings.push({
            ...links(turn, kp),
            passed: true,
            turn: turn.id,
            message: `做到了：${kp.label}（前面已经说到）`,
            evidence: saidEarlier(said),
            ...(first ? { at: first.at } : {}),
          });
          continue;
        }
        findings.push({
          ...links(turn, kp),
          passed: false,
          turn: turn.id,
          message: `没有做到：${kp.label}（对话没有走到这一步）`,
          evidence: '没有走到这一步',
          model: turn.modelReplies.join(''),
        });
      }
    }
  }
  if (total === 0) return { ratio: 1, applicable: false, findings, overreachAt };
  return { ratio: Math.min(1, Math.max(0, earned / total)), applicable: true, findings, overreachAt };
}
