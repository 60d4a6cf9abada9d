import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { FieldRuleError, type FieldError } from '../common/validation.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { InvoiceInputLoader } from './invoice-input-loader.js';
import { appendInvoiceEvent } from './invoice-timeline.js';
import { InvoiceWorkflowGateway } from './invoice-workflow.gateway.js';
import { InvoiceBalances } from './invoice-balances.js';
import { Invoice } from './invoice.entity.js';

/** A document lowering invoices' open amounts: a credit note's allocations, a write-off. */
export interface ReducingDocument {
  cause: 'credit_note' | 'write_off';
  /** `credit-note:<id>`, `write-off:<id>`: timeline and status events are keyed on it, so a replay records nothing twice. */
  key: string;
  /** The credit note's or write-off's id: the ledger movement is keyed `<cause>:<sourceId>:<invoiceId>`. */
  sourceId: string;
  /** Business date of the reduction (YYYY-MM-DD). */
  effectiveDate: string;
  /** Timeline entry type on each invoice (`credit_note_allocated`, `written_off`) and what it says besides amounts. */
  timelineType: string;
  data: Record<string, unknown>;
}

/** What other modules learn about an invoice they reduced (never the entity itself). */
export interface ReducedInvoice {
  id: string;
  externalId: string;
  number: string;
  customerId: string;
  currency: string;
  status: string;
  amountMinor: bigint;
  openAmountMinor: bigint;
  workflowId: string;
  /** What this document took off it. */
  reducedByMinor: bigint;
}

/** An invoice as a write-off or a credit note reads it before changing it. */
export interface InvoiceSnapshot {
  id: string;
  externalId: string;
  number: string;
  entityId: string;
  customerId: string;
  currency: string;
  status: string;
  amountMinor: bigint;
  openAmountMinor: bigint;
  workflowId: string;
}

/**
 * Credit notes and write-offs lower invoices through here, inside their own
 * transaction, and never touch the invoices table themselves; every change
 * goes through InvoiceBalances.changeOpenAmount, which records the
 * receivables-ledger movement (`credit_note`, `write_off`) with it.
 */
