/**
 * A stable fingerprint of a quiz, stored in every attempt (quizHash) so an attempt made against
 * other quiz content is recognised even when the author forgot to bump `version`.
 *
 * quizHash = FNV-1a (32 bit, over UTF-8 bytes) of the canonical JSON of the quiz as the schema
 * reads it (defaults filled in, keys sorted, unknown keys such as the loader's `file` dropped), as 8
 * lower-case hex digits. Any change of the content — a question, an option, a score, a text —
 * changes the hash; reordering YAML keys or adding comments does not.
 */
import { quizSchema, type Quiz } from '../../schemas/quiz.ts';

/** JSON with object keys sorted at every level and `undefined` members left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** FNV-1a, 32 bit, over the UTF-8 bytes of `text`; an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The quiz's content hash: 8 hex digits. Accepts the parsed quiz (also with extra keys such as
 * `file`) or the raw YAML object; throws when it is not a valid quiz.
 */
export function quizHash(quiz: Quiz | Record<string, unknown>): string {
  const normalised = quizSchema.parse(quiz);
  return fnv1a32(canonicalJson(normalised)).toString(16).padStart(8, '0');
}
