import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../../workflows/domain/credit-approval-policy.js';
import { Customer } from '../customers/customer.entity.js';
import type { CreditLimitChange, CreditLimitLedger, CurrentCreditLimit } from './credit-limit-ledger.js';
import { CustomerCreditLimit } from './customer-credit-limit.entity.js';

/**
 * Customers' limits as a history (`customer_credit_limits`, latest row in
 * force). Approval policies: the built-in default bands until entities can
 * configure their own.
 */
@Injectable()
export class HistoryCreditLimitLedger implements CreditLimitLedger {
  approvalPolicyFor(_entityId: string): Promise<ApprovalPolicy> {
    return Promise.resolve(DEFAULT_APPROVAL_POLICY);
  }

  async currentLimit(manager: EntityManager, customerId: string): Promise<CurrentCreditLimit | null> {
    // Inside a transaction, the customer's row serialises concurrent changes of its limit.
    if (manager.queryRunner?.isTransactionActive) {
      await manager.findOne(Customer, { where: { id: customerId }, lock: { mode: 'pessimistic_write' } });
    }
    const latest = await manager.findOne(CustomerCreditLimit, { where: { customerId }, order: { seq: 'DESC' } });
    if (!latest || latest.amountMinor === null) return null;
    return { amountMinor: latest.amountMinor, currency: latest.currency, requestId: latest.requestId };
  }

  async setLimit(manager: EntityManager, customerId: string, change: CreditLimitChange): Promise<void> {
    const previous = await this.currentLimit(manager, customerId);
    await manager.insert(CustomerCreditLimit, {
      customerId, amountMinor: change.amountMinor, currency: change.currency, kind: change.kind, validUntil: change.validUntil,
      requestId: change.requestId, previousAmountMinor: previous?.amountMinor ?? null, previousCurrency: previous?.currency ?? null,
    });
  }
}
