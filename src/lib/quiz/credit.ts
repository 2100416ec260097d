/**
 * Partial credit, as a fraction of the question's points (0 … 1).
 *
 * Multiple choice: credit = (right options picked − wrong options picked) / right options in
 * total, floored at 0. Picking everything therefore earns nothing extra: with right {a, c} out of
 * {a, b, c, d}, picking {a} gives 0.5, {a, c} gives 1, {a, b} gives 0, {a, b, c} gives 0.5. Only
 * the exact right set counts as correct. Repeated or unknown ids are ignored.
 *
 * Ordering: credit = (L − 1) / (n − 1), where n is the number of items and L the length of the
 * longest subsequence of the learner's order that is in the right relative order (the longest
 * increasing subsequence of the items' right positions). One item alone is always "in order", so
 * it earns nothing: a reversed list scores 0, a right list 1, and with 4 items moving one item to
 * the wrong place leaves L = 3, so 2/3. Items missing from the answer are simply not in L.
 */

export interface MultipleCredit {
  fraction: number;
  rightPicked: number;
  wrongPicked: number;
  rightTotal: number;
}

/** Credit for picking `picked` when `right` are the right option ids. */
export function multipleCredit(right: readonly string[], picked: readonly string[], optionIds: readonly string[]): MultipleCredit {
  const rightSet = new Set(right);
  const pickedSet = new Set(picked.filter((id) => optionIds.includes(id)));
  let rightPicked = 0;
  let wrongPicked = 0;
  for (const id of pickedSet) {
    if (rightSet.has(id)) rightPicked++;
    else wrongPicked++;
  }
  const fraction = rightSet.size === 0 ? 0 : Math.max(0, (rightPicked - wrongPicked) / rightSet.size);
  return { fraction, rightPicked, wrongPicked, rightTotal: rightSet.size };
}

/** Length of the longest strictly increasing subsequence (O(n²); lists here are short). */
export function longestIncreasing(values: readonly number[]): number {
  const lengths: number[] = [];
  let longest = 0;
  values.forEach((v, i) => {
    let len = 1;
    for (let j = 0; j < i; j++) if ((values[j] as number) < v) len = Math.max(len, (lengths[j] as number) + 1);
    lengths.push(len);
    longest = Math.max(longest, len);
  });
  return longest;
}

export interface OrderingCredit {
  fraction: number;
  /** L: the longest run of items in the right relative order (not necessarily adjacent). */
  longest: number;
  /** n: the number of items. */
  items: number;
}

/** Credit for putting the items in `given` order when `right` is the right order (item ids). */
export function orderingCredit(right: readonly string[], given: readonly string[]): OrderingCredit {
  const position = new Map(right.map((id, i) => [id, i]));
  const seen = new Set<string>();
  const positions: number[] = [];
  for (const id of given) {
    const p = position.get(id);
    if (p === undefined || seen.has(id)) continue;
    seen.add(id);
    positions.push(p);
  }
  const n = right.length;
  const longest = longestIncreasing(positions);
  const fraction = n <= 1 ? (longest === n ? 1 : 0) : Math.max(0, (longest - 1) / (n - 1));
  return { fraction, longest, items: n };
}
