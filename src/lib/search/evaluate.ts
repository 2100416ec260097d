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

/**
 * A query of the blind set (tests/search-eval/blind/): judged by its first results. `right` are
 * the acceptable first results (the judgments' best ∪ ok); a query counts as found at k when any
 * of them is in the top k.
 */
export interface BlindQuery {
  id: string;
  /** keyword | pasted | traditional | rule. */
  kind: string;
  q: string;
  right: string[];
  /**
   * Entries added to the content after the set was judged: nobody judged them for this query, so
   * they are left out of its ranking (a condensed list) rather than counted as a wrong first result.
   */
  unjudged?: string[];
}

export interface FirstResultFigures {
  n: number;
  /** Share of queries with an acceptable item first. */
  recall1: number;
  /** … within the top 5. */
  recall5: number;
  /** Mean of 1 / rank of the first acceptable item (0 when none in the ranking). */
  mrr: number;
}

export interface BlindReport extends FirstResultFigures {
  byKind: Record<string, FirstResultFigures>;
  outcomes: Array<{ query: BlindQuery; ranked: string[]; rank: number }>;
}

/** Joins the blind queries and their judgments (parsed YAML); throws on a query without judgment. */
export function blindQueries(queries: unknown, judgments: unknown): BlindQuery[] {
  if (!Array.isArray(queries)) throw new Error('blind queries: 应是一个列表');
  const j = (judgments ?? {}) as Record<string, { best?: unknown; ok?: unknown } | undefined>;
  const list = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  return queries.map((item: unknown, i) => {
    const q = item as { id?: unknown; kind?: unknown; q?: unknown } | null;
    if (!q || typeof q.id !== 'string' || typeof q.kind !== 'string' || typeof q.q !== 'string')
      throw new Error(`blind queries [${i}]: 需要 id、kind 和 q`);
    const judged = j[q.id];
    if (!judged) throw new Error(`blind judgments: ${q.id} 没有判分`);
    return { id: q.id, kind: q.kind, q: q.q, right: [...new Set([...list(judged.best), ...list(judged.ok)])] };
  });
}

/** Runs `rank` over the blind set: recall@1, recall@5 and MRR overall and per kind. */
export async function evaluateBlind(queries: BlindQuery[], rank: (q: string) => string[] | Promise<string[]>): Promise<BlindReport> {
  const outcomes: BlindReport['outcomes'] = [];
  for (const query of queries) {
    const unjudged = new Set(query.unjudged ?? []);
    const ranked = (await rank(query.q)).filter((k) => !unjudged.has(k));
    const right = new Set(query.right);
    outcomes.push({ query, ranked, rank: ranked.findIndex((k) => right.has(k)) + 1 });
  }
  const figures = (of: BlindReport['outcomes']): FirstResultFigures => {
    const n = of.length || 1;
    return {
      n: of.length,
      recall1: of.filter((o) => o.rank === 1).length / n,
      recall5: of.filter((o) => o.rank >= 1 && o.rank <= 5).length / n,
      mrr: of.reduce((a, o) => a + (o.rank ? 1 / o.rank : 0), 0) / n,
    };
  };
  const byKind: Record<string, FirstResultFigures> = {};
  for (const kind of [...new Set(queries.map((q) => q.kind))]) byKind[kind] = figures(outcomes.filter((o) => o.query.kind === kind));
  return { ...figures(outcomes), byKind, outcomes };
}
