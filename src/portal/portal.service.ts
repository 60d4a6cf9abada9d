import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { taskTitle, type TaskTitle } from '../../activities/task-titles.js';
import { Clock } from '../clock/clock.js';
import { AppError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerAccountService, type AccountRef } from '../customer-account/customer-account.service.js';
import { statementPdf } from '../customer-account/statement-render.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { DisputesService } from '../disputes/disputes.service.js';
import { CustomerBalancesService } from '../invoices/customer-balances.service.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { InvoiceDocumentsService } from '../invoices/invoice-documents.service.js';
import type { Invoice } from '../invoices/invoice-record.js';
import { MessagesService } from '../messages/messages.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { fillPaymentUrl } from '../organization/payment-url.js';
import { PaymentPlansService } from '../promises/payment-plans.service.js';
import { PromisesService } from '../promises/promises.service.js';
import { CollectorTaskWriter } from '../tasks/collector-task.writer.js';
import type { PortalDisputeDto, PortalPaymentPlanDto, PortalPromiseDto } from './portal.dto.js';
import { PortalActivityService } from './portal-activity.service.js';
import { PortalAttachment } from './portal-attachment.entity.js';
import type { PortalEventType } from './portal-event.entity.js';
import type { PortalPrincipal } from './portal-sessions.service.js';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const ATTACHMENT_TYPES = /^(application\/pdf|image\/(png|jpeg|gif|webp)|text\/plain)$/;

