/**
 * The rule set the chat engine scores against, built from the standards content
 * (content/standards/*.yaml) so that phrase lists and numbers live in one place only:
 *
 * | rule                | standard id           | field            | fallback when missing |
 * |---------------------|-----------------------|------------------|-----------------------|
 * | polite words        | polite-phrases        | phrases          | none (check skipped)  |
 * | banned phrases      | negative-phrases      | phrases          | none (check skipped)  |
 * | 三不 phrases         | three-nots            | phrases          | none (check skipped)  |
 * | first reply limit   | first-response-time   | threshold.max    | 15 s                  |
 * | reply limit         | reply-response-time   | threshold.max    | 20 s                  |
 * | typing speed        | typing-speed          | threshold.min    | 50 字/分钟             |
 * | discount authority  | discount-authority    | threshold.max    | 20 元                  |
 *
 * Every fallback used is reported in `warnings` (and in the chat report's notes).
 */
import type { Standard } from '../../schemas/standard.ts';

/** Standard ids the engine refers to (fixed by the content plan). */
export const CHAT_STANDARDS = {
  firstResponse: 'first-response-time',
  replyResponse: 'reply-response-time',
  typing: 'typing-speed',
  polite: 'polite-phrases',
  threeMusts: 'three-musts',
  threeNots: 'three-nots',
  negative: 'negative-phrases',
  discount: 'discount-authority',
} as const;

export interface ChatRules {
  /** Polite words to use (polite-phrases). */
  politeWords: string[];
  /** Phrases never to use (negative-phrases). */
  bannedPhrases: string[];
  /** Blunt, blame-shifting or customer-blaming phrases (three-nots). */
  threeNotsPhrases: string[];
  /** Seconds allowed for the first reply. */
  firstReplySec: number;
  /** Seconds allowed for every later reply. */
  replySec: number;
  /** Minimum typing speed in characters per minute. */
  typingMinCpm: number;
  /** Largest discount in yuan an agent may promise alone. */
  discountMaxYuan: number;
  /** Ids of the standards that were found (findings link only to these). */
  known: Set<string>;
  /** Fallbacks used, in Chinese. */
  warnings: string[];
}

export const FALLBACKS = { firstReplySec: 15, replySec: 20, typingMinCpm: 50, discountMaxYuan: 20 } as const;

type StandardLike = Pick<Standard, 'id' | 'phrases'> & { threshold?: { min?: number; max?: number } | undefined };

/** Builds the rule set from Standard entries (any order; extra standards are ignored). */
export function buildChatRules(standards: readonly StandardLike[]): ChatRules {
  const byId = new Map(standards.map((s) => [s.id, s]));
  const warnings: string[] = [];
  const phrases = (id: string) => {
    const s = byId.get(id);
    if (!s) warnings.push(`缺少标准 “${id}”，相关检查已跳过`);
    else if (s.phrases.length === 0) warnings.push(`标准 “${id}” 没有 phrases，相关检查已跳过`);
    return [...(s?.phrases ?? [])];
  };
  const number = (id: string, key: 'min' | 'max', fallback: number) => {
    const value = byId.get(id)?.threshold?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    warnings.push(`标准 “${id}” 没有 threshold.${key}，按 ${fallback} 计算`);
    return fallback;
  };
  return {
    politeWords: phrases(CHAT_STANDARDS.polite),
    bannedPhrases: phrases(CHAT_STANDARDS.negative),
    threeNotsPhrases: phrases(CHAT_STANDARDS.threeNots),
    firstReplySec: number(CHAT_STANDARDS.firstResponse, 'max', FALLBACKS.firstReplySec),
    replySec: number(CHAT_STANDARDS.replyResponse, 'max', FALLBACKS.replySec),
    typingMinCpm: number(CHAT_STANDARDS.typing, 'min', FALLBACKS.typingMinCpm),
    discountMaxYuan: number(CHAT_STANDARDS.discount, 'max', FALLBACKS.discountMaxYuan),
    known: new Set(byId.keys()),
    warnings,
  };
}

/** Time limits of one chat, in seconds, after the scenario's overrides. */
export interface Limits {
  firstReplySec: number;
  replySec: number;
  holdSec: number;
  leaveAfterSec: number;
}

/** 2-3 minutes to ask the supervisor (bargaining SOP): a wait announced with 稍等 may last 180 s. */
export const DEFAULT_HOLD_SEC = 180;
/** A customer gives up when a wait runs this far past its limit. */
export const DEFAULT_LEAVE_AFTER_SEC = 120;

export function resolveLimits(
  rules: ChatRules,
  own: {
    firstReplySec?: number | undefined;
    replySec?: number | undefined;
    holdSec?: number | undefined;
    leaveAfterSec?: number | undefined;
  } = {},
): Limits {
  return {
    firstReplySec: own.firstReplySec ?? rules.firstReplySec,
    replySec: own.replySec ?? rules.replySec,
    holdSec: own.holdSec ?? DEFAULT_HOLD_SEC,
    leaveAfterSec: own.leaveAfterSec ?? DEFAULT_LEAVE_AFTER_SEC,
  };
}
