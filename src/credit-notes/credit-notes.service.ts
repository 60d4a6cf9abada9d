import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { positiveAmount } from '../common/amount-input.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldRuleError, FieldValidationError, type FieldError } from '../common/validation.js';
import { ExposureAlertsService } from '../credit/exposure-alerts.service.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { InvoiceAdjustments, type ReducedInvoice, type ReducingDocument } from '../invoices/invoice-adjustments.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { formatAmount, sumMinor } from '../../workflows/domain/money.js';
import type { CreateCreditNoteDto } from './create-credit-note.dto.js';
import { CreditNoteAllocation } from './credit-note-allocation.entity.js';
import { CreditNote } from './credit-note.entity.js';

export interface CreditNoteView {
  id: string;
  externalId: string;
  number: string;
  customer: { id: string; externalId: string };
  issueDate: string;
  amount: string;
  currency: string;
  /** What stays as customer credit. */
  unallocatedAmount: string;
  allocations: { invoiceId: string; invoiceExternalId: string; amount: string }[];
  createdAt: string;
}

interface Parsed {
  amountMinor: bigint;
  allocations: { invoiceExternalId: string; amountMinor: bigint; field: string }[];
}

@Injectable()
export class CreditNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(InvoiceAdjustments) private readonly invoices: InvoiceAdjustments,
    @Inject(InvoiceBalances) private readonly balances: InvoiceBalances,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(ExposureAlertsService) private readonly exposure: ExposureAlertsService,
  ) {}

  /**
   * Records the credit note and lowers the invoices it is allocated to, in
   * one transaction; idempotent on (entity, externalId): a replay answers the
   * stored note (and re-tells the invoices' workflows), other content is 409.
   */
  async record(dto: CreateCreditNoteDto): Promise<{ created: boolean; view: CreditNoteView }> {
    const entity = await this.entities.findByCode(dto.entity);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${dto.entity}"`] }]);
    const parsed = parse(dto);
    const fingerprint = fingerprintOf(dto, parsed);
    const customer = await this.customers.findByExternalId(entity.id, dto.customer);

    const outcome = await this.dataSource.transaction(async (m) => {
      const existing = await m.findOneBy(CreditNote, { entityId: entity.id, externalId: dto.externalId });
      if (existing) return { created: false, note: existing, reduced: [] as ReducedInvoice[] };
      if (!customer) throw new FieldRuleError('CUSTOMER_UNKNOWN', [{ field: 'customer', messages: [`unknown customer "${dto.customer}"`] }]);
      return this.insert(m, entity.id, customer.id, dto, parsed, fingerprint);
    }).catch(async (err: unknown) => {
      // Two deliveries of one credit note raced: the loser reads the winner's row.
      if ((err as { code?: string }).code !== '23505') throw err;
      const note = await this.dataSource.manager.findOneByOrFail(CreditNote, { entityId: entity.id, externalId: dto.externalId });
      return { created: false, note, reduced: [] as ReducedInvoice[] };
    });
    if (!outcome.created && outcome.note.requestFingerprint !== fingerprint) {
      throw new ConflictError('CREDIT_NOTE_CONFLICT', `Credit note ${dto.externalId} was already recorded with other content`);
    }
    const view = await this.view(outcome.note);
    // Replays re-notify too, in case the first delivery died before signalling.
    const touched = outcome.created ? outcome.reduced : await this.invoices.current(view.allocations.map((a) => a.invoiceId));
    await this.invoices.notifyReduced(touched, { cause: 'credit_note', key: documentKey(outcome.note.id) });
    if (outcome.created && touched.length > 0) await this.exposure.evaluateExposureSafely(outcome.note.customerId);
    return { created: outcome.created, view };
  }

  async get(id: string): Promise<CreditNoteView> {
    const note = isUuid(id) ? await this.dataSource.manager.findOneBy(CreditNote, { id }) : null;
    if (!note) throw new NotFoundError('Credit note', id);
    return this.view(note);
  }

  private async insert(m: EntityManager, entityId: string, customerId: string, dto: CreateCreditNoteDto, parsed: Parsed, fingerprint: string) {
    const allocated = sumMinor(parsed.allocations.map((a) => a.amountMinor));
    const note = await m.save(m.create(CreditNote, {
      entityId, customerId, externalId: dto.externalId, number: dto.number, issueDate: dto.issueDate, currency: dto.currency,
      amountMinor: parsed.amountMinor, unallocatedMinor: parsed.amountMinor - allocated, requestFingerprint: fingerprint,
    }));
    const doc: ReducingDocument = {
      cause: 'credit_note', key: documentKey(note.id), sourceId: note.id, effectiveDate: dto.issueDate, timelineType: 'credit_note_allocated',
      data: { creditNoteId: note.id, creditNoteExternalId: dto.externalId, creditNoteNumber: dto.number },
    };
    const reduced = await this.invoices.reduceByExternalIds(m, { entityId, customerId, currency: dto.currency }, parsed.allocations, doc);
    for (const r of reduced) await m.insert(CreditNoteAllocation, { creditNoteId: note.id, invoiceId: r.id, amountMinor: r.reducedByMinor });
    // What no invoice took stays as customer credit: a row on the credit note itself, so the
    // aged balance and the KPIs count it from its date (docs/reports.md, docs/erp-documents.md).
    await this.ledger.record(m, [{
      documentId: note.id, documentType: 'credit_note', customerId, entityId, currency: dto.currency,
      issueDate: dto.issueDate, dueDate: dto.issueDate, kind: 'credit_note', amountMinor: -note.unallocatedMinor,
      effectiveDate: dto.issueDate, sourceKey: `credit_note:${note.id}:unallocated`, sourceId: note.id,
    }]);
    return { created: true, note, reduced };
  }

  private async view(note: CreditNote): Promise<CreditNoteView> {
    const allocations = await this.dataSource.manager.find(CreditNoteAllocation, { where: { creditNoteId: note.id } });
    const externalIds = await this.balances.externalIds(allocations.map((a) => a.invoiceId));
    const customer = await this.customers.find(note.customerId);
    return {
      id: note.id, externalId: note.externalId, number: note.number, customer: { id: note.customerId, externalId: customer?.externalId ?? '' },
      issueDate: note.issueDate, amount: formatAmount(note.amountMinor, note.currency), currency: note.currency,
      unallocatedAmount: formatAmount(note.unallocatedMinor, note.currency),
      allocations: allocations
        .map((a) => ({ invoiceId: a.invoiceId, invoiceExternalId: externalIds.get(a.invoiceId) ?? '', amount: formatAmount(a.amountMinor, note.currency) }))
        .sort((a, b) => a.invoiceExternalId.localeCompare(b.invoiceExternalId)),
      createdAt: note.createdAt.toISOString(),
    };
  }
}

