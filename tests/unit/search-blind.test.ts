/**
 * Search quality on the BLIND set (tests/search-eval/blind/: queries and judgments written and
 * frozen before any tuning, without sight of the code): the share of queries whose first result
 * is acceptable (recall@1), found in the top 5 (recall@5), and MRR, overall and per kind. The
 * floors are the figures reached (the targets are recall@1 ≥ 0.90, recall@5 ≥ 0.97, and
 * recall@1 ≥ 0.85 in every kind; see the report of `npm run bench:search` for the gap). A change
 * that lowers them fails here; raise them when the search gets better.
 */
import { describe, expect, it } from 'vitest';
import { loadSearchIndexFromDisk } from '../../src/lib/node/search-index.ts';
import { ADDED_AFTER_JUDGING, BLIND_DIR, HOLDOUT_DIRS, readBlindQueries } from '../../src/lib/node/search-eval.ts';
import { search } from '../../src/lib/search/query.ts';
import { evaluateBlind } from '../../src/lib/search/evaluate.ts';
import { projectRoot } from '../../src/cli/root.ts';

/**
 * Reached on the blind set (overall 0.870 / 0.965 / 0.909; keyword 0.927 / 1.000, pasted 0.842 /
 * 0.930, traditional 0.851 / 1.000, rule 0.859 / 0.944), less 0.02 so that content writers adding
 * items do not break the build by a query or two. Before the customers' longer lines (session 4)
 * it was 0.896 / 0.974 / 0.927: the blind set had been tuned against on the old content, and the
 * new lines, written without sight of any query set, raised the three holdout sets instead. The
 * issue's targets: recall@1 ≥ 0.90 and recall@5 ≥ 0.97 overall, recall@1 ≥ 0.85 in every kind.
 */
const FLOOR = { recall1: 0.85, recall5: 0.945, mrr: 0.889 };
const FLOOR_BY_KIND: Record<string, { recall1: number; recall5: number }> = {
  keyword: { recall1: 0.907, recall5: 0.98 },
  pasted: { recall1: 0.822, recall5: 0.91 },
  traditional: { recall1: 0.831, recall5: 0.98 },
  rule: { recall1: 0.839, recall5: 0.924 },
};

describe('search on the blind set', () => {
  const root = projectRoot();
  const index = loadSearchIndexFromDisk(root);
  const queries = readBlindQueries(root);

  it('has every query judged, in the four kinds, naming only entries that exist', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    for (const kind of Object.keys(FLOOR_BY_KIND)) expect(queries.filter((q) => q.kind === kind).length).toBeGreaterThanOrEqual(20);
    const known = new Set(index.docs.map((d) => `${d.kind}:${d.id}`));
    expect(queries.flatMap((q) => q.right.filter((k) => !known.has(k)).map((k) => `${q.id} → ${k}`))).toEqual([]);
  });

  it('keeps recall@1, recall@5 and MRR at the figures reached', async () => {
    const report = await evaluateBlind(queries, (q) => search(index, q, { limit: 10 }).hits.map((h) => `${h.doc.kind}:${h.doc.id}`));
    console.log(
      [
        `盲测：${queries.length} 个查询，recall@1 = ${report.recall1.toFixed(3)}，recall@5 = ${report.recall5.toFixed(3)}，MRR = ${report.mrr.toFixed(3)}`,
        ...Object.entries(report.byKind).map(
          ([k, r]) => `  ${k.padEnd(12)} n=${r.n}  @1=${r.recall1.toFixed(3)}  @5=${r.recall5.toFixed(3)}`,
        ),
      ].join('\n'),
    );
    expect(report.recall1).toBeGreaterThanOrEqual(FLOOR.recall1);
    expect(report.recall5).toBeGreaterThanOrEqual(FLOOR.recall5);
    expect(report.mrr).toBeGreaterThanOrEqual(FLOOR.mrr);
    for (const [kind, floor] of Object.entries(FLOOR_BY_KIND)) {
      expect(report.byKind[kind]!.recall1, kind).toBeGreaterThanOrEqual(floor.recall1);
      expect(report.byKind[kind]!.recall5, kind).toBeGreaterThanOrEqual(floor.recall5);
    }
  }, 60_000);
});

