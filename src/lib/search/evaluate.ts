/**
 * Ranking metrics for the search evaluation (tests/search-eval/): recall@k and mean reciprocal
 * rank over a query set. Pure; the same code scores our search and Pagefind in the benchmark.
 */
export interface EvalQuery {
  /** The query as typed. */
  q: string;
  /** Relevant entries as `kind:id`. */
  expect: string[];
  /** Query category (colloquial, traditional, fullwidth …). */
  type: string;
}

export interface QueryOutcome {
  query: EvalQuery;
  /** Returned `kind:id`s, best first. */
  ranked: string[];
  /** Relevant entries in the top k / min(relevant, k). */
  recall: number;
  /** 1 / rank of the first relevant entry (0 when none is returned). */
  reciprocalRank: number;
  /** Relevant entries missing from the top k. */
  missing: string[];
}

export interface EvalReport {
  k: number;
  recall: number;
  mrr: number;
  outcomes: QueryOutcome[];
  /** Mean recall per query type. */
  byType: Record<string, { n: number; recall: number; mrr: number }>;
}

export function scoreQuery(query: EvalQuery, ranked: string[], k: number): QueryOutcome {
  const top = new Set(ranked.slice(0, k));
  const found = query.expect.filter((id) => top.has(id));
  const first = ranked.findIndex((id) => query.expect.includes(id));
  return {
    query,
    ranked,
    recall: query.expect.length ? found.length / Math.min(query.expect.length, k) : 1,
    reciprocalRank: first >= 0 ? 1 / (first + 1) : 0,
    missing: query.expect.filter((id) => !top.has(id)),
  };
}

/** Runs `rank` (query → `kind:id`s, best first) over the set. */
export async function evaluate(queries: EvalQuery[], rank: (q: string) => string[] | Promise<string[]>, k = 5): Promise<EvalReport> {
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) outcomes.push(scoreQuery(query, await rank(query.q), k));
  const mean = (list: number[]) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);
  const byType: EvalReport['byType'] = {};
  for (const type of [...new Set(queries.map((q) => q.type))]) {
    const of = outcomes.filter((o) => o.query.type === type);
    byType[type] = { n: of.length, recall: mean(of.map((o) => o.recall)), mrr: mean(of.map((o) => o.reciprocalRank)) };
  }
  return { k, recall: mean(outcomes.map((o) => o.recall)), mrr: mean(outcomes.map((o) => o.reciprocalRank)), outcomes, byType };
}
