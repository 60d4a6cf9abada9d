import { MoreThan, type EntityManager } from 'typeorm';
import type { StatementLine } from '../../activities/ports.js';
import { daysBetween } from '../../workflows/domain/calendar.js';
import { Invoice } from './invoice.entity.js';

/** A customer's open items, oldest due first, as of a date: what an account statement lists. */
export async function customerOpenItems(manager: EntityManager, customerId: string, asOf: string): Promise<StatementLine[]> {
  const rows = await manager.find(Invoice, {
    where: { customerId, status: 'open', openAmountMinor: MoreThan(0n) as never },
    order: { dueDate: 'ASC', number: 'ASC' },
  });
  return rows.map((i) => ({
    invoiceId: i.id, number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, currency: i.currency,
    openAmountMinor: i.openAmountMinor, daysOverdue: daysBetween(i.dueDate, asOf),
  }));
}
