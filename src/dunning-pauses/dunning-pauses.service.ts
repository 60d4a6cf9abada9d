import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { InvoiceDirectory, type InvoiceRecord } from '../invoices/invoice-directory.js';
import { appendInvoiceEvent } from '../invoices/invoice-timeline.js';
import { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { isUuid } from '../common/uuid.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { toPauseSignal, toPauseView } from './active-pauses.js';
import { DunningPause, type PauseScope } from './dunning-pause.entity.js';
import type { PauseDunningDto } from './pause.dto.js';
import { Clock, systemClock } from '../clock/clock.js';

export type PauseView = ReturnType<typeof toPauseView>;

/**
 * Dunning stops asked by people. The pause is a fact recorded here; the
 * invoice workflows are told afterwards (and told again on any retry).
 */
@Injectable()
export class DunningPausesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(InvoiceWorkflowGateway) private readonly workflows: InvoiceWorkflowGateway,
    @Inject(InvoiceDirectory) private readonly invoices: InvoiceDirectory,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** Every pause of the customer (its invoices' and its own), oldest first: the customer account's timeline. */
  async pausesOfCustomer(customerId: string): Promise<{ id: string; scope: PauseScope; invoiceId: string | null; reason: string; since: Date; until: Date | null; resumedAt: Date | null }[]> {
    const rows = await this.dataSource.manager.find(DunningPause, { where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((p) => ({ id: p.id, scope: p.scope, invoiceId: p.invoiceId, reason: p.reason, since: p.createdAt, until: p.until, resumedAt: p.resumedAt }));
  }

  async pauseInvoice(invoiceId: string, dto: PauseDunningDto): Promise<{ invoiceId: string; paused: true; pause: PauseView }> {
    const until = this.futureInstant(dto.until);
    const { invoice, pause } = await this.dataSource.transaction(async (m) => {
      const invoice = await this.lockInvoice(m, invoiceId);
      if (invoice.status !== 'open') throw new ConflictError('INVOICE_NOT_OPEN', `Invoice is ${invoice.status}: there is no dunning to pause`);
      const pause = await this.upsertPause(m, 'invoice', { invoiceId: invoice.id, customerId: invoice.customerId }, dto.reason, until, [invoice.id]);
      return { invoice, pause };
    });
    await this.workflows.paused(invoice.workflowId, toPauseSignal(pause));
    return { invoiceId: invoice.id, paused: true, pause: toPauseView(pause) };
  }

  async resumeInvoice(invoiceId: string): Promise<{ invoiceId: string; paused: false; resumed: PauseView | null }> {
    const { invoice, resumed } = await this.dataSource.transaction(async (m) => {
      const invoice = await this.lockInvoice(m, invoiceId);
      const resumed = await this.closePause(m, { invoiceId: invoice.id, scope: 'invoice' }, [invoice.id]);
      return { invoice, resumed };
    });
    // Sent even when nothing was paused here: it repairs a resume whose signal was lost.
    await this.workflows.resumed(invoice.workflowId, 'invoice');
    return { invoiceId: invoice.id, paused: false, resumed: resumed && toPauseView(resumed) };
  }

  async pauseCustomer(externalId: string, entityCode: string | undefined, dto: PauseDunningDto) {
    const until = this.futureInstant(dto.until);
    const customer = await this.findCustomer(externalId, entityCode);
    const { pause, invoices } = await this.dataSource.transaction(async (m) => {
      await this.customers.lockForUpdate(m, customer.id);
      const invoices = await this.invoices.openOfCustomer(customer.id, m);
      const pause = await this.upsertPause(m, 'customer', { invoiceId: null, customerId: customer.id }, dto.reason, until, invoices.map((i) => i.id));
      return { pause, invoices };
    });
    await Promise.all(invoices.map((i) => this.workflows.paused(i.workflowId, toPauseSignal(pause))));
    return { customerExternalId: externalId, paused: true as const, pause: toPauseView(pause), invoices: invoices.length };
  }

  async resumeCustomer(externalId: string, entityCode: string | undefined) {
    const customer = await this.findCustomer(externalId, entityCode);
    const { resumed, invoices } = await this.dataSource.transaction(async (m) => {
      await this.customers.lockForUpdate(m, customer.id);
      const invoices = await this.invoices.openOfCustomer(customer.id, m);
      const resumed = await this.closePause(m, { customerId: customer.id, scope: 'customer' }, invoices.map((i) => i.id));
      return { resumed, invoices };
    });
    await Promise.all(invoices.map((i) => this.workflows.resumed(i.workflowId, 'customer')));
    return { customerExternalId: externalId, paused: false as const, resumed: resumed && toPauseView(resumed), invoices: invoices.length };
  }

  private futureInstant(value: string | undefined): Date | null {
    if (value === undefined) return null;
    const until = new Date(value);
    if (!(until.getTime() > this.clock.nowMs())) throw new FieldValidationError([{ field: 'until', messages: ['until must be in the future'] }]);
    return until;
  }

  private async lockInvoice(m: EntityManager, invoiceId: string): Promise<InvoiceRecord> {
    if (!isUuid(invoiceId)) throw new NotFoundError('Invoice', invoiceId);
    const invoice = await this.invoices.lockForUpdate(m, invoiceId);
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    return invoice;
  }

  private async findCustomer(externalId: string, entityCode: string | undefined): Promise<CustomerRecord> {
    const entity = await this.entities.findByCode(entityCode);
    const customer = entity && (await this.customers.findByExternalId(entity.id, externalId));
    if (!customer) throw new NotFoundError('Customer', externalId);
    return customer;
  }

  /** Pauses whose end date passed are over: close them so a new one can start. */
  private async closeExpired(m: EntityManager, where: { invoiceId?: string; customerId?: string; scope: PauseScope }) {
    await m
      .createQueryBuilder()
      .update(DunningPause)
      .set({ resumedAt: () => '"until"' })
      .where('resumed_at IS NULL AND until <= :now AND scope = :scope', { now: this.clock.now(), scope: where.scope })
      .andWhere(where.invoiceId ? 'invoice_id = :id' : 'customer_id = :id', { id: where.invoiceId ?? where.customerId })
      .execute();
  }

  private async upsertPause(
    m: EntityManager,
    scope: PauseScope,
    target: { invoiceId: string | null; customerId: string },
    reason: string,
    until: Date | null,
    timelineInvoiceIds: string[],
  ): Promise<DunningPause> {
    await this.closeExpired(m, { ...(target.invoiceId ? { invoiceId: target.invoiceId } : { customerId: target.customerId }), scope });
    const existing = await m.findOneBy(DunningPause, {
      scope, resumedAt: IsNull(), ...(target.invoiceId ? { invoiceId: target.invoiceId } : { customerId: target.customerId }),
    });
    const data = { scope, reason, until: until?.toISOString() ?? null };
    if (existing) {
      await m.update(DunningPause, { id: existing.id }, { reason, until });
      for (const invoiceId of timelineInvoiceIds) {
        await appendInvoiceEvent(m, invoiceId, {
          type: 'dunning_pause_changed', dedupeKey: `pause_changed:${existing.id}:${this.clock.nowMs()}`, data: { ...data, pauseId: existing.id },
        });
      }
      return m.findOneByOrFail(DunningPause, { id: existing.id });
    }
    const pause = await m.save(m.create(DunningPause, { scope, invoiceId: target.invoiceId, customerId: target.customerId, reason, until, resumedAt: null }));
    for (const invoiceId of timelineInvoiceIds) {
      await appendInvoiceEvent(m, invoiceId, { type: 'dunning_paused', dedupeKey: `paused:${pause.id}`, data: { ...data, pauseId: pause.id } });
    }
    return pause;
  }

  private async closePause(
    m: EntityManager,
    where: { invoiceId?: string; customerId?: string; scope: PauseScope },
    timelineInvoiceIds: string[],
  ): Promise<DunningPause | null> {
    await this.closeExpired(m, where);
    const pause = await m.findOneBy(DunningPause, {
      scope: where.scope, resumedAt: IsNull(), ...(where.invoiceId ? { invoiceId: where.invoiceId } : { customerId: where.customerId! }),
    });
    if (!pause) return null;
    await m.update(DunningPause, { id: pause.id }, { resumedAt: this.clock.now() });
    for (const invoiceId of timelineInvoiceIds) {
      await appendInvoiceEvent(m, invoiceId, {
        type: 'dunning_resumed', dedupeKey: `resumed:${pause.id}`, data: { scope: where.scope, cause: 'manual', pauseId: pause.id },
      });
    }
    return m.findOneByOrFail(DunningPause, { id: pause.id });
  }
}