export interface UploadedAttachment {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

interface PortalContext {
  ref: AccountRef;
  contact: { id: string; name: string | null; email: string | null; language: 'fr' | 'en' };
  paymentUrlTemplate: string | null;
  actor: string;
}

/**
 * The customer portal: what one contact of one customer may read and do. Every invoice, letter
 * and document is looked up through the session's customer; anything else is 404, as if absent.
 * Actions go to the owners' services (disputes, promises, payment plans), then show on the
 * customer's timeline and open a task for the collector.
 */
@Injectable()
export class PortalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerAccountService) private readonly accounts: CustomerAccountService,
    @Inject(InvoiceBalances) private readonly invoices: InvoiceBalances,
    @Inject(CustomerBalancesService) private readonly customerInvoices: CustomerBalancesService,
    @Inject(InvoiceDocumentsService) private readonly documents: InvoiceDocumentsService,
    @Inject(MessagesService) private readonly messages: MessagesService,
    @Inject(DisputesService) private readonly disputes: DisputesService,
    @Inject(PromisesService) private readonly promises: PromisesService,
    @Inject(PaymentPlansService) private readonly plans: PaymentPlansService,
    @Inject(PortalActivityService) private readonly activity: PortalActivityService,
    @Inject(CollectorTaskWriter) private readonly tasks: CollectorTaskWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async me(p: PortalPrincipal) {
    const { ref, contact, paymentUrlTemplate } = await this.context(p);
    return {
      customer: { name: ref.customer.name, externalId: ref.customer.externalId },
      entity: { name: ref.entity.name },
      contact: { name: contact.name, email: contact.email, language: contact.language },
      canPay: paymentUrlTemplate !== null,
    };
  }

  async opened(p: PortalPrincipal): Promise<void> {
    const ctx = await this.context(p);
    await this.record(ctx, 'portal_opened', [], {});
  }

  /** Open items, balances and disputes: the customer account without what is internal (notes, risk, timeline). */
  async account(p: PortalPrincipal) {
    const { ref, paymentUrlTemplate } = await this.context(p);
    const account = await this.accounts.account(ref, 0);
    const withDocument = await this.documents.withDocument(account.openItems.map((i) => i.id));
    return {
      asOf: account.asOf,
      balances: account.balances.map((b) => ({ currency: b.currency, open: b.open, overdue: b.overdue })),
      openItems: account.openItems.map((i) => ({
        id: i.id, number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, currency: i.currency, amount: i.amount,
        openAmount: i.openAmount, daysOverdue: i.daysOverdue, disputed: i.disputed, hasDocument: withDocument.has(i.id),
        canPay: paymentUrlTemplate !== null && !i.disputed,
      })),
      disputes: account.disputes.map((d) => ({
        id: d.id, status: d.status, reasonCode: d.reasonCode, currency: d.currency, amount: d.amount, acceptedAmount: d.acceptedAmount,
        invoices: d.invoices, openedAt: d.openedAt,
      })),
    };
  }

  async statementPdf(p: PortalPrincipal): Promise<{ name: string; pdf: Buffer }> {
    const { ref } = await this.context(p);
    const statement = await this.accounts.statement(ref, undefined);
    const header = { entityName: ref.entity.name, customerName: ref.customer.name, customerExternalId: ref.customer.externalId };
    return { name: `statement-${ref.customer.externalId.replace(/[^\w.-]/g, '_')}-${statement.asOf}`, pdf: await statementPdf(header, statement) };
  }

  /** One of the customer's invoices with its documents: the ERP's PDF and the letters about it. */
  async invoice(p: PortalPrincipal, invoiceId: string) {
    const { paymentUrlTemplate } = await this.context(p);
    const invoice = await this.ownInvoice(p, invoiceId);
    const [doc, letters, account] = await Promise.all([
      this.documents.withDocument([invoice.id]),
      this.messages.aboutInvoices([invoice.id]),
      this.accounts.account((await this.context(p)).ref, 0),
    ]);
    const disputed = account.openItems.find((i) => i.id === invoice.id)?.disputed ?? false;
    return {
      id: invoice.id, number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate, currency: invoice.currency,
      amount: formatAmount(invoice.amountMinor, invoice.currency), openAmount: formatAmount(invoice.openAmountMinor, invoice.currency),
      status: invoice.status, disputed,
      canPay: paymentUrlTemplate !== null && invoice.status === 'open' && invoice.openAmountMinor > 0n && !disputed,
      documents: [
        ...(doc.has(invoice.id) ? [{ kind: 'invoice' as const, date: invoice.issueDate, url: `/api/v1/portal/invoices/${invoice.id}/document` }] : []),
        ...letters.filter((m) => m.channel === 'letter' && m.documentUrl).map((m) => ({
          kind: 'letter' as const, date: (m.sentAt ?? m.createdAt).slice(0, 10), url: `/api/v1/portal/letters/${m.id}`,
        })),
      ],
    };
  }

  async invoiceDocument(p: PortalPrincipal, invoiceId: string) {
    const invoice = await this.ownInvoice(p, invoiceId);
    const doc = await this.documents.find(invoice.id);
    if (!doc) throw new NotFoundError('Document of invoice', invoiceId);
    return { name: `invoice-${invoice.number.replace(/[^\w.-]/g, '_')}.pdf`, content: doc.content, contentType: doc.contentType };
  }

  /** A letter about one of the customer's invoices. */
  async letter(p: PortalPrincipal, messageId: string) {
    if (!isUuid(messageId)) throw new NotFoundError('Letter', messageId);
    // Every invoice of the customer: letters may be about invoices no longer open.
    const all = (await this.customerInvoices.invoicesOf(p.customerId)).map((i) => i.id);
    const message = (await this.messages.aboutInvoices(all)).find((m) => m.id === messageId.toLowerCase() && m.channel === 'letter');
    if (!message) throw new NotFoundError('Letter', messageId);
    const doc = await this.messages.document(message.id);
    return { name: `letter-${message.id}.pdf`, content: doc.content, contentType: doc.contentType };
  }

  dispute(p: PortalPrincipal, invoiceId: string, dto: PortalDisputeDto, file: UploadedAttachment | undefined, key: string | null = null) {
    const sourceKey = submissionKey(p, 'dispute', key);
    return this.oncePerKey(sourceKey, () => this.openDispute(p, invoiceId, dto, file, sourceKey));
  }

  private async openDispute(p: PortalPrincipal, invoiceId: string, dto: PortalDisputeDto, file: UploadedAttachment | undefined, sourceKey: string | null) {
    const ctx = await this.context(p);
    const invoice = await this.ownInvoice(p, invoiceId);
    const attachments: string[] = [];
    if (file) {
      if (file.size > MAX_ATTACHMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Attachments are limited to ${MAX_ATTACHMENT_BYTES} bytes`, 413);
      if (!ATTACHMENT_TYPES.test(file.mimetype)) {
        throw new FieldValidationError([{ field: 'attachment', messages: ['must be a PDF, an image (PNG, JPEG, GIF, WebP) or a text file'] }]);
      }
      const saved = await this.dataSource.manager.save(PortalAttachment, {
        customerId: p.customerId, fileName: (file.originalname || 'attachment').slice(0, 255), contentType: file.mimetype, size: file.size,
        sha256: createHash('sha256').update(file.buffer).digest('hex'), content: file.buffer,
      });
      attachments.push(`portal-attachment:${saved.id}`);
    }
    const opened = await this.disputes.open({
      invoiceIds: [invoice.id], amountMinor: this.disputes.parseAmountField('amount', dto.amount, invoice.currency), reasonCode: dto.reasonCode,
      comment: dto.comment, attachments, type: 'dispute', sourceKey, openedBy: { userId: null, name: ctx.actor },
    });
    if (!opened.created) {
      // The same submission again: its dispute already holds the first request's attachment.
      if (attachments.length > 0) await this.dataSource.manager.delete(PortalAttachment, { id: attachments[0]!.slice('portal-attachment:'.length) });
      return { id: opened.id, status: opened.status };
    }
    await this.record(ctx, 'dispute_opened', [invoice.id], { disputeId: opened.id, reasonCode: dto.reasonCode, comment: dto.comment, attachments });
    await this.notify(ctx, `dispute:${opened.id}`, invoice.id, taskTitle('PORTAL_DISPUTE', { actor: ctx.actor, invoice: invoice.number, reason: dto.reasonCode }), {
      disputeId: opened.id, reasonCode: dto.reasonCode, comment: dto.comment,
    });
    return { id: opened.id, status: opened.status };
  }

  promise(p: PortalPrincipal, dto: PortalPromiseDto, key: string | null = null) {
    const sourceKey = submissionKey(p, 'promise', key);
    return this.oncePerKey(sourceKey, () => this.makePromise(p, dto, sourceKey));
  }

  private async makePromise(p: PortalPrincipal, dto: PortalPromiseDto, sourceKey: string | null) {
    const ctx = await this.context(p);
    const invoices = await this.ownInvoices(p, dto.invoiceIds);
    const made = await this.promises.create({
      entity: ctx.ref.entity.code, customerExternalId: ctx.ref.customer.externalId, invoiceExternalIds: invoices.map((i) => i.externalId),
      amount: dto.amount, currency: invoices[0]!.currency, promisedFor: dto.promisedFor, channel: 'portal', note: dto.note ?? '',
      sourceKey,
    }, { userId: null, name: ctx.actor });
    if (!made.created) return { id: made.id, status: made.status };
    const numbers = invoices.map((i) => i.number).join(', ');
    await this.record(ctx, 'promise_made', invoices.map((i) => i.id), { promiseId: made.id, amount: dto.amount, currency: invoices[0]!.currency, promisedFor: dto.promisedFor });
    await this.notify(ctx, `promise:${made.id}`, invoices[0]!.id,
      taskTitle('PORTAL_PROMISE', { actor: ctx.actor, amount: dto.amount, currency: invoices[0]!.currency, promisedFor: dto.promisedFor, invoices: numbers }), {
      promiseId: made.id, invoiceIds: invoices.map((i) => i.id),
    });
    return { id: made.id, status: made.status };
  }

  paymentPlan(p: PortalPrincipal, dto: PortalPaymentPlanDto, key: string | null = null) {
    const sourceKey = submissionKey(p, 'payment-plan', key);
    return this.oncePerKey(sourceKey, () => this.askForPlan(p, dto, sourceKey));
  }

  private async askForPlan(p: PortalPrincipal, dto: PortalPaymentPlanDto, sourceKey: string | null) {
    const ctx = await this.context(p);
    const invoices = await this.ownInvoices(p, dto.invoiceIds);
    const plan = await this.plans.create({
      entity: ctx.ref.entity.code, customerExternalId: ctx.ref.customer.externalId, invoiceExternalIds: invoices.map((i) => i.externalId),
      currency: invoices[0]!.currency, instalments: dto.instalments, firstDueDate: dto.firstDueDate, note: dto.note ?? '',
    }, { userId: null, name: ctx.actor }, { sourceKey });
    if (!plan.created) return { id: plan.id, status: plan.status };
    await this.record(ctx, 'payment_plan_requested', invoices.map((i) => i.id), { paymentPlanId: plan.id, status: plan.status, instalments: dto.instalments, firstDueDate: dto.firstDueDate });
    await this.notify(ctx, `payment-plan:${plan.id}`, invoices[0]!.id,
      taskTitle('PORTAL_PAYMENT_PLAN', { actor: ctx.actor, instalments: dto.instalments, invoices: invoices.map((i) => i.number).join(', '), status: plan.status }),
      { paymentPlanId: plan.id, invoiceIds: invoices.map((i) => i.id) });
    return { id: plan.id, status: plan.status };
  }

  /** The entity's payment page for the invoice (the click shows on the timeline; paying is the payment provider's). */
  async payUrl(p: PortalPrincipal, invoiceId: string): Promise<{ url: string }> {
    const ctx = await this.context(p);
    const invoice = await this.ownInvoice(p, invoiceId);
    if (!ctx.paymentUrlTemplate) throw new NotFoundError('Payment page of invoice', invoiceId);
    if (invoice.status !== 'open' || invoice.openAmountMinor <= 0n) throw new AppError('INVOICE_NOT_OPEN', `Invoice ${invoice.number} has nothing left to pay`, 409);
    const url = fillPaymentUrl(ctx.paymentUrlTemplate, {
      invoiceNumber: invoice.number, invoiceExternalId: invoice.externalId, amount: formatAmount(invoice.openAmountMinor, invoice.currency),
      currency: invoice.currency, customerExternalId: ctx.ref.customer.externalId,
    });
    await this.record(ctx, 'pay_clicked', [invoice.id], { amount: formatAmount(invoice.openAmountMinor, invoice.currency), currency: invoice.currency });
    return { url };
  }

  /**
   * One submission at a time per key: a double click's second request waits for the first (a
   * PostgreSQL advisory lock on the key), then finds what it made instead of tripping over it
   * (e.g. "this invoice already has an open promise").
   */
  private async oncePerKey<T>(sourceKey: string | null, run: () => Promise<T>): Promise<T> {
    if (sourceKey === null) return run();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [sourceKey]);
      try {
        return await run();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [sourceKey]);
      }
    } finally {
      await runner.release();
    }
  }

  private async context(p: PortalPrincipal): Promise<PortalContext> {
    const customer = await this.customers.find(p.customerId);
    const entity = customer ? await this.entities.findById(customer.entityId) : null;
    if (!customer || !entity) throw new NotFoundError('Customer', p.customerId);
    const ref = await this.accounts.find(entity.code, customer.externalId, null);
    const found = (await this.customers.deliveryContacts(p.customerId)).find((c) => c.id === p.contactId);
    const contact = {
      id: p.contactId, name: found?.name ?? null, email: found?.email ?? null,
      language: (found?.language === 'en' ? 'en' : 'fr') as 'fr' | 'en',
    };
    const who = contact.name ?? contact.email ?? customer.name;
    return { ref, contact, paymentUrlTemplate: entity.paymentUrlTemplate ?? null, actor: `${who} (${customer.name})` };
  }

  /** The invoice when it is this customer's; anyone else's, or none, is 404 alike. */
  private async ownInvoice(p: PortalPrincipal, invoiceId: string): Promise<Invoice> {
    if (!isUuid(invoiceId)) throw new NotFoundError('Invoice', invoiceId);
    const [invoice] = await this.invoices.byIds([invoiceId.toLowerCase()]);
    if (!invoice || invoice.customerId !== p.customerId) throw new NotFoundError('Invoice', invoiceId);
    return invoice;
  }

  private async ownInvoices(p: PortalPrincipal, ids: readonly string[]): Promise<Invoice[]> {
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    const found = await this.invoices.byIds(unique);
    const byId = new Map(found.filter((i) => i.customerId === p.customerId).map((i) => [i.id, i]));
    const missing = unique.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new FieldValidationError([{ field: 'invoiceIds', messages: [`unknown invoice(s): ${missing.join(', ')}`] }]);
    const invoices = unique.map((id) => byId.get(id)!);
    if (invoices.some((i) => i.currency !== invoices[0]!.currency)) {
      throw new FieldValidationError([{ field: 'invoiceIds', messages: ['the invoices must share one currency'] }]);
    }
    return invoices;
  }

  private record(ctx: PortalContext, type: PortalEventType, invoiceIds: string[], data: Record<string, unknown>): Promise<void> {
    return this.activity.record({ customerId: ctx.ref.customer.id, contactId: ctx.contact.id, actor: ctx.actor, type, invoiceIds, data });
  }

  private notify(ctx: PortalContext, key: string, invoiceId: string, title: TaskTitle, data: Record<string, unknown>): Promise<void> {
    return this.tasks.openCustomerTask({
      idempotencyKey: `portal:${key}`, kind: 'customer_portal', customerId: ctx.ref.customer.id, invoiceId, step: 'portal', ...title,
      dueAt: this.clock.now(), data: { ...data, contactId: ctx.contact.id, actor: ctx.actor },
    });
  }
}

/**
 * The owner's idempotency key for one portal form submission: scoped to the customer, so another
 * customer's key never answers with this customer's dispute, promise or plan.
 */
function submissionKey(p: PortalPrincipal, action: 'dispute' | 'promise' | 'payment-plan', key: string | null): string | null {
  return key === null ? null : `portal:${p.customerId}:${action}:${key}`;
}
