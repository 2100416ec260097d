/**
 * Search quality on the REAL content: every query of tests/search-eval/queries.yaml is run
 * through the same index round trip as the browser; recall@5 must stay at 0.95 or more.
 * Prints recall@5, MRR, the figures per query type and the queries that miss.
 */
import { describe, expect, it } from 'vitest';
import { loadSearchIndexFromDisk } from '../../src/lib/node/search-index.ts';
import { readEvalQueries } from '../../src/lib/node/search-eval.ts';
import { search } from '../../src/lib/search/query.ts';
import { evaluate } from '../../src/lib/search/evaluate.ts';
import { projectRoot } from '../../src/cli/root.ts';

const MIN_RECALL = 0.95;

describe('search evaluation on the real content', () => {
  const root = projectRoot();
  const index = loadSearchIndexFromDisk(root);
  const queries = readEvalQueries(root);

  it('has at least 80 queries of every kind asked for', () => {
    expect(queries.length).toBeGreaterThanOrEqual(80);
    const types = new Set(queries.map((q) => q.type));
    for (const t of ['colloquial', 'traditional', 'fullwidth', 'partial']) expect(types).toContain(t);
  });

  it('names only entries that exist', () => {
    const known = new Set(index.docs.map((d) => `${d.kind}:${d.id}`));
    const unknown = queries.flatMap((q) => q.expect.filter((id) => !known.has(id)).map((id) => `${q.q} → ${id}`));
    expect(unknown).toEqual([]);
  });

  it(`recall@5 ≥ ${MIN_RECALL} (and reports MRR)`, async () => {
    const report = await evaluate(queries, (q) => search(index, q, { limit: 10 }).hits.map((h) => `${h.doc.kind}:${h.doc.id}`));
    const lines = [
      `搜索评测：${queries.length} 个查询，recall@5 = ${report.recall.toFixed(4)}，MRR = ${report.mrr.toFixed(4)}`,
      ...Object.entries(report.byType).map(
        ([t, r]) => `  ${t.padEnd(12)} n=${String(r.n).padStart(3)}  recall@5=${r.recall.toFixed(3)}  MRR=${r.mrr.toFixed(3)}`,
      ),
      ...report.outcomes
        .filter((o) => o.recall < 1)
        .map((o) => `  未全部命中：${o.query.q} 缺 ${o.missing.join(', ')}；前 5：${o.ranked.slice(0, 5).join(' ')}`),
    ];
    console.log(lines.join('\n'));
    expect(report.recall).toBeGreaterThanOrEqual(MIN_RECALL);
  }, 60_000);
});
