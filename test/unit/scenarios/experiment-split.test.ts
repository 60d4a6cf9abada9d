import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { experimentArm, experimentBucket } from '../../../src/scenarios/experiment-split.js';

/** The split, computed independently: SHA-256 as hex, first 8 hex digits as an integer, modulo 100. */
const bucketByHand = (experimentId: string, customerId: string) =>
  parseInt(createHash('sha256').update(`${experimentId}:${customerId}`).digest('hex').slice(0, 8), 16) % 100;

describe('experiment split by a stable hash of the customer', () => {
  const experimentId = '7f0c1a52-3c55-4a6e-9d3a-1b2c3d4e5f60';
  const customers = Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  test('the bucket is the first 32 bits of SHA-256(experiment:customer) modulo 100', () => {
    for (const c of customers) expect(experimentBucket(experimentId, c)).toBe(bucketByHand(experimentId, c));
  });

  test('stable: the same customer gets the same arm every time; another experiment reshuffles', () => {
    const arms = customers.map((c) => experimentArm(experimentId, c, 50));
    expect(customers.map((c) => experimentArm(experimentId, c, 50))).toEqual(arms);
    const other = customers.map((c) => experimentArm(randomUUID(), c, 50));
    expect(other).not.toEqual(arms);
  });

  test('50/50 over 1000 customers: exact count, and within 3 binomial standard deviations', () => {
    const inB = customers.filter((c) => experimentArm(experimentId, c, 50) === 'B').length;
    expect(inB).toBe(customers.filter((c) => bucketByHand(experimentId, c) < 50).length);
    // Binomial(1000, 0.5): mean 500, sd √(1000 · 0.25) = 15.81; 3 sd = 47.4.
    expect(Math.abs(inB - 500)).toBeLessThanOrEqual(47);
  });

  test('a 20 % share: B for buckets 0–19 only, about a fifth of the customers', () => {
    const inB = customers.filter((c) => experimentArm(experimentId, c, 20) === 'B');
    expect(inB.every((c) => bucketByHand(experimentId, c) < 20)).toBe(true);
    // Binomial(1000, 0.2): mean 200, sd √(1000 · 0.16) = 12.65; 3 sd = 37.9.
    expect(Math.abs(inB.length - 200)).toBeLessThanOrEqual(37);
    // Growing the share only moves customers from A to B.
    const inB30 = new Set(customers.filter((c) => experimentArm(experimentId, c, 30) === 'B'));
    expect(inB.every((c) => inB30.has(c))).toBe(true);
  });
});
