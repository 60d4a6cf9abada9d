/**
 * Node-free contract of the dispute workflow: id, input, updates and query,
 * shared by the workflow, the API and the tests.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DisputeDecision, DisputeInvoiceShare, DisputeRefusalCode, DisputeStatus } from './domain/dispute-rules.js';

export function disputeWorkflowId(disputeId: string): string {
  return `dispute-${disputeId}`;
}

export interface DisputeActor {
  userId: string | null;
  name: string;
}

/** Snapshot taken when the dispute opens (a later rule change does not move it). */
export interface DisputeApprovalInput {
  disputeId: string;
  customerId: string;
  currency: string;
  amountMinor: string;
  invoices: DisputeInvoiceShare[];
  reasonCode: string;
  comment: string;
  openedBy: DisputeActor;
  ruleId: string | null;
  validatorGroup: string;
  resolutionHours: number;
  secondLevelFromMinor: string | null;
  /** Members of the validator group (level 1). */
  level1UserIds: string[];
  /** The group's manager: told on escalation, then allowed to decide. */
  managerUserId: string | null;
  /** Finance managers (level 2, confirming acceptances from the threshold on). */
  level2UserIds: string[];
}

export interface DisputeDecisionCommand {
  decision: DisputeDecision;
  /** Accepted amount (minor units) for a partial acceptance; null: the whole amount under decision. */
  amountMinor: string | null;
  comment: string;
  decider: DisputeActor;
  /** Via a signed link: the level the link was issued for (refused if that level is no longer pending). */
  linkLevel?: 1 | 2;
}

export interface DisputeInfoCommand {
  comment: string;
  author: DisputeActor;
}

export interface DisputeApprovalState {
  status: DisputeStatus;
  level: 1 | 2;
  escalated: boolean;
  remindedAt: string | null;
  escalatedAt: string | null;
  proposedAmountMinor: string | null;
  acceptedAmountMinor: string | null;
  /** Users who may decide now. */
  assignees: string[];
}

export type DisputeUpdateRefusal = DisputeRefusalCode | 'LINK_LEVEL_PASSED' | 'NOT_AWAITING_INFO';

export const decideDisputeUpdate = defineUpdate<DisputeApprovalState, [DisputeDecisionCommand]>('decideDispute');
export const answerDisputeInfoUpdate = defineUpdate<DisputeApprovalState, [DisputeInfoCommand]>('answerDisputeInfo');
export const disputeStateQuery = defineQuery<DisputeApprovalState>('disputeState');
