/**
 * The chat scorer: plays a scenario with the agent's replies and explains the score.
 *
 * Score (0-100) = Σ weight × ratio over the parts below, divided by the sum of the weights of
 * the parts that could be judged (a part is left out only when its standard has no phrase list
 * or the scenario has no key points), × 100, rounded to one decimal. The ratio of each part is
 * described in checks.ts. A chat in which the agent sent nothing scores 0.
 *
 * | part                     | weight | what                                               |
 * |--------------------------|-------:|----------------------------------------------------|
 * | first-response-time      |      8 | first reply within 15 s                            |
 * | reply-response-time      |      8 | every later reply within 20 s (180 s after 稍等)    |
 * | typing-speed             |      4 | ≥ 50 characters per minute                         |
 * | polite-phrases           |      8 | at least 3 different polite words                  |
 * | three-musts              |      8 | 请 / 您 (never 你) / 再见 at the close                |
 * | negative-phrases         |      8 | none of 我不能、我不会、我不愿意、我不可以、但是        |
 * | three-nots               |      8 | no blunt, blame-shifting or customer-blaming words |
 * | discount-authority       |      8 | no discount over 20 元 (ask the supervisor)         |
 * | handling                 |     30 | the scenario's SOP key points, turn by turn        |
 * | ending                   |     10 | satisfied 100 %, escalates 30 %, leaves 0 %         |
 *
 * Substance first: the parts that pass unless broken (times, typing, politeness, 三要, banned
 * phrases, 三不, authority) are scaled by the key-point coverage — × (SUBSTANCE_FLOOR + (1 −
 * SUBSTANCE_FLOOR) × min(1, handling ratio / SUBSTANCE_FULL)) — so a polite chat that answered
 * nothing keeps only a third of them, and a slow, curt chat that got the substance right is not
 * wiped out. Then caps: a
 * promise beyond one's authority (compensation, guarantees, discounts over the limit, asking for a
 * 验证码 or for money past the platform, or an avoided point the scenario marks `overreach`) caps
 * the score at OVERREACH_CAP (OVERREACH_CAP_MANY for two or more), gaming (gaming.ts) at
 * GAMING_CAP / GAMING_CAP_MANY, a curt chat at CURT_CAP and a rude one (RUDE_COUNT 三不 findings)
 * at RUDE_CAP.
 *
 * `fixes` lists the three most important failed findings first: gaming, then promises beyond
 * authority, then missed key points (heaviest first), then the rest.
 *
 * The grade comes from gradeFor (src/lib/grade-bands.ts).
 */
import { gradeFor, type Grade } from '../grade-bands.ts';
import { urls } from '../urls.ts';
import type { Ending, EndingKind, Scenario } from '../../schemas/scenario.ts';
import {
  checkAuthority,
  checkFirstResponse,
  checkHandling,
  checkNegative,
  checkPolite,
  checkReplyTimes,
  checkThreeMusts,
  checkThreeNots,
  checkTyping,
  type CheckContext,
  type CheckResult,
  type Finding,
} from './checks.ts';
import { checkGaming } from './gaming.ts';
import { playChat, type AgentReply, type PlayResult } from './player.ts';
import { CHAT_STANDARDS, type ChatRules } from './rules.ts';

export const SCORE_WEIGHTS = {
  'first-response-time': 8,
  'reply-response-time': 8,
  'typing-speed': 4,
  'polite-phrases': 8,
  'three-musts': 8,
  'negative-phrases': 8,
  'three-nots': 8,
  'discount-authority': 8,
  handling: 30,
  ending: 10,
} as const;
export type ScorePart = keyof typeof SCORE_WEIGHTS;

/** Key-point coverage (handling ratio) from which the general parts count in full. */
export const SUBSTANCE_FULL = 0.6;
/** Share of the general parts a chat keeps even with no key point made (form still counts a little). */
export const SUBSTANCE_FLOOR = 0.35;
/** Parts that pass unless broken: scaled by the key-point coverage. */
const GENERAL_PARTS: ReadonlySet<ScorePart> = new Set([
  'first-response-time',
  'reply-response-time',
  'typing-speed',
  'polite-phrases',
  'three-musts',
  'negative-phrases',
  'three-nots',
  'discount-authority',
]);
/**
 * Highest score with one promise beyond the agent's authority, and with two or more: a chat that
 * buys the customer off (compensation, guarantees, discounts over the limit) is wrong in substance
 * however polite, and stays in the poor range (a trainer grades these 15-25).
 */
export const OVERREACH_CAP = 35;
export const OVERREACH_CAP_MANY = 25;
/**
 * Highest score of a chat without a single polite word and none of 三要 (no 您好/请/谢谢/对不起/
 * 再见, no 您): right in substance but curt throughout, which the standards count as bad service;
 * a trainer grades these 40-45, below a pass (issue 13: “curt but right” ≤ 50).
 */
export const CURT_CAP = 45;
/** … also with at most one of 三要 kept, when the chat has not even a greeting. */
export const CURT_MUSTS = 0.34;

