import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PaymentAllocation } from './payment-allocation.entity.js';

/** A payment's part applied to one invoice. */
export interface InvoicePaymentAllocation {
  paymentId: string;
  paymentExternalId: string;
  invoiceId: string;
  currency: string;
  amountMinor: bigint;
  receivedAt: Date;
}

/** What the payments capability tells others: payments applied to given invoices (the account, its statement). */
@Injectable()
export class PaymentLedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Allocations to these invoices, oldest payment first. */
  async allocationsTo(invoiceIds: readonly string[]): Promise<InvoicePaymentAllocation[]> {
    if (invoiceIds.length === 0) return [];
    const rows = await this.dataSource.manager.createQueryBuilder(PaymentAllocation, 'a')
      .innerJoinAndSelect('a.payment', 'p')
      .where('a.invoice_id = ANY(:invoiceIds)', { invoiceIds })
      .orderBy('p.received_at', 'ASC').addOrderBy('p.id', 'ASC').addOrderBy('a.invoice_id', 'ASC')
      .getMany();
    return rows.map((a) => ({
      paymentId: a.paymentId, paymentExternalId: a.payment!.externalId, invoiceId: a.invoiceId, currency: a.payment!.currency,
      amountMinor: a.amountMinor, receivedAt: a.payment!.receivedAt,
    }));
  }
}
