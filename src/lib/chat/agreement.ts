/**
 * How well the chat scorer agrees with trainers' grades (bench:chat and the blind-set test share
 * these): rank correlation and the share of pairs put in the same order.
 */

/** Ranks with ties averaged (1-based). */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length).fill(0);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Pearson correlation (0 when either side does not vary). */
export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/** Spearman's rank correlation. */
export const spearman = (a: readonly number[], b: readonly number[]) => pearson(ranks(a), ranks(b));

/** Share of pairs (same group, different human value) the score orders the same way; score ties count half. */
export function pairAgreement(rows: readonly { group: string; human: number; score: number }[]): { agree: number; pairs: number } {
  let agree = 0;
  let pairs = 0;
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i]!;
      const b = rows[j]!;
      if (a.group !== b.group || a.human === b.human) continue;
      pairs++;
      const s = Math.sign(a.score - b.score);
      if (s === 0) agree += 0.5;
      else if (s === Math.sign(a.human - b.human)) agree += 1;
    }
  }
  return { agree, pairs };
}
