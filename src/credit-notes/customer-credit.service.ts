import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { CreditNote } from './credit-note.entity.js';

/** A credit note with an unallocated part: customer credit, like cash no invoice took (cash's UnappliedCashService). */
export interface UnallocatedCreditNote {
  id: string;
  externalId: string;
  number: string;
  issueDate: string;
  currency: string;
  /** What no invoice took, decimal string in the currency's precision. */
  unallocatedAmount: string;
  unallocatedMinor: bigint;
}

/**
 * What other capabilities read about credit notes: a customer's credit notes
 * with something left unallocated, oldest first (the customer account shows
 * them as customer credit beside unapplied cash and subtracts both from the balance).
 */
@Injectable()
export class CustomerCreditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async unallocatedFor(customerId: string): Promise<UnallocatedCreditNote[]> {
    const notes = await this.dataSource.manager
      .createQueryBuilder(CreditNote, 'n')
      .where('n.customer_id = :customerId AND n.unallocated_minor > 0', { customerId })
      .orderBy('n.issue_date', 'ASC')
      .addOrderBy('n.number', 'ASC')
      .getMany();
    return notes.map((n) => ({
      id: n.id, externalId: n.externalId, number: n.number, issueDate: n.issueDate, currency: n.currency,
      unallocatedAmount: formatAmount(n.unallocatedMinor, n.currency), unallocatedMinor: n.unallocatedMinor,
    }));
  }
}
