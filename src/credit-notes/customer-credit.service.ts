import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CustomerCreditQuery, CustomerCreditReader, OpenCustomerCredit } from '../common/customer-credit.js';
import { CreditNote } from './credit-note.entity.js';

/**
 * The customer credit reader of source `credit_note` (src/common/customer-credit.ts): credit notes
 * with a part no invoice took, oldest first. The customer account shows them beside unapplied
 * cash and nets both from its balance. A credit note is allocated when the ERP sends it, so what
 * is left is its unallocated amount from its issue date on.
 */
@Injectable()
export class CustomerCreditService implements CustomerCreditReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async openCredits(query: CustomerCreditQuery): Promise<OpenCustomerCredit[]> {
    if (query.customerIds && query.customerIds.length === 0) return [];
    const q = this.dataSource.manager.createQueryBuilder(CreditNote, 'n').where('n.unallocated_minor > 0');
    if (query.entityId) q.andWhere('n.entity_id = :entityId', { entityId: query.entityId });
    if (query.customerIds) q.andWhere('n.customer_id = ANY(:customerIds)', { customerIds: [...query.customerIds] });
    if (query.currency) q.andWhere('n.currency = :currency', { currency: query.currency });
    if (query.asOf) q.andWhere('n.issue_date <= :asOf', { asOf: query.asOf });
    const notes = await q.orderBy('n.issue_date', 'ASC').addOrderBy('n.number', 'ASC').addOrderBy('n.id', 'ASC').getMany();
    return notes.map((n) => ({
      id: n.id, source: 'credit_note', sourceId: n.id, reference: n.number, entityId: n.entityId, customerId: n.customerId,
      currency: n.currency, amountMinor: n.amountMinor, remainingMinor: n.unallocatedMinor, date: n.issueDate,
    }));
  }
}