/**
 * Highest score of a chat with RUDE_COUNT or more 三不 findings (blunt words, pushing the matter
 * away, blaming the customer: 自己去德邦查, 不知道, 详情页写了的，没看吗): bad service however right
 * the facts, which trainers grade 5-30 (issue 13: poor ≤ 35).
 */
export const RUDE_COUNT = 3;
export const RUDE_CAP = 30;

/** Share of the ending part earned by each kind of ending. */
export const ENDING_CREDIT: Readonly<Record<EndingKind, number>> = { satisfied: 1, escalates: 0.3, leaves: 0 };

const PART_LABELS: Readonly<Record<ScorePart, string>> = {
  'first-response-time': '首次响应',
  'reply-response-time': '回复时效',
  'typing-speed': '打字速度',
  'polite-phrases': '礼貌用语',
  'three-musts': '三要',
  'negative-phrases': '禁用语',
  'three-nots': '三不',
  'discount-authority': '优惠权限',
  handling: '流程要点',
  ending: '对话结果',
};

export interface TranscriptEntry {
  from: 'customer' | 'agent';
  /** Plain text as typed or scripted; render it escaped. */
  text: string;
  /** Milliseconds since the customer's opening message. */
  atMs: number;
  /** Turn id. */
  turn: string;
  /** Messages of the failed findings about this entry. */
  problems?: string[];
}

export interface ScoreLine {
  part: ScorePart;
  label: string;
  weight: number;
  /** 0..1 */
  ratio: number;
  applicable: boolean;
}

export interface ChatReport {
  scenario: string;
  version: number;
  score: number;
  grade: Grade;
  ending: Ending;
  findings: Finding[];
  /** The three most important fixes (failed findings), most important first. */
  fixes: Finding[];
  breakdown: ScoreLine[];
  metrics: {
    agentMessages: number;
    ignoredReplies: number;
    /** First reply time in seconds, when there was one. */
    firstReplySec?: number;
    /** Longest later wait in seconds. */
    longestWaitSec?: number;
  };
  transcript: TranscriptEntry[];
  /** Rule fallbacks used (missing standards or thresholds), in Chinese. */
  notes: string[];
}

