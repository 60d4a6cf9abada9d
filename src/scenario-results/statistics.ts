/**
 * The 95 % confidence intervals of experiment comparisons, as pure functions
 * (docs/scenarios.md, "Experiments"). Only Student's t quantile comes from a
 * library (jStat); the formulas are written out with their references.
 */
import jStat from 'jstat';

/** Φ⁻¹(0.975): the two-sided 95 % quantile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval of a proportion (Wilson 1927): unlike the textbook
 * p ± z·√(p(1−p)/n) it stays inside [0, 1] and keeps its coverage for small n
 * and for p near 0 or 1.
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²)
 *
 * null when n = 0 (no decided invoice: nothing to estimate).
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Difference of two proportions pB − pA with Newcombe's hybrid score interval
 * (Newcombe 1998, method 10), built from each arm's Wilson interval (lA, uA), (lB, uB):
 *
 *   low  = d − √((pB − lB)² + (uA − pA)²)
 *   high = d + √((uB − pB)² + (pA − lA)²)
 *
 * null when an arm has no decided invoice.
 */
export function proportionDifference(
  a: { successes: number; n: number },
  b: { successes: number; n: number },
  z = Z_95,
): (Interval & { estimate: number }) | null {
  const ia = wilsonInterval(a.successes, a.n, z);
  const ib = wilsonInterval(b.successes, b.n, z);
  if (!ia || !ib) return null;
  const pa = a.successes / a.n;
  const pb = b.successes / b.n;
  const d = pb - pa;
  return {
    estimate: d,
    low: d - Math.sqrt((pb - ib.low) ** 2 + (ia.high - pa) ** 2),
    high: d + Math.sqrt((ib.high - pb) ** 2 + (pa - ia.low) ** 2),
  };
}

export interface SampleSummary {
  n: number;
  /** null when n = 0. */
  mean: number | null;
  /** Sample variance (divisor n − 1); null when n < 2. */
  variance: number | null;
}

export function summarize(values: readonly number[]): SampleSummary {
  const n = values.length;
  if (n === 0) return { n, mean: null, variance: null };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n < 2 ? null : values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
}

/** Two-sided 95 % quantile of Student's t with `df` degrees of freedom. */
export function t95(df: number): number {
  return jStat.studentt.inv(0.975, df);
}

/**
 * Student's t interval of a mean: mean ± t(0.975, n−1) · s/√n. null when n < 2
 * (one value says nothing of the spread).
 */
export function meanInterval(values: readonly number[]): (Interval & { mean: number }) | null {
  const s = summarize(values);
  if (s.mean === null || s.variance === null) return null;
  const half = s.variance === 0 ? 0 : t95(s.n - 1) * Math.sqrt(s.variance / s.n);
  return { mean: s.mean, low: s.mean - half, high: s.mean + half };
}

/**
 * Difference of two means mB − mA with Welch's interval (unequal variances):
 *
 *   se = √(vA/nA + vB/nB)
 *   df = se⁴ / ((vA/nA)²/(nA−1) + (vB/nB)²/(nB−1))      (Welch–Satterthwaite)
 *   d ± t(0.975, df) · se
 *
 * null when an arm has fewer than two values. When both arms have no spread
 * at all the interval is the point itself and df is null.
 */
export function welchDifference(
  a: readonly number[],
  b: readonly number[],
): (Interval & { estimate: number; df: number | null }) | null {
  const sa = summarize(a);
  const sb = summarize(b);
  if (sa.mean === null || sb.mean === null || sa.variance === null || sb.variance === null) return null;
  const d = sb.mean - sa.mean;
  const qa = sa.variance / sa.n;
  const qb = sb.variance / sb.n;
  if (qa + qb === 0) return { estimate: d, low: d, high: d, df: null };
  const se = Math.sqrt(qa + qb);
  const df = (qa + qb) ** 2 / (qa ** 2 / (sa.n - 1) + qb ** 2 / (sb.n - 1));
  const half = t95(df) * se;
  return { estimate: d, low: d - half, high: d + half, df };
}

/** Rounded for answers: `digits` decimals, half away from zero. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(value) * f) / f;
  return value < 0 && r !== 0 ? -r : r;
}
