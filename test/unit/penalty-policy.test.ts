import { describe, expect, test } from '@jest/globals';
import { computeLatePaymentPenalty, defaultPenaltyPolicy, penaltyInput } from '../../activities/late-payment-penalties.js';

// 10 000,00 € due 2025-03-10, as of 2025-04-09: 30 days in 2025-H1, ECB rate on 1 January 2025 = 3.15 %.
const base = { amountMinor: 1_000_000n, currency: 'EUR', dueDate: '2025-03-10', asOf: '2025-04-09' };

describe("an entity's penalty policy", () => {
  test('France: ECB + 10 points and €40 by default', () => {
    // 10 000 × 13.15 % × 30 / 365 = 108.082… → 108.08; + 40.
    const p = computeLatePaymentPenalty(penaltyInput(base, {}, 'FR'));
    expect([p.interestMinor, p.indemnityMinor, p.totalMinor]).toEqual([10_808n, 4_000n, 14_808n]);
  });

  test('elsewhere in the EU: the directive minimum, ECB + 8 points', () => {
    expect(defaultPenaltyPolicy('DE').marginBp).toBe(800);
    // 10 000 × 11.15 % × 30 / 365 = 91.643… → 91.64.
    expect(computeLatePaymentPenalty(penaltyInput(base, {}, 'DE')).interestMinor).toBe(9_164n);
  });

  test('contract terms override: another margin, no indemnity, a newer rate table', () => {
    // 10 000 × (3.15 + 12) % × 30 / 365 = 124.520… → 124.52.
    const custom = computeLatePaymentPenalty(penaltyInput(base, { marginBp: 1200, fixedIndemnity: '0.00' }, 'FR'));
    expect([custom.interestMinor, custom.indemnityMinor]).toEqual([12_452n, 0n]);
    // A table whose rate in force on 1 January 2025 is 2.00 %: 10 000 × 12 % × 30 / 365 = 98.630… → 98.63.
    const table = computeLatePaymentPenalty(penaltyInput(base, { rates: [{ from: '2024-01-01', rateBp: 200 }] }, 'FR'));
    expect(table.interestMinor).toBe(9_863n);
    expect(computeLatePaymentPenalty(penaltyInput(base, { businessToBusiness: false }, 'FR')).indemnityMinor).toBe(0n);
  });
});
