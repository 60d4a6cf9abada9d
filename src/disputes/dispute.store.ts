import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DisputeNotice, DisputePort, DisputeTransition } from '../../activities/dispute-ports.js';
import { creditPerInvoice } from '../../workflows/domain/dispute-rules.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { AppError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { ensureInvoicePause, invoicePauseWithReason, resumePause, setPauseReason, type InvoicePause } from '../dunning-pauses/invoice-pauses.js';
import { ErpOutboxService } from '../erp-outbox/erp-outbox.service.js';
import { appendInvoiceEvent } from '../invoices/invoice-timeline.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import type { Invoice } from '../invoices/invoice-record.js';
import { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { InternalMailService } from '../messages/internal-mail.service.js';
import { UsersService } from '../users/users.service.js';
import { DECISION_LINK_LIFETIME_SECONDS, DecisionLinkSigner } from './decision-links.js';
import { DisputeDecisionLink } from './dispute-decision-link.entity.js';
import { DisputeEvent } from './dispute-event.entity.js';
import { Dispute } from './dispute.entity.js';
import { Clock, systemClock } from '../clock/clock.js';
import { LedgerService } from '../ledger/ledger.service.js';

export const disputePauseReason = (disputeId: string) => `dispute:${disputeId}`;

const SUBJECTS: Record<DisputeNotice['kind'], string> = {
  opened: 'Dispute opened',
  decision_requested: 'Dispute to decide',
  info_requested: 'Information requested on a dispute',
  info_answered: 'Information given on a dispute',
  confirmation_requested: 'Dispute acceptance to confirm',
  reminder: 'Reminder: dispute awaiting your decision',
  escalated: 'Escalated: dispute past its target resolution time',
  accepted: 'Dispute accepted',
  rejected: 'Dispute rejected',
  closed: 'Dispute closed',
};

/** The dispute workflow's activities write through this (worker side). */
@Injectable()
export class DisputeStore implements DisputePort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ErpOutboxService) private readonly outbox: ErpOutboxService,
    @Inject(InternalMailService) private readonly mail: InternalMailService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(DecisionLinkSigner) private readonly signer: DecisionLinkSigner,
    @Inject(InvoiceBalances) private readonly invoices: InvoiceBalances,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  private gateway: InvoiceWorkflowGateway | null = null;

  /** The worker binds the invoice workflows' gateway over its own Temporal client (the server it serves). */
  bindInvoiceWorkflows(gateway: InvoiceWorkflowGateway): this {
    this.gateway = gateway;
    return this;
  }

  private get invoiceWorkflows(): InvoiceWorkflowGateway {
    if (!this.gateway) throw new Error('DisputeStore: invoice workflows gateway not bound');
    return this.gateway;
  }

  private async dispute(id: string): Promise<Dispute> {
    const d = await this.dataSource.manager.findOneBy(Dispute, { id });
    if (!d) throw new AppError('DISPUTE_NOT_FOUND', `Dispute ${id} not found`, 404);
    return d;
  }

  async recordTransition(disputeId: string, t: DisputeTransition): Promise<void> {
    await this.dispute(disputeId);
    await this.dataSource.transaction(async (m) => {
      if (await m.findOneBy(DisputeEvent, { disputeId, eventKey: t.eventKey })) return;
      await m.insert(DisputeEvent, {
        disputeId, eventKey: t.eventKey, event: t.event, statusFrom: t.from, statusTo: t.to,
        actorUserId: t.actor.userId, actorName: t.actor.name, comment: t.comment, data: (t.data ?? null) as never, at: new Date(t.at),
      });
      const patch: Partial<Dispute> = { status: t.to };
      if (t.to === 'accepted' || t.to === 'rejected') patch.resolvedAt = new Date(t.at);
      if (t.to === 'accepted' && typeof t.data?.amountMinor === 'string') patch.acceptedAmountMinor = BigInt(t.data.amountMinor);
      if (t.to === 'closed') patch.closedAt = new Date(t.at);
      await m.update(Dispute, { id: disputeId }, patch);
    });
  }

  /** Pauses each disputed open invoice (reason `dispute:<id>`), unless a pause is already in force there. */
  async pauseDunning(disputeId: string): Promise<void> {
    const dispute = await this.dispute(disputeId);
    const signals: { workflowId: string; pause: InvoicePause }[] = [];
    await this.dataSource.transaction(async (m) => {
      const invoices = await this.invoices.lockByIds(m, dispute.invoices.map((s) => s.invoiceId));
      for (const invoice of invoices) {
        if (invoice.status !== 'open') continue;
        const { pause, created } = await ensureInvoicePause(m, { invoiceId: invoice.id, customerId: invoice.customerId }, disputePauseReason(disputeId));
        if (created) {
          await appendInvoiceEvent(m, invoice.id, {
            type: 'dunning_paused', dedupeKey: `paused:${pause.id}`,
            data: { scope: 'invoice', reason: pause.reason, until: null, pauseId: pause.id, disputeId },
          });
        }
        if (pause.reason === disputePauseReason(disputeId)) signals.push({ workflowId: invoice.workflowId, pause });
      }
    });
    // Told after commit, and again on any retry.
    for (const s of signals) await this.invoiceWorkflows.paused(s.workflowId, s.pause.signal);
  }

  /** Lifts this dispute's pauses; one still wanted by another open dispute on the invoice passes to it. */
  async resumeDunning(disputeId: string): Promise<void> {
    const dispute = await this.dispute(disputeId);
    const resumed: string[] = [];
    await this.dataSource.transaction(async (m) => {
      const invoices = await this.invoices.lockByIds(m, dispute.invoices.map((s) => s.invoiceId));
      for (const invoice of invoices) {
        const pause = await invoicePauseWithReason(m, invoice.id, disputePauseReason(disputeId));
        if (!pause) {
          resumed.push(invoice.workflowId);
          continue;
        }
        const other = await m.createQueryBuilder(Dispute, 'd')
          .where('d.id <> :id AND d.status IN (:...active)', { id: disputeId, active: ['open', 'in_review', 'info_requested'] })
          .andWhere('d.invoices @> :share::jsonb', { share: JSON.stringify([{ invoiceId: invoice.id }]) })
          .orderBy('d.created_at', 'ASC').getOne();
        if (other) {
          await setPauseReason(m, pause.id, disputePauseReason(other.id));
          continue;
        }
        await resumePause(m, pause.id, this.clock.now());
        await appendInvoiceEvent(m, invoice.id, {
          type: 'dunning_resumed', dedupeKey: `resumed:${pause.id}`, data: { scope: 'invoice', cause: 'dispute_closed', pauseId: pause.id, disputeId },
        });
        resumed.push(invoice.workflowId);
      }
    });
    for (const workflowId of resumed) await this.invoiceWorkflows.resumed(workflowId, 'invoice');
  }

  /**
   * The credit note is taken as applied when requested: the invoices' open
   * amounts go down by the accepted amount (in the dispute's invoice order)
   * and `credit_note.requested` is enqueued for the ERP, in one transaction.
   */
  async applyCreditNote(disputeId: string, acceptedAmountMinor: string): Promise<{ outboxId: string }> {
    const dispute = await this.dispute(disputeId);
    const touched: Invoice[] = [];
    const outboxId = await this.dataSource.transaction(async (m) => {
      const applied = await m.findOneBy(DisputeEvent, { disputeId, eventKey: 'credit_note_applied' });
      const invoices = await this.invoices.lockByIds(m, dispute.invoices.map((s) => s.invoiceId));
      const byId = new Map(invoices.map((i) => [i.id, i]));
      const credits = creditPerInvoice(dispute.invoices, BigInt(acceptedAmountMinor));
      const lines: { invoiceId: string; invoiceExternalId: string; amount: string }[] = [];
      for (const c of credits) {
        const invoice = byId.get(c.invoiceId)!;
        lines.push({ invoiceId: invoice.id, invoiceExternalId: invoice.externalId, amount: formatAmount(BigInt(c.amountMinor), invoice.currency) });
        if (applied || invoice.status === 'cancelled') continue;
        const credit = BigInt(c.amountMinor) < invoice.openAmountMinor ? BigInt(c.amountMinor) : invoice.openAmountMinor;
        const updated = await this.invoices.changeOpenAmount(m, invoice, {
          cause: 'dispute_credit_note', sourceKey: `dispute:${disputeId}`, openAmountMinor: invoice.openAmountMinor - credit,
          ledger: { date: await this.ledger.todayAt(invoice.entityId), key: `credit_note:dispute:${disputeId}:${invoice.id}`, sourceId: disputeId },
        });
        await appendInvoiceEvent(m, invoice.id, {
          type: 'credit_note_applied', dedupeKey: `credit_note:dispute:${disputeId}`,
          data: { disputeId, amount: formatAmount(credit, invoice.currency), openAmount: formatAmount(updated.openAmountMinor, invoice.currency) },
        });
        touched.push(updated);
      }
      if (!applied) {
        await m.insert(DisputeEvent, {
          disputeId, eventKey: 'credit_note_applied', event: 'credit_note_applied', statusFrom: 'accepted', statusTo: 'accepted',
          actorUserId: null, actorName: 'Relance', comment: 'Credit note requested from the ERP; open amounts reduced',
          data: { amountMinor: acceptedAmountMinor } as never, at: this.clock.now(),
        });
      }
      const customer = await this.customers.find(dispute.customerId, {}, m);
      if (!customer) throw new AppError('CUSTOMER_MISSING', `Customer ${dispute.customerId} of dispute ${disputeId} not found`, 500);
      return this.outbox.enqueue(m, {
        idempotencyKey: `credit_note.requested:dispute:${disputeId}`,
        type: 'credit_note.requested',
        data: {
          disputeId, reasonCode: dispute.reasonCode, type: dispute.type,
          customer: { id: customer.id, externalId: customer.externalId },
          amount: { amount: formatAmount(BigInt(acceptedAmountMinor), dispute.currency), currency: dispute.currency },
          disputedAmount: { amount: formatAmount(dispute.amountMinor, dispute.currency), currency: dispute.currency },
          full: BigInt(acceptedAmountMinor) === dispute.amountMinor,
          invoices: lines,
        },
      });
    });
    for (const inv of touched) await this.invoiceWorkflows.creditNoteApplied(inv.workflowId, disputeId, inv.openAmountMinor.toString());
    return { outboxId };
  }

  async notify(notice: DisputeNotice): Promise<number> {
    const dispute = await this.dispute(notice.disputeId);
    const invoices = await this.invoices.byIds(dispute.invoices.map((s) => s.invoiceId));
    const numbers = invoices.map((i) => i.number ?? i.externalId).join(', ');
    const amount = `${formatAmount(dispute.amountMinor, dispute.currency)} ${dispute.currency}`;
    const users = (await this.users.findByIds([...new Set(notice.userIds)])).filter((u) => u.active);
    for (const user of users) {
      const lines = [
        `Dispute ${dispute.id} (${dispute.reasonCode}) on invoice(s) ${numbers} for ${amount}.`,
        `Status: ${dispute.status}.`,
        ...(notice.comment ? [`Comment: ${notice.comment}`] : []),
      ];
      if (notice.links) {
        lines.push('', 'Decide with one of these links (single use, valid 7 days):');
        for (const decision of notice.links.decisions) {
          const nonce = this.signer.newNonce();
          const expiresAt = Math.floor(this.clock.nowMs() / 1000) + DECISION_LINK_LIFETIME_SECONDS;
          await this.dataSource.manager.insert(DisputeDecisionLink, {
            nonce, disputeId: dispute.id, userId: user.id, decision, level: notice.links.level, expiresAt: new Date(expiresAt * 1000), usedAt: null,
          });
          const token = this.signer.sign({ d: dispute.id, u: user.id, l: notice.links.level, x: decision, e: expiresAt, n: nonce });
          lines.push(`${decision}: ${this.signer.url(token)}`);
        }
      }
      await this.mail.send({
        idempotencyKey: `dispute:${dispute.id}:${notice.kind}:${notice.key}:${user.id}`,
        customerId: dispute.customerId,
        invoiceId: dispute.invoices[0]?.invoiceId ?? null,
        topic: `dispute.${notice.kind}`,
        to: user.email,
        subject: `${SUBJECTS[notice.kind]} — ${numbers} (${amount})`,
        body: lines.join('\n'),
      });
    }
    return users.length;
  }
}
