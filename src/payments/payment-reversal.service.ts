import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CustomerScoringService } from '../credit/customer-scoring.service.js';
import { InvoicePaymentReversal } from '../invoices/invoice-payment-reversal.js';
import { PaymentAllocation } from './payment-allocation.entity.js';
import { Payment } from './payment.entity.js';

export interface ReversedPayment {
  paymentId: string;
  externalId: string;
  allocations: { invoiceId: string; amountMinor: bigint }[];
}

/**
 * Undoes a payment recorded in error (a bank line applied to the wrong
 * invoices): in one transaction the invoices get their open amounts back and
 * the payment and its allocations are removed (the invoices' timelines keep
 * both events); then their dunning resumes and the customers are rescored.
 */
@Injectable()
export class PaymentReversalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoicePaymentReversal) private readonly invoices: InvoicePaymentReversal,
    @Inject(CustomerScoringService) private readonly scoring: CustomerScoringService,
  ) {}

  /** `onReversed` runs in the same transaction (the caller's side of the change). Null when the payment no longer exists. */
  async reverse(
    paymentId: string,
    reason: string,
    onReversed?: (manager: EntityManager, reversed: ReversedPayment) => Promise<void>,
  ): Promise<ReversedPayment | null> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const payment = await manager.findOne(Payment, { where: { id: paymentId }, lock: { mode: 'pessimistic_write' } });
      if (!payment) return null;
      const allocations = (await manager.findBy(PaymentAllocation, { paymentId })).map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor }));
      const touched = await this.invoices.reopen(manager, paymentId, allocations, reason);
      await manager.delete(Payment, { id: paymentId });
      const reversed = { paymentId, externalId: payment.externalId, allocations };
      if (onReversed) await onReversed(manager, reversed);
      return { reversed, touched };
    });
    if (!outcome) return null;
    await this.invoices.resumeDunning(outcome.touched.map((i) => i.id));
    // Rescoring follows like after a payment, off the request path (it logs, never throws).
    void this.scoring.afterPayment(outcome.touched.map((i) => i.customerId));
    return outcome.reversed;
  }
}
