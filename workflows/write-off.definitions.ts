/** Node-free contract of the write-off approval workflow, shared by the workflow, the API and the tests. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { WriteOffDecider } from './domain/write-off-policy.js';

export const writeOffWorkflowId = (writeOffId: string): string => `write-off-${writeOffId}`;

export interface WriteOffApprovalInput {
  writeOffId: string;
  invoiceId: string;
  amountMinor: string;
  currency: string;
  requesterUserId: string | null;
}

export type WriteOffStatus = 'pending' | 'applied' | 'rejected' | 'lapsed';

export interface WriteOffDecisionCommand {
  decision: 'approve' | 'reject';
  comment: string;
  decider: WriteOffDecider;
}

export interface WriteOffDecisionRecord {
  decision: 'approve' | 'reject';
  comment: string;
  userId: string | null;
  name: string;
  at: string;
}

export interface WriteOffApprovalState {
  status: WriteOffStatus;
  decision: WriteOffDecisionRecord | null;
}

export const decideWriteOffUpdate = defineUpdate<WriteOffApprovalState, [WriteOffDecisionCommand]>('decideWriteOff');
export const writeOffStateQuery = defineQuery<WriteOffApprovalState>('writeOffState');
