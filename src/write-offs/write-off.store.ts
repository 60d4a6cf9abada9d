import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WriteOffOutcome, WriteOffPort } from '../../activities/write-off-ports.js';
import type { WriteOffDecisionRecord } from '../../workflows/write-off.definitions.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { Clock, systemClock } from '../clock/clock.js';
import { NotFoundError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { ErpOutboxService } from '../erp-outbox/erp-outbox.service.js';
import { InvoiceAdjustments, type ReducedInvoice } from '../invoices/invoice-adjustments.service.js';
import type { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { WriteOff } from './write-off.entity.js';

export const writeOffKey = (writeOffId: string): string => `write-off:${writeOffId}`;

/**
 * Applies write-offs: the invoice goes down through InvoiceAdjustments, the
 * write-off is marked applied and `invoice.written_off` is enqueued for the
 * ERP, in one transaction. Used by the API (below the threshold) and by the
 * approval workflow's activities (above it).
 */
@Injectable()
export class WriteOffStore implements WriteOffPort {
  private gateway: InvoiceWorkflowGateway | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceAdjustments) private readonly invoices: InvoiceAdjustments,
    @Inject(ErpOutboxService) private readonly outbox: ErpOutboxService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** The worker tells invoice workflows through its own client. */
  bindInvoiceWorkflows(gateway: InvoiceWorkflowGateway): this {
    this.gateway = gateway;
    return this;
  }

  async apply(writeOffId: string, decision: WriteOffDecisionRecord | null): Promise<WriteOffOutcome> {
    const result = await this.dataSource.transaction((m) => this.applyIn(m, writeOffId, decision));
    if (result.reduced) await this.invoices.notifyReduced([result.reduced], { cause: 'write_off', key: writeOffKey(writeOffId) }, this.gateway);
    return result.outcome;
  }

  /** Inside the caller's transaction (the API's immediate write-off inserts the row in it first). */
  async applyIn(m: EntityManager, writeOffId: string, decision: WriteOffDecisionRecord | null): Promise<{ outcome: WriteOffOutcome; reduced: ReducedInvoice | null }> {
    const writeOff = await m.findOne(WriteOff, { where: { id: writeOffId }, lock: { mode: 'pessimistic_write' } });
    if (!writeOff) throw new NotFoundError('Write-off', writeOffId);
    const decided = decision ? { decidedByUserId: decision.userId, decidedByName: decision.name, decisionComment: decision.comment, decidedAt: new Date(decision.at) } : {};
    if (writeOff.status === 'applied') return { outcome: { status: 'applied', outboxId: await this.eventId(m, writeOffId) }, reduced: null };
    if (writeOff.status === 'lapsed') return { outcome: { status: 'lapsed', outboxId: null }, reduced: null };
    const invoice = await this.invoices.snapshot(writeOff.invoiceId, m);
    // Paid or credited meanwhile: write off what is still open, nothing when nothing is.
    const amountMinor = invoice.openAmountMinor < writeOff.amountMinor ? invoice.openAmountMinor : writeOff.amountMinor;
    if (invoice.status !== 'open' || amountMinor <= 0n) {
      await m.update(WriteOff, { id: writeOffId }, { status: 'lapsed', ...decided });
      return { outcome: { status: 'lapsed', outboxId: null }, reduced: null };
    }
    const now = this.clock.now();
    const zone = (await this.entities.findById(invoice.entityId))?.timeZone ?? 'Europe/Paris';
    const reduced = await this.invoices.reduceById(m, invoice.id, amountMinor, {
      cause: 'write_off', key: writeOffKey(writeOffId), sourceId: writeOffId, effectiveDate: dateInZone(now.getTime(), zone), timelineType: 'written_off',
      data: {
        writeOffId, reasonCode: writeOff.reasonCode, comment: writeOff.comment, requestedBy: writeOff.requestedByName,
        approvedBy: decision?.name ?? null,
      },
    });
    await m.update(WriteOff, { id: writeOffId }, { status: 'applied', appliedMinor: amountMinor, appliedAt: now, ...decided });
    const customerExternalId = (await this.customers.find(invoice.customerId, {}, m))?.externalId ?? null;
    const outboxId = await this.outbox.enqueue(m, {
      idempotencyKey: `invoice.written_off:${writeOffId}`,
      type: 'invoice.written_off',
      data: {
        writeOffId,
        invoice: { id: invoice.id, externalId: invoice.externalId, number: invoice.number },
        customer: { id: invoice.customerId, externalId: customerExternalId },
        amount: { amount: formatAmount(amountMinor, invoice.currency), currency: invoice.currency },
        openAmount: { amount: formatAmount(reduced.openAmountMinor, invoice.currency), currency: invoice.currency },
        reasonCode: writeOff.reasonCode, comment: writeOff.comment,
        requestedBy: writeOff.requestedByName, approvedBy: decision?.name ?? null,
        effectiveDate: dateInZone(now.getTime(), zone),
      },
    });
    return { outcome: { status: 'applied', outboxId }, reduced };
  }

  async reject(writeOffId: string, decision: WriteOffDecisionRecord): Promise<void> {
    await this.dataSource.manager.update(
      WriteOff, { id: writeOffId, status: 'pending_approval' },
      { status: 'rejected', decidedByUserId: decision.userId, decidedByName: decision.name, decisionComment: decision.comment, decidedAt: new Date(decision.at) },
    );
  }

  private async eventId(m: EntityManager, writeOffId: string): Promise<string | null> {
    return this.outbox.idFor(m, `invoice.written_off:${writeOffId}`);
  }
}