/** The key a credit note's effects are recorded under on invoices (timeline, status events, workflow signal). */
export const documentKey = (creditNoteId: string): string => `credit-note:${creditNoteId}`;

function parse(dto: CreateCreditNoteDto): Parsed {
  const errors: FieldError[] = [];
  const amountMinor = positiveAmount('amount', dto.amount, dto.currency, errors);
  const allocations = (dto.allocations ?? []).map((a, i) => ({
    invoiceExternalId: a.invoiceExternalId,
    amountMinor: positiveAmount(`allocations[${i}].amount`, a.amount, dto.currency, errors),
    field: `allocations[${i}]`,
  }));
  const seen = new Set<string>();
  allocations.forEach((a, i) => {
    if (seen.has(a.invoiceExternalId)) errors.push({ field: `allocations[${i}].invoiceExternalId`, messages: ['each invoice may appear once'] });
    seen.add(a.invoiceExternalId);
  });
  if (errors.length === 0 && sumMinor(allocations.map((a) => a.amountMinor)) > amountMinor) {
    errors.push({ field: 'allocations', messages: ['allocations add up to more than the credit note amount'] });
  }
  if (errors.length > 0) throw new FieldValidationError(errors);
  return { amountMinor, allocations };
}

function fingerprintOf(dto: CreateCreditNoteDto, parsed: Parsed): string {
  const canonical = JSON.stringify([
    dto.number, dto.customer, dto.issueDate, dto.currency, parsed.amountMinor.toString(),
    parsed.allocations.map((a) => [a.invoiceExternalId, a.amountMinor.toString()]).sort(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
