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
] as const;

/** A set of blind-format queries (`dir`/queries.yaml with `dir`/judgments.yaml). */
export function readBlindQueries(root: string, dir = BLIND_DIR): BlindQuery[] {
  const read = (file: string): unknown => parse(readFileSync(join(root, dir, file), 'utf8'));
  return blindQueries(read('queries.yaml'), read('judgments.yaml'));
}
