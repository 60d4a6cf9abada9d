import type { EntityManager } from 'typeorm';
import type { ApprovalPolicy } from '../../workflows/domain/credit-approval-policy.js';

/** A customer's credit limit as it stands, and the request that set it (null: set otherwise, e.g. by the ERP or the API). */
export interface CurrentCreditLimit {
  amountMinor: bigint;
  currency: string;
  requestId: string | null;
}

export interface CreditLimitChange {
  /** null: the customer has no limit any more (a temporary limit reverting to none). */
  amountMinor: bigint | null;
  currency: string;
  requestId: string;
  kind: 'permanent' | 'temporary' | 'revert';
  /** Last day of a temporary limit. */
  validUntil: string | null;
}

/**
 * Where customers' credit limits and entities' approval policies live (the
 * credit capability). Writes take the caller's transaction so the change and
 * its ERP outbox row commit together.
 */
export interface CreditLimitLedger {
  approvalPolicyFor(entityId: string): Promise<ApprovalPolicy>;
  /** Reads (and locks, within `manager`'s transaction) the customer's current limit. */
  currentLimit(manager: EntityManager, customerId: string): Promise<CurrentCreditLimit | null>;
  setLimit(manager: EntityManager, customerId: string, change: CreditLimitChange): Promise<void>;
}

export const CREDIT_LIMIT_LEDGER = Symbol('CREDIT_LIMIT_LEDGER');
