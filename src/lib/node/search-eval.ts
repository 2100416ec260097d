/** Reads the search evaluation sets (tests/search-eval/queries.yaml and the blind set) for the tests and the benchmark. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { blindQueries, type BlindQuery, type EvalQuery } from '../search/evaluate.ts';

/** Path of the committed query set below the project root. */
export const EVAL_QUERIES = 'tests/search-eval/queries.yaml';

export function readEvalQueries(root: string, file = EVAL_QUERIES): EvalQuery[] {
  const path = join(root, file);
  const raw: unknown = parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${file}: 应是一个列表`);
  return raw.map((item: unknown, i) => {
    const q = item as Partial<EvalQuery> | null;
    const ok =
      !!q &&
      typeof q.q === 'string' &&
      typeof q.type === 'string' &&
      Array.isArray(q.expect) &&
      q.expect.length > 0 &&
      q.expect.every((e) => typeof e === 'string' && /^(script|workflow|step|standard):\S+$/.test(e));
    if (!ok) throw new Error(`${file} [${i}]: 需要 q、type 和 expect（kind:id 列表）`);
    return { q: q.q!, type: q.type!, expect: q.expect! };
  });
}

/** The blind set: queries and judgments, frozen (tests/search-eval/blind/). */
export const BLIND_DIR = 'tests/search-eval/blind';
/**
 * The holdout set, in the blind set's format: written from the sources and judged from the content
 * by two helpers while the ranking was being tuned on the blind set, and never tuned against.
 */
export const HOLDOUT_DIR = 'tests/search-eval/holdout';
/** Every holdout set (a second and a third were written the same way, each after the one before was scored). */
export const HOLDOUT_DIRS = [
  HOLDOUT_DIR,
  'tests/search-eval/holdout2',
  'tests/search-eval/holdout3',
  'tests/search-eval/holdout4',
  'tests/search-eval/holdout5',
  'tests/search-eval/holdout6',
  'tests/search-eval/holdout7',
  'tests/search-eval/holdout8',
  'tests/search-eval/holdout9',
  'tests/search-eval/holdout10',
  'tests/search-eval/holdout11',
  'tests/search-eval/holdout12',
] as const;

/**
 * Entries added to the content after some sets were judged, each batch with the first set whose
 * judges saw it (a set not listed in HOLDOUT_DIRS yet: one still to be judged). The sets judged
 * before are scored without them (BlindQuery `unjudged`).
 */
export const ADDED_AFTER_JUDGING: ReadonlyArray<{ firstJudgedBy: string; entries: readonly string[] }> = [
  {
    // Session 7: replies for situations the sets kept asking about that had only a rule or a step.
    firstJudgedBy: 'tests/search-eval/holdout11',
    entries: [
      'script:salon-new-client-no-selling',
      'script:reno-first-payment-to-whom',
      'script:vip-pre-visit-photos',
      'script:files-privacy-question',
    ],
  },
];

/** Where a set stands in the order the sets were judged (a set not listed comes after all). */
function judgedAt(dir: string): number {
  const order: readonly string[] = [BLIND_DIR, ...HOLDOUT_DIRS];
  const at = order.indexOf(dir);
  return at < 0 ? order.length : at;
}

/** A set of blind-format queries (`dir`/queries.yaml with `dir`/judgments.yaml). */
export function readBlindQueries(root: string, dir = BLIND_DIR): BlindQuery[] {
  const read = (file: string): unknown => parse(readFileSync(join(root, dir, file), 'utf8'));
  const unjudged = ADDED_AFTER_JUDGING.filter((batch) => judgedAt(batch.firstJudgedBy) > judgedAt(dir)).flatMap((batch) => batch.entries);
  const queries = blindQueries(read('queries.yaml'), read('judgments.yaml'));
  return unjudged.length ? queries.map((q) => ({ ...q, unjudged })) : queries;
}
