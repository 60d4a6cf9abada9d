import { Inject, Injectable } from '@nestjs/common';
import { formatAmount } from '../../workflows/domain/money.js';
import { checkOrder, type OrderCheckReason, type OrderDecision } from './order-check.js';
import type { RiskClass } from '../../workflows/domain/scenario.js';
import { positiveAmount } from '../common/amount-input.js';
import { BusinessRuleError } from '../common/errors.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CreditPolicyService } from './credit-policy.service.js';
import { CUSTOMER_DISPUTES, type CustomerDisputesPort } from './customer-disputes.port.js';
import { CustomerSituationService } from './customer-situation.service.js';

/** No limit recorded: the limit rule is not evaluated (a limit this large never fires). */
const NO_LIMIT = 2n ** 62n;

export interface OrderCheckView {
  decision: OrderDecision;
  reasons: OrderCheckReason[];
  currency: string;
  riskClass: RiskClass | null;
  limit: string | null;
  exposure: { receivables: string; openOrders: string; order: string; afterOrder: string };
  headroom: string | null;
}

/** The ERP's question before it takes an order: allow, prepayment or block, with the reasons. */
@Injectable()
export class OrderCheckService {
  constructor(
    @Inject(CustomerSituationService) private readonly situations: CustomerSituationService,
    @Inject(CreditPolicyService) private readonly policies: CreditPolicyService,
    @Inject(CUSTOMER_DISPUTES) private readonly disputes: CustomerDisputesPort,
  ) {}

  /** Throws DependencyUnavailableError when disputes cannot be read: no answer is computed without them. */
  async orderCheck(entityCode: string | undefined, externalId: string, dto: { amount: string; currency: string }): Promise<OrderCheckView> {
    const errors: FieldError[] = [];
    const orderMinor = positiveAmount('amount', dto.amount, dto.currency, errors);
    if (errors.length > 0) throw new FieldValidationError(errors);
    const entity = await this.situations.entityByCode(entityCode);
    const customer = await this.situations.customerByExternalId(entity, externalId);
    // Disputes are read alongside the situation, in the order's currency: any other currency is refused below.
    const disputesRead = this.disputes.figures([customer.id], dto.currency).then(
      (figures) => ({ figures }), (error: unknown) => ({ error }),
    );
    const [s, policy] = await Promise.all([this.situations.situationOf(entity, customer), this.policies.policyFor(entity.id)]);
    const currency = s.limitCurrency ?? dto.currency;
    if (dto.currency !== currency) {
      throw new BusinessRuleError('CURRENCY_MISMATCH', `The order is in ${dto.currency} but the credit limit is in ${currency}`);
    }
    if (s.ordersMinor > 0n && s.ordersCurrency !== currency) {
      throw new BusinessRuleError('CURRENCY_MISMATCH', `Open orders are in ${s.ordersCurrency} but the credit limit is in ${currency}`);
    }
    const read = await disputesRead;
    if ('error' in read) throw read.error;
    const disputes = read.figures;
    const result = checkOrder(policy.orderCheck, {
      creditLimit: { amountMinor: s.limitMinor ?? NO_LIMIT, currency },
      openReceivables: { amountMinor: s.receivablesMinor, currency },
      openOrders: { amountMinor: s.ordersMinor, currency },
      order: { amountMinor: orderMinor, currency },
      openDisputes: { amountMinor: disputes.get(s.customerId)?.openAmountMinor ?? 0n, currency },
      oldestOverdueDays: s.oldestOverdueDays,
      riskClass: s.riskClass,
    });
    const fmt = (m: bigint) => formatAmount(m, currency);
    return {
      decision: result.decision, reasons: result.reasons, currency, riskClass: s.riskClass,
      limit: s.limitMinor === null ? null : fmt(s.limitMinor),
      exposure: {
        receivables: fmt(s.receivablesMinor), openOrders: fmt(s.ordersMinor), order: fmt(orderMinor),
        afterOrder: fmt(result.exposureAfterOrderMinor),
      },
      headroom: s.limitMinor === null ? null : (result.headroomMinor < 0n ? '-' : '') + fmt(abs(result.headroomMinor)),
    };
  }
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}