/**
 * The holdout sets (tests/search-eval/holdout and holdout2: written and judged while the ranking was tuned on
 * the blind set, never tuned against when first scored); floors 0.02 below what they reach. The
 * issue's targets are not reached here.
 * - holdout (100 queries): first scored at 0.780 / 0.960 / 0.861 (the search before this tuning:
 *   0.720 / 0.960 / 0.825); used for development since (0.810 / 0.960 / 0.879).
 * - holdout2 (80 queries, written after the first was scored): first scored at 0.775 / 0.938 / 0.833
 *   (before this tuning: 0.725 / 0.950 / 0.807); now 0.787 / 0.938 / 0.842.
 * - holdout3 (120 queries, 30 per kind, written in session 4 by a helper who read only the sources,
 *   judged from the content by another; digests committed before it was scored): first scored at
 *   0.867 / 0.983 / 0.917 on the search of 92b70aa; never tuned against; 0.875 / 0.992 / 0.925 with
 *   the customers' longer lines (written by helpers who saw no query set).
 * Holdout and holdout2 with those lines: 0.870 / 0.990 / 0.917 and 0.825 / 0.950 / 0.869.
 * - holdout4 (160 queries, 40 per kind, session 5: two writers who read only the sources, two
 *   judges who read only the content; digests committed in a88eaaa before any tuning): first scored
 *   at 0.844 / 0.975 / 0.893 (pasted 0.700) on f233609, the same as on 70aa7db; then tuned against
 *   (synonyms for what it missed), and holdout3's failures were read in session 5 too.
 * - holdout5 (160 queries, 40 per kind, session 5, written and judged the same way while holdout4
 *   was tuned on; digests committed in d38228d): first scored on 142dc7f at 0.856 / 0.950 / 0.900
 *   (keyword 0.825, rule 0.900, pasted 0.825, Traditional 0.875): the same as on 70aa7db. Its
 *   failures were read in session 6.
 * - holdout6 (160 queries, 40 per kind, session 6, written and judged the same way; digests
 *   committed in 12bb4b9): first scored on f3fe6b1 at 0.869 / 0.963 / 0.911 (keyword 0.950, rule
 *   0.900, pasted 0.775, Traditional 0.850); 1e9a705: 0.863 / 0.956 / 0.905. Then tuned
 *   against (synonyms).
 * - holdout7 (160 queries, 40 per kind, session 6, written and judged the same way; digests
 *   committed in 314a8c7): first scored on 479c8d2 at 0.850 / 0.950 / 0.894 (keyword 0.950, rule
 *   0.825, pasted 0.725, Traditional 0.900); 1e9a705: 0.844 / 0.938 / 0.884. Then tuned against
 *   (synonyms).
 * - holdout8 (160 queries, 40 per kind, session 6, written and judged the same way; digests
 *   committed in ec21620; the last honest set of the session): first scored on 3c4fbdd at 0.863 /
 *   0.950 / 0.903 (keyword 0.800, rule 0.925, pasted 0.850, Traditional 0.875); 1e9a705: 0.856 /
 *   0.944 / 0.899.
 * - holdout9 (160 queries, 40 per kind, session 7, written and judged the same way; digests
 *   committed in 3cbdba1): first scored on f60fdc3 at 0.838 / 0.981 / 0.895 (keyword 0.850, rule
 *   0.850, pasted 0.800, Traditional 0.850); 2ddd904 (the last landing): 0.844 / 0.975 / 0.898.
 *   Then tuned against (content titles and lines, the title the query names, trade words kept).
 * - holdout10 (160 queries, 40 per kind, session 7, written while those changes were made and
 *   judged on the content of ffafb6c; digests committed in 451bed0): first scored on 451bed0 at
 *   0.863 / 0.975 / 0.909 (keyword 0.925, rule 0.900, pasted 0.725, Traditional 0.900); 2ddd904:
 *   0.850 / 0.975 / 0.901.
 * - holdout11 (160 queries, 40 per kind, session 7, judged on the content of 6888bc1 with its four
 *   new replies; digests committed in f0790bd): first scored on f0790bd at 0.906 / 0.994 / 0.944
 *   (keyword 0.900, rule 0.925, pasted 0.975, Traditional 0.825); 2ddd904: 0.863 / 0.988 / 0.915.
 *   Then read (a number typed in groups, 会怎么处理).
 * - holdout12 (160 queries, 40 per kind, session 7, judged on the content of 6888bc1; digests
 *   committed in 5016b2a; the last honest set of the session): first scored on 5016b2a at 0.919 /
 *   0.981 / 0.947 (keyword 0.950, rule 0.850, pasted 0.925, Traditional 0.950); 2ddd904: 0.875 /
 *   0.969 / 0.919.
 */
