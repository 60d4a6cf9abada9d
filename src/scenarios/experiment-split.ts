import { createHash } from 'node:crypto';

export type ExperimentArm = 'A' | 'B';
export const EXPERIMENT_ARMS: readonly ExperimentArm[] = ['A', 'B'];

/**
 * The customer's bucket 0…99 in an experiment: the first four bytes of
 * SHA-256(`<experimentId>:<customerId>`) read as an unsigned big-endian
 * integer, modulo 100. Stable (the same customer always lands in the same
 * bucket of an experiment, whatever the order invoices arrive in), salted by
 * the experiment (a customer in arm B of one experiment is not bound to be in
 * arm B of the next), and uniform to within 2⁻³² (2³² mod 100 = 96).
 */
export function experimentBucket(experimentId: string, customerId: string): number {
  return createHash('sha256').update(`${experimentId}:${customerId}`).digest().readUInt32BE(0) % 100;
}

/** Arm B for buckets below `shareB` (percent of customers, 1–99), arm A for the others. */
export function experimentArm(experimentId: string, customerId: string, shareB: number): ExperimentArm {
  return experimentBucket(experimentId, customerId) < shareB ? 'B' : 'A';
}
