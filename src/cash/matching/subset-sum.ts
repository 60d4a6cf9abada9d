/**
 * Exact subset sums in integer minor units over at most `limit` candidates
 * (meet in the middle: 2 × 2^(n/2) sums, about 8,000 for 25 candidates).
 * Returns the subsets (candidate indexes) whose sum is `target`, fewest items
 * first, at most `max` of them.
 */
export function exactSubsets(values: readonly bigint[], target: bigint, options: { limit?: number; max?: number } = {}): number[][] {
  const limit = options.limit ?? 25;
  const max = options.max ?? 20;
  const items = values.slice(0, limit);
  const half = items.length >> 1;
  const left = sums(items.slice(0, half), 0);
  const right = sums(items.slice(half), half);
  const byRightSum = new Map<bigint, number[][]>();
  for (const r of right) {
    const list = byRightSum.get(r.sum);
    if (list) list.push(r.members); else byRightSum.set(r.sum, [r.members]);
  }
  const found: number[][] = [];
  for (const l of left) {
    for (const members of byRightSum.get(target - l.sum) ?? []) {
      const subset = [...l.members, ...members];
      if (subset.length > 0) found.push(subset);
    }
  }
  return found.sort((a, b) => a.length - b.length || a.reduce((s, i) => s + i, 0) - b.reduce((s, i) => s + i, 0)).slice(0, max);
}

function sums(items: readonly bigint[], offset: number): { sum: bigint; members: number[] }[] {
  let out: { sum: bigint; members: number[] }[] = [{ sum: 0n, members: [] }];
  items.forEach((value, i) => {
    out = out.concat(out.map((s) => ({ sum: s.sum + value, members: [...s.members, offset + i] })));
  });
  return out;
}