const HOLDOUT_FLOORS: Record<(typeof HOLDOUT_DIRS)[number], { recall1: number; recall5: number; mrr: number }> = {
  'tests/search-eval/holdout': { recall1: 0.85, recall5: 0.97, mrr: 0.897 },
  'tests/search-eval/holdout2': { recall1: 0.805, recall5: 0.93, mrr: 0.849 },
  'tests/search-eval/holdout3': { recall1: 0.86, recall5: 0.972, mrr: 0.91 },
  'tests/search-eval/holdout4': { recall1: 0.84, recall5: 0.96, mrr: 0.885 },
  'tests/search-eval/holdout5': { recall1: 0.835, recall5: 0.93, mrr: 0.88 },
  'tests/search-eval/holdout6': { recall1: 0.86, recall5: 0.96, mrr: 0.905 },
  'tests/search-eval/holdout7': { recall1: 0.84, recall5: 0.94, mrr: 0.89 },
  'tests/search-eval/holdout8': { recall1: 0.845, recall5: 0.93, mrr: 0.89 },
  'tests/search-eval/holdout9': { recall1: 0.85, recall5: 0.97, mrr: 0.9 },
  'tests/search-eval/holdout10': { recall1: 0.85, recall5: 0.96, mrr: 0.895 },
  'tests/search-eval/holdout11': { recall1: 0.89, recall5: 0.98, mrr: 0.93 },
  'tests/search-eval/holdout12': { recall1: 0.9, recall5: 0.97, mrr: 0.93 },
};

describe('search on the holdout sets', () => {
  const root = projectRoot();
  const index = loadSearchIndexFromDisk(root);
  const known = new Set(index.docs.map((d) => `${d.kind}:${d.id}`));
  for (const dir of HOLDOUT_DIRS)
    it(`${dir}: names only entries that exist and keeps recall@1, recall@5 and MRR`, async () => {
      const queries = readBlindQueries(root, dir);
      expect(queries.flatMap((q) => q.right.filter((k) => !known.has(k)).map((k) => `${q.id} → ${k}`))).toEqual([]);
      const report = await evaluateBlind(queries, (q) => search(index, q, { limit: 10 }).hits.map((h) => `${h.doc.kind}:${h.doc.id}`));
      const floor = HOLDOUT_FLOORS[dir];
      expect(report.recall1).toBeGreaterThanOrEqual(floor.recall1);
      expect(report.recall5).toBeGreaterThanOrEqual(floor.recall5);
      expect(report.mrr).toBeGreaterThanOrEqual(floor.mrr);
    }, 60_000);
});

describe('entries added after a set was judged (ADDED_AFTER_JUDGING)', () => {
  it('are left out of the ranking of the sets judged before them, not counted as a wrong first result', async () => {
    const query = { id: 'x1', kind: 'pasted', q: '首付款能转给设计师吗', right: ['step:reno/first-payment'] };
    const ranked = () => ['script:new-reply', 'step:reno/first-payment'];
    expect((await evaluateBlind([query], ranked)).outcomes[0]?.rank).toBe(2);
    expect((await evaluateBlind([{ ...query, unjudged: ['script:new-reply'] }], ranked)).outcomes[0]?.rank).toBe(1);
  });

  it('name entries that exist, and reach every set judged before the first that saw them', () => {
    const root = projectRoot();
    const known = new Set(loadSearchIndexFromDisk(root).docs.map((d) => `${d.kind}:${d.id}`));
    for (const batch of ADDED_AFTER_JUDGING) {
      expect(batch.entries.filter((e) => !known.has(e))).toEqual([]);
      const order: readonly string[] = [BLIND_DIR, ...HOLDOUT_DIRS];
      const at = order.indexOf(batch.firstJudgedBy);
      for (const dir of at < 0 ? order : order.slice(0, at))
        expect(readBlindQueries(root, dir)[0]?.unjudged).toEqual(expect.arrayContaining([...batch.entries]));
      if (at >= 0)
        expect(readBlindQueries(root, batch.firstJudgedBy)[0]?.unjudged ?? []).not.toEqual(expect.arrayContaining([...batch.entries]));
    }
  });
});
