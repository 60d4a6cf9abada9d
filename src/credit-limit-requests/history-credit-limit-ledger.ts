import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApprovalPolicy } from '../../workflows/domain/credit-approval-policy.js';
import { CreditPolicyService } from '../credit/credit-policy.service.js';
import { CreditProfileService } from '../credit/credit-profile.service.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import type { CreditLimitChange, CreditLimitLedger, CurrentCreditLimit } from './credit-limit-ledger.js';
import { CreditLimitHistory } from './credit-limit-history.js';

/**
 * Customers' limits as a history (`customer_credit_limits`, latest row in
 * force). Approval policies: the entity's credit policy (PUT /api/v1/credit-policy),
 * else the default one, else the built-in bands.
 */
@Injectable()
export class HistoryCreditLimitLedger implements CreditLimitLedger {
  constructor(
    @Inject(CreditPolicyService) private readonly policies: CreditPolicyService,
    @Inject(CreditProfileService) private readonly profiles: CreditProfileService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CreditLimitHistory) private readonly history: CreditLimitHistory,
  ) {}

  async approvalPolicyFor(entityId: string): Promise<ApprovalPolicy> {
    return (await this.policies.policyFor(entityId)).approval;
  }

  async currentLimit(manager: EntityManager, customerId: string): Promise<CurrentCreditLimit | null> {
    // Inside a transaction, the customer's row serialises concurrent changes of its limit.
    if (manager.queryRunner?.isTransactionActive) {
      await this.customers.lockForUpdate(manager, customerId);
    }
    const latest = await this.history.latest(customerId, manager);
    if (!latest || latest.amountMinor === null) return null;
    return { amountMinor: latest.amountMinor, currency: latest.currency, requestId: latest.requestId };
  }

  async setLimit(manager: EntityManager, customerId: string, change: CreditLimitChange): Promise<void> {
    const previous = await this.currentLimit(manager, customerId);
    await this.history.append(manager, {
      customerId, amountMinor: change.amountMinor, currency: change.currency, kind: change.kind, validUntil: change.validUntil,
      requestId: change.requestId, previousAmountMinor: previous?.amountMinor ?? null, previousCurrency: previous?.currency ?? null,
    });
    // The exposure alert follows the new limit as soon as the change commits.
    await this.profiles.limitChanged(manager, customerId);
  }
}
