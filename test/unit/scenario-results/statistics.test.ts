import { describe, expect, test } from '@jest/globals';
import {
  meanInterval, proportionDifference, round, summarize, t95, welchDifference, wilsonInterval, Z_95,
} from '../../../src/scenario-results/statistics.js';

const close = (actual: { low: number; high: number } | null, low: number, high: number, digits = 6) => {
  expect(actual).not.toBeNull();
  expect(actual!.low).toBeCloseTo(low, digits);
  expect(actual!.high).toBeCloseTo(high, digits);
};

describe('Wilson score interval', () => {
  test('6 of 10, by hand', () => {
    // z = 1.959964, z² = 3.841459, z²/n = 0.3841459, 1 + z²/n = 1.3841459, p = 0.6
    // centre = (0.6 + 3.841459/20) / 1.3841459 = 0.7920729 / 1.3841459 = 0.5722460
    // half   = 1.959964 / 1.3841459 · √(0.6·0.4/10 + 3.841459/400) = 1.4160117 · √0.0336036 = 1.4160117 · 0.1833129 = 0.2595723
    // → [0.3126737, 0.8318184] (the textbook value for 6/10: 0.3127–0.8318)
    close(wilsonInterval(6, 10), 0.3126737, 0.8318197, 5);
  });

  test('stays inside [0, 1] at the edges, and is null without any observation', () => {
    // 0 of 5: centre = (z²/10)/(1 + z²/5) = 0.3841459/1.7682918 = 0.2172412 = half → [0, 0.4344825]
    close(wilsonInterval(0, 5), 0, 0.4344825);
    close(wilsonInterval(5, 5), 0.5655175, 1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  test('uses the 95 % normal quantile', () => {
    expect(Z_95).toBeCloseTo(1.959964, 6);
  });
});

describe('Newcombe interval of a difference of proportions (B − A)', () => {
  test('1 of 3 against 2 of 4, by hand', () => {
    // A: Wilson(1, 3) = [0.0614919, 0.7923404]; B: Wilson(2, 4) = [0.1500390, 0.8499610]
    // d = 0.5 − 1/3 = 0.1666667
    // low  = d − √((0.5 − 0.1500390)² + (0.7923404 − 0.3333333)²) = 0.1666667 − √(0.1224727 + 0.2106875) = −0.4105336
    // high = d + √((0.8499610 − 0.5)² + (0.3333333 − 0.0614919)²) = 0.1666667 + √(0.1224727 + 0.0738978) = 0.6098037
    const d = proportionDifference({ successes: 1, n: 3 }, { successes: 2, n: 4 });
    expect(d!.estimate).toBeCloseTo(0.1666667, 6);
    close(d, -0.4105336, 0.6098037);
    expect(proportionDifference({ successes: 0, n: 0 }, { successes: 1, n: 2 })).toBeNull();
  });
});

describe('means: Student and Welch intervals', () => {
  test('t quantiles from the table', () => {
    expect(t95(1)).toBeCloseTo(12.7062, 4);
    expect(t95(2)).toBeCloseTo(4.3027, 4);
    expect(t95(4)).toBeCloseTo(2.7764, 4);
  });

  test('summary: mean and n − 1 variance', () => {
    expect(summarize([1, 3, 5])).toEqual({ n: 3, mean: 3, variance: 4 });
    expect(summarize([7])).toEqual({ n: 1, mean: 7, variance: null });
    expect(summarize([])).toEqual({ n: 0, mean: null, variance: null });
  });

  test('one mean: [1, 3, 5] → 3 ± t(0.975, 2) · √(4/3) = 3 ± 4.302653 · 1.154701 = 3 ± 4.968275', () => {
    const i = meanInterval([1, 3, 5]);
    expect(i!.mean).toBe(3);
    close(i, -1.968275, 7.968275);
    expect(meanInterval([4])).toBeNull();
    expect(meanInterval([4, 4])).toEqual({ mean: 4, low: 4, high: 4 });
  });

  test('Welch: [1, 3, 5] against [4, 6, 8], by hand', () => {
    // vA = vB = 4, nA = nB = 3: se = √(4/3 + 4/3) = 1.632993
    // df = (8/3)² / ((4/3)²/2 + (4/3)²/2) = (64/9) / (16/9) = 4; t(0.975, 4) = 2.776445
    // d = 6 − 3 = 3, half = 2.776445 · 1.632993 = 4.533916 → [−1.533916, 7.533916]
    const w = welchDifference([1, 3, 5], [4, 6, 8]);
    expect(w!.estimate).toBe(3);
    expect(w!.df).toBeCloseTo(4, 10);
    close(w, -1.533916, 7.533916, 5);
  });

  test('Welch with unequal spreads: the degrees of freedom follow the noisier arm', () => {
    // A = [10, 10, 10] has no spread: df = (vB/nB)² / ((vB/nB)²/(nB − 1)) = nB − 1 = 2
    // B = [0, 6, 12]: vB = 36, se = √(36/3) = 3.464102; d = 6 − 10 = −4; half = 4.302653 · 3.464102 = 14.904826
    const w = welchDifference([10, 10, 10], [0, 6, 12]);
    expect(w!.df).toBeCloseTo(2, 10);
    close(w, -18.904826, 10.904826, 5);
  });

  test('no spread at all: the point itself; fewer than two values: no interval', () => {
    expect(welchDifference([2, 2], [5, 5])).toEqual({ estimate: 3, low: 3, high: 3, df: null });
    expect(welchDifference([2], [5, 6])).toBeNull();
  });
});

describe('rounding for answers', () => {
  test('half away from zero, no negative zero', () => {
    expect(round(0.33335, 4)).toBe(0.3334);
    expect(round(-1.005, 1)).toBe(-1);
    expect(Object.is(round(-0.00001, 2), 0)).toBe(true);
  });
});
