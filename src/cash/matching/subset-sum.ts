/**
 * Exact subset sums in integer minor units over at most `limit` candidates
 * (meet in the middle: 2 × 2^(n/2) sums, about 8,000 for 25 candidates).
 * Returns the subsets (candidate indexes) whose sum is `target`, fewest items
 * first, at most `max` of them.
 *
 * Positive amounts (the usual case) skip the candidates larger than the
 * target and run on doubles with bit masks (exact below 2^53); anything else
 * takes the general bigint path.
 */
export function exactSubsets(values: readonly bigint[], target: bigint, options: { limit?: number; max?: number } = {}): number[][] {
  const limit = options.limit ?? 25;
  const max = options.max ?? 20;
  const items = values.slice(0, limit);
  const total = items.reduce((s, v) => s + (v < 0n ? -v : v), 0n);
  const found = items.every((v) => v > 0n) && target > 0n && total <= BigInt(Number.MAX_SAFE_INTEGER)
    ? positiveSubsets(items, target)
    : generalSubsets(items, target);
  return found.sort((a, b) => a.length - b.length || a.reduce((s, i) => s + i, 0) - b.reduce((s, i) => s + i, 0)).slice(0, max);
}

function positiveSubsets(items: readonly bigint[], target: bigint): number[][] {
  // A positive amount larger than the target is in no exact subset.
  const kept: number[] = [];
  const value: number[] = [];
  let sum = 0n;
  items.forEach((v, i) => {
    if (v <= target) {
      kept.push(i);
      value.push(Number(v));
      sum += v;
    }
  });
  if (sum < target || kept.length === 0) return [];
  const goal = Number(target);
  const half = kept.length >> 1;
  const left = maskSums(value.slice(0, half));
  const right = maskSums(value.slice(half));
  const rightBySum = new Map<number, number[]>();
  right.forEach((s, mask) => {
    if (s > goal) return;
    const list = rightBySum.get(s);
    if (list) list.push(mask); else rightBySum.set(s, [mask]);
  });
  const found: number[][] = [];
  left.forEach((s, leftMask) => {
    const masks = s <= goal ? rightBySum.get(goal - s) : undefined;
    if (!masks) return;
    for (const rightMask of masks) {
      if (leftMask === 0 && rightMask === 0) continue;
      found.push([...bits(leftMask, 0), ...bits(rightMask, half)].map((k) => kept[k]!));
    }
  });
  return found;
}

/** sums[mask] = the sum of the values whose bit is set in mask. */
function maskSums(values: readonly number[]): Float64Array {
  const sums = new Float64Array(1 << values.length);
  for (let mask = 1; mask < sums.length; mask++) {
    const low = mask & -mask;
    sums[mask] = sums[mask ^ low]! + values[31 - Math.clz32(low)]!;
  }
  return sums;
}

function bits(mask: number, offset: number): number[] {
  const out: number[] = [];
  for (let i = 0; mask; i++, mask >>>= 1) if (mask & 1) out.push(offset + i);
  return out;
}

function generalSubsets(items: readonly bigint[], target: bigint): number[][] {
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
  return found;
}

function sums(items: readonly bigint[], offset: number): { sum: bigint; members: number[] }[] {
  let out: { sum: bigint; members: number[] }[] = [{ sum: 0n, members: [] }];
  items.forEach((value, i) => {
    out = out.concat(out.map((s) => ({ sum: s.sum + value, members: [...s.members, offset + i] })));
  });
  return out;
}
