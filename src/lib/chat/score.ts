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
 * The grade comes from gradeFor (src/lib/grade-bands.ts).
 */
import { gradeFor, type Grade } from '../grade-bands.ts';
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
import { playChat, type AgentReply, type PlayResult } from './player.ts';
import type { ChatRules } from './rules.ts';

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
  const parts: [ScorePart, CheckResult][] = [
    ['first-response-time', checkFirstResponse(ctx)],
    ['reply-response-time', checkReplyTimes(ctx)],
    ['typing-speed', checkTyping(ctx)],
    ['polite-phrases', checkPolite(ctx)],
    ['three-musts', checkThreeMusts(ctx)],
    ['negative-phrases', checkNegative(ctx)],
    ['three-nots', checkThreeNots(ctx)],
    ['discount-authority', checkAuthority(ctx)],
    ['handling', checkHandling(ctx)],
    ['ending', { ratio: ENDING_CREDIT[play.ending.kind], applicable: true, findings: [] }],
  ];
  const agentMessages = play.messages.filter((m) => m.from === 'agent');
  let weights = 0;
  let earned = 0;
  for (const [part, r] of parts) {
    if (!r.applicable) continue;
    weights += SCORE_WEIGHTS[part];
    earned += SCORE_WEIGHTS[part] * r.ratio;
  }
  const raw = agentMessages.length === 0 || weights === 0 ? 0 : (earned / weights) * 100;
  const score = Math.round(raw * 10) / 10;

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
    breakdown: parts.map(([part, r]) => ({
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

/** Plays `scenario` with `replies` and scores it. Deterministic; never throws on trainee input. */
export function scoreChat(scenario: Scenario, replies: readonly AgentReply[], rules: ChatRules): ChatReport {
  return scorePlay(scenario, playChat(scenario, replies, rules), rules);
}
