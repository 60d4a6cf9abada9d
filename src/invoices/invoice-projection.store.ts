import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DunningInvoiceView, InvoiceProjectionPort, TimelineEntry } from '../../activities/ports.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { Invoice } from './invoice.entity.js';
import { appendInvoiceEvent, appendInvoiceEvents } from './invoice-timeline.js';
import { Clock, systemClock } from '../clock/clock.js';

/** The invoice projection port of the dunning activities, over PostgreSQL. */
@Injectable()
export class InvoiceProjectionStore implements InvoiceProjectionPort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async findForDunning(invoiceId: string): Promise<DunningInvoiceView | null> {
    const rows = await this.loadDunningRows(invoiceId);
    return rows && toDunningView(rows);
  }

  /** The rows a dunning step reads: the invoice, its customer and primary contact. */
  async loadDunningRows(invoiceId: string): Promise<DunningRows | null> {
    const m = this.dataSource.manager;
    const invoice = await m.findOneBy(Invoice, { id: invoiceId });
    if (!invoice) return null;
    const customer = await this.customers.find(invoice.customerId);
    if (!customer) throw new Error(`Invoice ${invoiceId}: customer ${invoice.customerId} not found`);
    return { invoice, customer, contact: customer.contact };
  }

  async appendTimeline(invoiceId: string, entry: TimelineEntry): Promise<void> {
    await appendInvoiceEvent(this.dataSource.manager, invoiceId, { ...entry, occurredAt: this.clock.now() });
  }

  async appendTimelineEntries(invoiceId: string, entries: readonly TimelineEntry[]): Promise<void> {
    await appendInvoiceEvents(this.dataSource.manager, invoiceId, entries.map((e) => ({ ...e, occurredAt: this.clock.now() })));
  }

  async setNextAction(invoiceId: string, next: { at: Date; step: string } | null): Promise<void> {
    // Plain SQL: a projection refresh is not a business change, so the version stays.
    await this.dataSource.query('UPDATE invoices SET next_action_at = $1, next_action_step = $2 WHERE id = $3', [
      next?.at ?? null,
      next?.step ?? null,
      invoiceId,
    ]);
  }
}

export interface DunningRows {
  invoice: Invoice;
  customer: CustomerRecord;
  contact: CustomerRecord['contact'];
}

export function toDunningView({ invoice, customer, contact }: DunningRows): DunningInvoiceView {
  return {
    id: invoice.id, number: invoice.number, status: invoice.status, currency: invoice.currency,
    amountMinor: invoice.amountMinor, openAmountMinor: invoice.openAmountMinor,
    issueDate: invoice.issueDate, dueDate: invoice.dueDate,
    customer: {
      id: customer.id, name: customer.name, email: contact?.email ?? null, phone: contact?.phone ?? null,
      language: contact?.language ?? 'fr',
    },
  };
}
