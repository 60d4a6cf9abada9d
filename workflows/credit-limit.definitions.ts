/**
 * Node-free contract of the credit-limit approval workflow: its id, input,
 * updates and query, shared by the workflow, the API and the tests.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApproverRole } from './domain/credit-approval-policy.js';
import type {
  CreditLimitDecider, CreditLimitDecisionInput, CreditLimitLevel, DecisionRefusalCode,
} from './domain/credit-limit-chain.js';

export function creditLimitWorkflowId(requestId: string): string {
  return `credit-limit-request-${requestId}`;
}

export interface CreditLimitRequester {
  userId: string | null;
  name: string;
  email: string | null;
}

/** Everything the chain needs, snapshotted when the request is made (a later policy change does not move it). */
export interface CreditLimitApprovalInput {
  requestId: string;
  customerId: string;
  /** Requested limit, minor units as a decimal string. */
  amountMinor: string;
  currency: string;
  /** Last day of a temporary limit (YYYY-MM-DD), null for a permanent one. */
  until: string | null;
  /** Zone in which `until` ends (the customer's, else the entity's). */
  timeZone: string;
  levels: CreditLimitLevel[];
  reminderAfterHours: number;
  escalateAfterHours: number;
  escalationRole: ApproverRole;
  salesOpinion: boolean;
  requester: CreditLimitRequester;
}

export type CreditLimitStatus = 'pending' | 'approved' | 'rejected' | 'reverted' | 'superseded';

export type CreditLimitLevelState = 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped';

export interface CreditLimitLevelView extends CreditLimitLevel {
  state: CreditLimitLevelState;
  remindedAt: string | null;
  escalatedAt: string | null;
}

export interface CreditLimitDecisionRecord {
  level: number;
  role: ApproverRole;
  userId: string;
  decision: CreditLimitDecisionInput['decision'];
  /** The amount this level approved (after any counter-offer); null on a rejection. */
  amountMinor: string | null;
  comment: string;
  /** The decider held the escalation role, not the level's. */
  asEscalation: boolean;
  at: string;
}

export interface SalesOpinionInput {
  userId: string;
  opinion: 'favourable' | 'unfavourable';
  comment: string;
}

export interface CreditLimitApprovalState {
  status: CreditLimitStatus;
  pendingLevel: number | null;
  currentAmountMinor: string;
  /** The limit this request set, once approved. */
  approvedAmountMinor: string | null;
  levels: CreditLimitLevelView[];
  decisions: CreditLimitDecisionRecord[];
  salesOpinion: (SalesOpinionInput & { at: string }) | null;
  /** Roles that may decide the pending level now. */
  pendingRoles: ApproverRole[];
}

export interface CreditLimitDecisionCommand extends CreditLimitDecisionInput {
  decider: CreditLimitDecider;
}

/** Error types a refused update carries (ApplicationFailure.type): the API maps them to 403 / 409 / 422. */
export type CreditLimitRefusalType = DecisionRefusalCode | 'SALES_OPINION_GIVEN' | 'SALES_OPINION_NOT_REQUESTED';

export const decideCreditLimitUpdate = defineUpdate<CreditLimitApprovalState, [CreditLimitDecisionCommand]>('decideCreditLimit');
export const giveSalesOpinionUpdate = defineUpdate<CreditLimitApprovalState, [SalesOpinionInput]>('giveSalesOpinion');
export const creditLimitStateQuery = defineQuery<CreditLimitApprovalState>('creditLimitState');