/** Scores an already played chat. */
export function scorePlay(scenario: Scenario, play: PlayResult, rules: ChatRules): ChatReport {
  const ctx: CheckContext = { scenario, rules, play };
  const authority = checkAuthority(ctx);
  const handling = checkHandling(ctx);
  const parts: [ScorePart, CheckResult][] = [
    ['first-response-time', checkFirstResponse(ctx)],
    ['reply-response-time', checkReplyTimes(ctx)],
    ['typing-speed', checkTyping(ctx)],
    ['polite-phrases', checkPolite(ctx)],
    ['three-musts', checkThreeMusts(ctx)],
    ['negative-phrases', checkNegative(ctx)],
    ['three-nots', checkThreeNots(ctx)],
    ['discount-authority', authority],
    ['handling', handling],
    ['ending', { ratio: ENDING_CREDIT[play.ending.kind], applicable: true, findings: [] }],
  ];
  const gaming = checkGaming(play);
  const substance = handling.applicable ? SUBSTANCE_FLOOR + (1 - SUBSTANCE_FLOOR) * Math.min(1, handling.ratio / SUBSTANCE_FULL) : 1;
  const agentMessages = play.messages.filter((m) => m.from === 'agent');
  let weights = 0;
  let earned = 0;
  for (const [part, r] of parts) {
    if (!r.applicable) continue;
    weights += SCORE_WEIGHTS[part];
    earned += SCORE_WEIGHTS[part] * r.ratio * (GENERAL_PARTS.has(part) ? substance : 1);
  }
  // An avoided point marked `overreach` (运费我们出) said where the authority check found nothing.
  const authorityAt = new Set(authority.findings.filter((f) => !f.passed).map((f) => f.at));
  const overreach = authority.overreach + new Set(handling.overreachAt.filter((at) => !authorityAt.has(at))).size;
  const overreachCap = overreach === 0 ? 100 : overreach === 1 ? OVERREACH_CAP : OVERREACH_CAP_MANY;
  const ratioOf = (part: ScorePart) => parts.find(([p]) => p === part)?.[1];
  const polite = ratioOf('polite-phrases');
  const musts = ratioOf('three-musts');
  // Not even a greeting (你好, 亲, 在的): the one 您 of 5点前回您 does not make such a chat polite.
  const greets = agentMessages.some((m) => m.analysis.hits.has('greets'));
  const curt =
    !!polite?.applicable && polite.ratio === 0 && !!musts?.applicable && (musts.ratio === 0 || (!greets && musts.ratio <= CURT_MUSTS));
  const curtCap = curt ? CURT_CAP : 100;
  const rude = (ratioOf('three-nots')?.findings ?? []).filter((f) => !f.passed).length >= RUDE_COUNT;
  const rudeCap = rude ? RUDE_CAP : 100;
  const raw =
    agentMessages.length === 0 || weights === 0 ? 0 : Math.min((earned / weights) * 100, gaming.cap, overreachCap, curtCap, rudeCap);
  const score = Math.round(raw * 10) / 10;
  if (substance < 1 && agentMessages.length > 0) {
    parts.push([
      'handling',
      {
        ratio: handling.ratio,
        applicable: false,
        findings: [
          {
            standard: null,
            standardUrl: null,
            passed: false,
            turn: null,
            message: `流程要点只做到 ${Math.round(handling.ratio * 100)}%：没有解决顾客的问题，礼貌和速度只按 ${Math.round(substance * 100)}% 计分`,
            evidence: '先回答顾客的问题，再讲礼貌和速度',
          },
        ],
      },
    ]);
  }
  parts.push(['handling', { ratio: 1, applicable: false, findings: gaming.findings }]);
  if (rude && (earned / Math.max(weights, 1)) * 100 > RUDE_CAP && agentMessages.length > 0) {
    parts.push([
      'three-nots',
      {
        ratio: 0,
        applicable: false,
        findings: [
          {
            standard: 'three-nots',
            standardUrl: urls.standard('three-nots'),
            passed: false,
            turn: null,
            message: `三不违规 ${RUDE_COUNT} 处以上（生硬、推诿或指责顾客）：事情说对了，服务态度不合格，得分最高 ${RUDE_CAP}`,
            evidence: '先把事情接下来（“这件事我来跟进”），再说明原因、给出办法',
          },
        ],
      },
    ]);
  }
  if (curt && (earned / Math.max(weights, 1)) * 100 > CURT_CAP && agentMessages.length > 0) {
    parts.push([
      'polite-phrases',
      {
        ratio: 0,
        applicable: false,
        findings: [
          {
            standard: 'three-musts',
            standardUrl: urls.standard('three-musts'),
            passed: false,
            turn: null,
            message:
              musts && musts.ratio > 0
                ? `全程没有一句礼貌用语，连问候都没有：内容对，态度不合格，得分最高 ${CURT_CAP}`
                : `全程没有一句礼貌用语，也没有做到三要：内容对，态度不合格，得分最高 ${CURT_CAP}`,
            evidence: '用“您好”开头、“请”字当头、称呼“您”、“再见”结尾',
          },
        ],
      },
    ]);
  }

  const findings = parts.flatMap(([, r]) => r.findings);
  const problemsAt = new Map<number, string[]>();
  for (const f of findings) {
    if (f.passed || f.at === undefined) continue;
    const list = problemsAt.get(f.at) ?? [];
    list.push(f.message);
    problemsAt.set(f.at, list);
  }
  const transcript: TranscriptEntry[] = play.messages.map((m, at) => {
    const problems = problemsAt.get(at) ?? [];
    return { from: m.from, text: m.text, atMs: m.atMs, turn: m.turn, ...(problems.length ? { problems } : {}) };
  });
  const firstAgent = agentMessages[0];
  const later = agentMessages.slice(1).map((m) => (m.from === 'agent' ? m.waitMs : 0));
  const longest = later.reduce((a, b) => Math.max(a, b), 0);

  return {
    scenario: scenario.id,
    version: scenario.version,
    score,
    grade: gradeFor(score),
    ending: play.ending,
    findings,
    fixes: topFixes(findings),
    breakdown: parts.slice(0, 10).map(([part, r]) => ({
      part,
      label: PART_LABELS[part],
      weight: SCORE_WEIGHTS[part],
      ratio: Math.round(r.ratio * 1000) / 1000,
      applicable: r.applicable,
    })),
    metrics: {
      agentMessages: agentMessages.length,
      ignoredReplies: play.ignoredReplies,
      ...(firstAgent?.from === 'agent' ? { firstReplySec: firstAgent.waitMs / 1000 } : {}),
      ...(later.length ? { longestWaitSec: longest / 1000 } : {}),
    },
    transcript,
    notes: [...rules.warnings],
  };
}

/** How much a failed finding matters: gaming, then authority, then key points, then timing, the rest. */
function importance(f: Finding): number {
  if (f.standard === null && !f.workflowUrl) return 100;
  if (f.standard === CHAT_STANDARDS.discount) return 90;
  if (f.workflowUrl) return f.message.startsWith('不应该') ? 85 : 80;
  if (f.standard === CHAT_STANDARDS.threeNots || f.standard === CHAT_STANDARDS.negative) return 70;
  if (f.standard === CHAT_STANDARDS.firstResponse || f.standard === CHAT_STANDARDS.replyResponse) return 60;
  return 50;
}

/** The three most important failed findings, most important first (stable within a level). */
export function topFixes(findings: readonly Finding[], n = 3): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => !f.passed)
    .sort((a, b) => importance(b.f) - importance(a.f) || a.i - b.i)
    .slice(0, n)
    .map(({ f }) => f);
}

/** Plays `scenario` with `replies` and scores it. Deterministic; never throws on trainee input. */
export function scoreChat(scenario: Scenario, replies: readonly AgentReply[], rules: ChatRules): ChatReport {
  return scorePlay(scenario, playChat(scenario, replies, rules), rules);
}
