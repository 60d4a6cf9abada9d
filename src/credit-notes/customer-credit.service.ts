import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { CreditNote } from './credit-note.entity.js';

export interface CustomerCredit {
  currency: string;
  /** Decimal string in the currency's precision. */
  amount: string;
  amountMinor: bigint;
  /** Credit notes with something left, oldest first. */
  creditNotes: { id: string; externalId: string; number: string; issueDate: string; unallocatedAmount: string }[];
}

/**
 * What other capabilities read about credit notes: a customer's unallocated
 * credit per currency (the customer account's balance is invoices minus it).
 */
@Injectable()
export class CustomerCreditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async unallocatedFor(customerId: string): Promise<CustomerCredit[]> {
    const notes = await this.dataSource.manager
      .createQueryBuilder(CreditNote, 'n')
      .where('n.customer_id = :customerId AND n.unallocated_minor > 0', { customerId })
      .orderBy('n.issue_date', 'ASC')
      .addOrderBy('n.number', 'ASC')
      .getMany();
    const byCurrency = new Map<string, CustomerCredit>();
    for (const n of notes) {
      const credit = byCurrency.get(n.currency) ?? { currency: n.currency, amount: '', amountMinor: 0n, creditNotes: [] };
      credit.amountMinor += n.unallocatedMinor;
      credit.creditNotes.push({
        id: n.id, externalId: n.externalId, number: n.number, issueDate: n.issueDate, unallocatedAmount: formatAmount(n.unallocatedMinor, n.currency),
      });
      byCurrency.set(n.currency, credit);
    }
    return [...byCurrency.values()]
      .map((c) => ({ ...c, amount: formatAmount(c.amountMinor, c.currency) }))
      .sort((a, b) => a.currency.localeCompare(b.currency));
  }
}
