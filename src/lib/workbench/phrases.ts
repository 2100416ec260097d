/**
 * Quick-phrase export: the replies as the phrase lists of the staff's IM workbench. 千牛 imports a
 * CSV whose header is exactly 快捷短语编码,快捷短语,快捷短语分组 (code, phrase, group); other
 * workbenches (企业微信, 京东咚咚, 抖店飞鸽) get a plain-text list to paste from. Replies are filled
 * from a profile first; what stays unfilled is counted so the caller can say so.
 *
 * Length: no published limit for one 千牛 quick phrase was found, so nothing is cut; phrases over
 * LONG_PHRASE_CHARS are counted and reported so the user checks them after the import.
 */
import { fillReply, type PlaceholderValues } from './fill.ts';

/** The exact header line 千牛 expects. */
export const QIANNIU_HEADER = '快捷短语编码,快捷短语,快捷短语分组';
/** Phrases longer than this are reported as long (a typical IM message box; not a documented limit). */
export const LONG_PHRASE_CHARS = 500;

/** Short latin codes of the stages, typed in the workbench to call a phrase (售前 → sq). */
export const STAGE_CODES: Record<string, string> = {
  售前: 'sq',
  售中: 'sz',
  售后: 'sh',
  投诉: 'ts',
  回访: 'hf',
  接待: 'jd',
  管理: 'gl',
  通用: 'ty',
};

export interface PhraseSource {
  id: string;
  title: string;
  stage: string;
  /** The workflow's title (group when grouping by workflow). */
  workflowTitle: string;
  reply: string;
}

export interface Phrase {
  /** Short code: stage letters + number within the stage, e.g. sq12. */
  code: string;
  /** The reply filled from the profile. */
  text: string;
  group: string;
  /** The script id it came from. */
  id: string;
  /** Placeholders left unfilled in it. */
  unfilledCount: number;
}

export interface PhraseSummary {
  phrases: Phrase[];
  /** Placeholder occurrences left unfilled, over all phrases. */
  unfilled: number;
  /** Distinct names left unfilled. */
  unfilledNames: string[];
  /** Phrases over LONG_PHRASE_CHARS. */
  long: number;
}

/** The phrases of these replies, filled from `values`; grouped by stage (default) or workflow. */
export function buildPhrases(
  sources: readonly PhraseSource[],
  values: PlaceholderValues,
  group: 'stage' | 'workflow' = 'stage',
): PhraseSummary {
  const counters = new Map<string, number>();
  const names = new Set<string>();
  let unfilled = 0;
  let long = 0;
  const phrases = sources.map((s) => {
    const prefix = STAGE_CODES[s.stage] ?? 'ty';
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    const filled = fillReply(s.reply, values);
    unfilled += filled.unfilledCount;
    filled.unfilled.forEach((u) => names.add(u));
    const text = filled.text;
    if ([...text].length > LONG_PHRASE_CHARS) long++;
    return {
      code: `${prefix}${n}`,
      text,
      group: group === 'stage' ? s.stage : s.workflowTitle,
      id: s.id,
      unfilledCount: filled.unfilledCount,
    };
  });
  return { phrases, unfilled, unfilledNames: [...names], long };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The 千牛 import file: UTF-8 with a byte-order mark (so Excel opens it as UTF-8), the header, then
 * one phrase per row; CRLF line ends as RFC 4180 says.
 */
export function qianniuCsv(phrases: readonly Phrase[]): string {
  const rows = [QIANNIU_HEADER, ...phrases.map((p) => [p.code, p.text, p.group].map(csvField).join(','))];
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}

/** A plain-text list: per group a heading, then `code  phrase` blocks separated by blank lines. */
export function phrasesText(phrases: readonly Phrase[]): string {
  const groups = new Map<string, Phrase[]>();
  for (const p of phrases) (groups.get(p.group) ?? groups.set(p.group, []).get(p.group)!).push(p);
  return [...groups].map(([g, list]) => `# ${g}\n\n` + list.map((p) => `${p.code}\n${p.text}`).join('\n\n')).join('\n\n\n') + '\n';
}