@Injectable()
export class InvoiceAdjustments {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceBalances) private readonly balances: InvoiceBalances,
    @Inject(InvoiceWorkflowGateway) private readonly workflows: InvoiceWorkflowGateway,
    @Inject(InvoiceInputLoader) private readonly inputs: InvoiceInputLoader,
  ) {}

  async snapshot(invoiceId: string, manager: EntityManager = this.dataSource.manager): Promise<InvoiceSnapshot> {
    const [invoice] = await this.balances.byIds([invoiceId], manager);
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    return toSnapshot(invoice);
  }

  /**
   * Lowers each named invoice (by the ERP's external id, in `entityId`) by
   * its line's amount, in the caller's transaction. Every invoice must exist,
   * be the customer's, in the document's currency, not cancelled, with at
   * least that much open; otherwise a 422 with one error per offending line
   * (the caller's transaction rolls back, nothing changes).
   */
  async reduceByExternalIds(
    manager: EntityManager,
    scope: { entityId: string; customerId: string; currency: string },
    lines: { invoiceExternalId: string; amountMinor: bigint; field: string }[],
    doc: ReducingDocument,
  ): Promise<ReducedInvoice[]> {
    if (lines.length === 0) return [];
    // Lock in a stable order so concurrent documents never deadlock.
    const invoices = await this.balances.lockByExternalIds(manager, scope.entityId, lines.map((l) => l.invoiceExternalId));
    const byExternalId = new Map(invoices.map((i) => [i.externalId, i]));
    const errors: FieldError[] = [];
    for (const line of lines) {
      const invoice = byExternalId.get(line.invoiceExternalId);
      const problem = !invoice
        ? { field: `${line.field}.invoiceExternalId`, message: `unknown invoice "${line.invoiceExternalId}"` }
        : invoice.customerId !== scope.customerId
          ? { field: `${line.field}.invoiceExternalId`, message: 'invoice belongs to another customer' }
          : reductionProblem(invoice, scope.currency, line.amountMinor, `${line.field}`);
      if (problem) errors.push({ field: problem.field, messages: [problem.message] });
    }
    if (errors.length > 0) throw new FieldRuleError('ALLOCATION_REFUSED', errors);
    const reduced: ReducedInvoice[] = [];
    for (const line of lines) reduced.push(await this.reduce(manager, byExternalId.get(line.invoiceExternalId)!, line.amountMinor, doc));
    return reduced;
  }

  /** Lowers one invoice by `amountMinor` (a write-off), in the caller's transaction; 422 on `amount` when it cannot. */
  async reduceById(manager: EntityManager, invoiceId: string, amountMinor: bigint, doc: ReducingDocument): Promise<ReducedInvoice> {
    const [invoice] = await this.balances.lockByIds(manager, [invoiceId]);
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    const problem = reductionProblem(invoice, invoice.currency, amountMinor, '');
    if (problem) throw new FieldRuleError('REDUCTION_REFUSED', [{ field: problem.field || 'amount', messages: [problem.message] }]);
    return this.reduce(manager, invoice, amountMinor, doc);
  }

  /**
   * After commit: each invoice's workflow learns its new open amount by
   * signal-with-start (a settled one stops dunning at once). `gateway`: the
   * worker passes its own client's.
   */
  async notifyReduced(invoices: ReducedInvoice[], doc: Pick<ReducingDocument, 'cause' | 'key'>, gateway = this.workflows): Promise<void> {
    const current = new Map((await this.balances.byIds(invoices.map((i) => i.id))).map((i) => [i.id, i]));
    for (const reduced of invoices) {
      const invoice = current.get(reduced.id);
      if (!invoice) throw new NotFoundError('Invoice', reduced.id);
      await gateway.openAmountReduced(invoice.workflowId, { key: doc.key, cause: doc.cause }, await this.inputs.forInvoice(invoice));
    }
  }

  /** The invoices a document reduced, as they are now (a replayed request re-notifies their workflows). */
  async current(invoiceIds: string[]): Promise<ReducedInvoice[]> {
    const rows = await this.balances.byIds(invoiceIds);
    return rows.map((i) => ({ ...toSnapshot(i), reducedByMinor: 0n }));
  }

  private async reduce(manager: EntityManager, invoice: Invoice, amountMinor: bigint, doc: ReducingDocument): Promise<ReducedInvoice> {
    const updated = await this.balances.changeOpenAmount(manager, invoice, {
      cause: doc.cause, sourceKey: doc.key, openAmountMinor: invoice.openAmountMinor - amountMinor,
      ledger: { date: doc.effectiveDate, key: `${doc.cause}:${doc.sourceId}:${invoice.id}`, sourceId: doc.sourceId },
    });
    await appendInvoiceEvent(manager, invoice.id, {
      type: doc.timelineType, dedupeKey: doc.key,
      data: {
        ...doc.data, amount: formatAmount(amountMinor, invoice.currency), openAmount: formatAmount(updated.openAmountMinor, invoice.currency),
        effectiveDate: doc.effectiveDate,
      },
    });
    return { ...toSnapshot(updated), reducedByMinor: amountMinor };
  }
}

function reductionProblem(invoice: Invoice, currency: string, amountMinor: bigint, field: string): { field: string; message: string } | null {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  if (invoice.currency !== currency) return { field: at('invoiceExternalId'), message: `invoice is in ${invoice.currency}, the document in ${currency}` };
  if (invoice.status === 'cancelled') return { field: at('invoiceExternalId'), message: 'invoice is cancelled' };
  if (amountMinor > invoice.openAmountMinor) {
    return { field: at('amount'), message: `exceeds the open amount ${formatAmount(invoice.openAmountMinor, invoice.currency)}` };
  }
  return null;
}

function toSnapshot(i: Invoice): InvoiceSnapshot {
  return {
    id: i.id, externalId: i.externalId, number: i.number, entityId: i.entityId, customerId: i.customerId, currency: i.currency,
    status: i.status, amountMinor: i.amountMinor, openAmountMinor: i.openAmountMinor, workflowId: i.workflowId,
  };
}
