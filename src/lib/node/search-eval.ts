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
export const BLIND_QUERIES = 'tests/search-eval/blind/queries.yaml';
export const BLIND_JUDGMENTS = 'tests/search-eval/blind/judgments.yaml';

export function readBlindQueries(root: string): BlindQuery[] {
  const read = (file: string): unknown => parse(readFileSync(join(root, file), 'utf8'));
  return blindQueries(read(BLIND_QUERIES), read(BLIND_JUDGMENTS));
}
