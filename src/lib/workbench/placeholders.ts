/**
 * Reply placeholders: finding 【名称】 in a reply, the old blank styles (××, XXX, **, 【50】) the
 * vocabulary replaced, and the build check that every reply, variant and scenario line uses only
 * names of content/placeholders.yaml. Pure: the build, `sop validate` and the islands share it.
 */
import type { Placeholder } from '../../schemas/placeholder.ts';
import type { ContentProblem } from '../content/problems.ts';

/** 【名称】: at most 20 characters inside, no line break (an empty 【】 matches too, and is unknown). */
export const PLACEHOLDER_PATTERN = /【([^】\n]{0,20})】/gu;

/** One occurrence of a placeholder in a text. */
export interface PlaceholderMatch {
  /** The name between the brackets. */
  name: string;
  /** Offset of 【 in the text. */
  index: number;
  /** Length including both brackets. */
  length: number;
}

/** Every 【名称】 in `text`, in order. */
export function findPlaceholders(text: string): PlaceholderMatch[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => ({ name: m[1] ?? '', index: m.index, length: m[0].length }));
}

/**
 * Old blank styles, each a pattern and what the author should write instead:
 * ×× and 小× (a × between digits, as in 6×24, is a multiplication sign), XX/XXX (not XXL), **,
 * ＊＊, ○○ and runs of underscores.
 */
const OLD_BLANKS: RegExp[] = [/(?<!\d)×|×(?!\d)/gu, /(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])/gu, /\*\*|＊＊/gu, /○○/gu, /_{2,}/gu];

/** The old-style blanks in `text` (××, XXX, **, ○○, ___), in order. */
export function findOldBlanks(text: string): string[] {
  const found: { at: number; s: string }[] = [];
  for (const re of OLD_BLANKS) for (const m of text.matchAll(re)) found.push({ at: m.index, s: m[0] });
  return found.sort((a, b) => a.at - b.at).map((f) => f.s);
}

/** A text that must use the vocabulary: where it is (file, field) and what it says. */
export interface ReplyText {
  file: string;
  field: string;
  text: string;
}

/** The script and scenario texts staff copy or the chat shows as model lines. */
export interface ReplySources {
  scripts: readonly { id: string; file: string; reply: string; variants: readonly string[] }[];
  scenarios?: readonly {
    file: string;
    opening: string;
    turns: readonly { customer: readonly string[]; modelReplies: readonly string[] }[];
  }[];
}

/** Every reply, variant and scenario line with its file and field. */
export function replyTexts(site: ReplySources): ReplyText[] {
  const out: ReplyText[] = [];
  for (const s of site.scripts) {
    out.push({ file: s.file, field: `${s.id}.reply`, text: s.reply });
    s.variants.forEach((text, i) => out.push({ file: s.file, field: `${s.id}.variants[${i}]`, text }));
  }
  for (const sc of site.scenarios ?? []) {
    out.push({ file: sc.file, field: 'opening', text: sc.opening });
    sc.turns.forEach((t, i) => {
      t.customer.forEach((text, j) => out.push({ file: sc.file, field: `turns[${i}].customer[${j}]`, text }));
      t.modelReplies.forEach((text, j) => out.push({ file: sc.file, field: `turns[${i}].modelReplies[${j}]`, text }));
    });
  }
  return out;
}

/** Problems of the vocabulary itself: a name or alias listed twice. */
export function checkVocabulary(
  vocabulary: readonly (Placeholder & { file?: string })[],
  file = 'content/placeholders.yaml',
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Map<string, string>();
  vocabulary.forEach((p, i) => {
    for (const [kind, word] of [['name', p.name] as const, ...p.aliases.map((a) => ['aliases', a] as const)]) {
      const first = seen.get(word);
      if (first)
        problems.push({ file: p.file ?? file, field: `[${i}] ${p.name}.${kind}`, message: `占位符 “${word}” 重复（已用于 ${first}）` });
      else seen.set(word, p.name);
    }
  });
  return problems;
}

/**
 * Every reply, variant and scenario line may use only the vocabulary's names, and none of the old
 * blank styles. Each problem names the file, the field, the bad placeholder and the names allowed.
 */
export function checkPlaceholders(site: ReplySources, vocabulary: readonly Placeholder[]): ContentProblem[] {
  const known = new Set(vocabulary.map((p) => p.name));
  const aliasOf = new Map(vocabulary.flatMap((p) => p.aliases.map((a) => [a, p.name] as const)));
  const problems: ContentProblem[] = [];
  for (const { file, field, text } of replyTexts(site)) {
    for (const m of findPlaceholders(text)) {
      if (known.has(m.name)) continue;
      const alias = aliasOf.get(m.name);
      const hint = alias ? `请改为【${alias}】` : `可用的有：${[...known].join('、')}（content/placeholders.yaml）`;
      problems.push({ file, field, message: `未知的占位符【${m.name}】，${hint}` });
    }
    const old = findOldBlanks(text);
    if (old.length) {
      problems.push({
        file,
        field,
        message: `旧式空白 “${[...new Set(old)].join('”、“')}”：请改用【】占位符（如【店名】【客服名】【日期】）或写出实际内容`,
      });
    }
  }
  return problems;
}

/** How often each placeholder name occurs in the replies, in vocabulary order; names never used are left out. */
export function placeholderUsage(site: ReplySources, vocabulary: readonly Placeholder[]): { name: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { text } of replyTexts(site)) for (const m of findPlaceholders(text)) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  return vocabulary.filter((p) => counts.has(p.name)).map((p) => ({ name: p.name, label: p.label, count: counts.get(p.name) ?? 0 }));
}
