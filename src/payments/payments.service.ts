import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { positiveAmount } from '../common/amount-input.js';
import { ConflictError } from '../common/errors.js';
import { CustomerScoringService } from '../credit/customer-scoring.service.js';
import { DisputesService } from '../disputes/disputes.service.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import type { Invoice } from '../invoices/invoice-record.js';
import { appendInvoiceEvent } from '../invoices/invoice-timeline.js';
import { InvoiceInputLoader } from '../invoices/invoice-input-loader.js';
import { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { PromisePaymentNotifier } from '../promises/promise-payments.notifier.js';
import { formatAmount, sumMinor } from '../../workflows/domain/money.js';
import { PaymentAllocation } from './payment-allocation.entity.js';
import { Payment } from './payment.entity.js';
import type { RecordPaymentDto } from './record-payment.dto.js';
import { paymentsReceived } from '../metrics/intake-metrics.js';

/**
 * Runs inside the payment's transaction when the payment is new (never on a
 * replay): a caller such as cash application records its side of the same
 * change atomically (bank line applied, ERP outbox event).
 */
export type PaymentRecordedHook = (manager: EntityManager, recorded: { payment: Payment; invoices: Invoice[] }) => Promise<void>;

export interface PaymentView {
  id: string;
  externalId: string;
  amount: string;
  currency: string;
  receivedAt: string;
  allocations: { invoiceId: string; invoiceExternalId: string; amount: string }[];
}

interface ParsedPayment {
  amountMinor: bigint;
  receivedAt: Date;
  allocations: { invoiceExternalId: string; amountMinor: bigint; deductionMinor: bigint | null }[];
}

@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(InvoiceWorkflowGateway) private readonly workflows: InvoiceWorkflowGateway,
    @Inject(InvoiceInputLoader) private readonly workflowInputs: InvoiceInputLoader,
    @Inject(CustomerScoringService) private readonly scoring: CustomerScoringService,
    @Inject(DisputesService) private readonly disputes: DisputesService,
    @Inject(InvoiceBalances) private readonly balances: InvoiceBalances,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(PromisePaymentNotifier) private readonly promises: PromisePaymentNotifier,
  ) {}

  /**
   * Records a payment and lowers the open amounts it settles, idempotent on
   * (entity, externalId): a replay returns the stored payment; the same id
   * with other content is a conflict. Invoice workflows are told afterwards.
   */
  async record(dto: RecordPaymentDto, options: { onRecorded?: PaymentRecordedHook } = {}): Promise<{ created: boolean; view: PaymentView }> {
    const entity = await this.entities.findByCode(dto.entity);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${dto.entity}"`] }]);
    const parsed = this.parse(dto);
    const fingerprint = this.fingerprint(dto, parsed);

    const outcome = await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(Payment, { entityId: entity.id, externalId: dto.externalId });
      if (existing) return { created: false, payment: existing, touched: [] as Invoice[] };
      const inserted = await this.insert(manager, entity, dto, parsed, fingerprint);
      if (inserted.created && options.onRecorded) await options.onRecorded(manager, { payment: inserted.payment, invoices: inserted.touched });
      return inserted;
    }).catch(async (err: unknown) => {
      // Two deliveries of one payment raced: the loser reads the winner's row.
      if ((err as { code?: string }).code !== '23505') throw err;
      const payment = await this.dataSource.manager.findOneByOrFail(Payment, { entityId: entity.id, externalId: dto.externalId });
      return { created: false, payment, touched: [] as Invoice[] };
    });

    if (!outcome.created && outcome.payment.requestFingerprint !== fingerprint) {
      throw new ConflictError('PAYMENT_CONFLICT', `Payment ${dto.externalId} was already recorded with other content`);
    }
    const view = await this.view(outcome.payment);
    // Replays re-notify too, in case the first delivery died before signalling.
    const invoices = outcome.created
      ? outcome.touched
      : await this.balances.byIds(view.allocations.map((a) => a.invoiceId));
    await Promise.all(
      invoices.map(async (inv) => this.workflows.paymentApplied(inv.workflowId, outcome.payment.id, await this.workflowInputs.forInvoice(inv))),
    );
    // Open promises to pay on those invoices re-measure at once (they never throw: a promise re-checks before judging).
    await this.promises.paymentApplied(view.allocations.map((a) => a.invoiceId), outcome.payment.id);
    await this.openDeductions(entity.id, dto, parsed, view);
    // Rescoring and the exposure alert follow every new payment, off the request path (they log, never throw).
    if (outcome.created) void this.scoring.afterPayment(invoices.map((inv) => inv.customerId));
    paymentsReceived.inc({ outcome: outcome.created ? 'created' : 'duplicate' });
    return { created: outcome.created, view };
  }

  /**
   * Short payments: a dispute of type deduction for each allocation's
   * deduction, opened after the payment committed and idempotent on
   * (entity, payment, invoice) — a replayed payment repairs a lost one.
   */
  private async openDeductions(entityId: string, dto: RecordPaymentDto, parsed: ParsedPayment, view: PaymentView): Promise<void> {
    for (const [i, a] of dto.allocations.entries()) {
      const deductionMinor = parsed.allocations[i]!.deductionMinor;
      const invoiceId = view.allocations.find((x) => x.invoiceExternalId === a.invoiceExternalId)?.invoiceId;
      if (!a.deduction || deductionMinor === null || !invoiceId) continue;
      await this.disputes.open({
        invoiceIds: [invoiceId], amountMinor: deductionMinor, reasonCode: a.deduction.reasonCode ?? 'deduction',
        comment: a.deduction.comment ?? `Short payment ${dto.externalId}`, attachments: [], type: 'deduction',
        sourceKey: `payment:${entityId}:${dto.externalId}:${invoiceId}`,
        openedBy: { userId: null, name: `Payment ${dto.externalId}` },
      });
    }
  }

  private parse(dto: RecordPaymentDto): ParsedPayment {
    const errors: FieldError[] = [];
    const amount = (field: string, value: string) => positiveAmount(field, value, dto.currency, errors);
    const amountMinor = amount('amount', dto.amount);
    const allocations = dto.allocations.map((a, i) => ({
      invoiceExternalId: a.invoiceExternalId,
      amountMinor: amount(`allocations[${i}].amount`, a.amount),
      deductionMinor: a.deduction ? amount(`allocations[${i}].deduction.amount`, a.deduction.amount) : null,
    }));
    const seen = new Set<string>();
    allocations.forEach((a, i) => {
      if (seen.has(a.invoiceExternalId)) {
        errors.push({ field: `allocations[${i}].invoiceExternalId`, messages: ['each invoice may appear once'] });
      }
      seen.add(a.invoiceExternalId);
    });
    if (errors.length === 0 && sumMinor(allocations.map((a) => a.amountMinor)) > amountMinor) {
      errors.push({ field: 'allocations', messages: ['allocations add up to more than the payment amount'] });
    }
    if (errors.length > 0) throw new FieldValidationError(errors);
    return { amountMinor, receivedAt: new Date(dto.receivedAt), allocations };
  }

  private fingerprint(dto: RecordPaymentDto, parsed: ParsedPayment): string {
    const canonical = JSON.stringify([
      dto.currency, parsed.amountMinor.toString(), parsed.receivedAt.toISOString(),
      parsed.allocations.map((a) => [a.invoiceExternalId, a.amountMinor.toString()]).sort(),
      // Only payments with deductions carry them: fingerprints of the others stay as they were.
      ...(dto.allocations.some((a) => a.deduction)
        ? [dto.allocations.map((a, i) => [a.invoiceExternalId, parsed.allocations[i]!.deductionMinor?.toString() ?? null,
          a.deduction?.reasonCode ?? null, a.deduction?.comment ?? null]).sort()]
        : []),
    ]);
    return createHash('sha256').update(canonical).digest('hex');
  }

  private async insert(
    manager: EntityManager,
    { id: entityId, timeZone }: { id: string; timeZone: string },
    dto: RecordPaymentDto,
    parsed: ParsedPayment,
    fingerprint: string,
  ) {
    // Lock in a stable order so concurrent payments never deadlock.
    const invoices = await this.balances.lockByExternalIds(manager, entityId, parsed.allocations.map((a) => a.invoiceExternalId));
    // A concurrent delivery of this payment may have committed while we waited for those locks:
    // its invoices' open amounts now include it, so it is a replay, not a payment to validate again.
    const recorded = await manager.findOneBy(Payment, { entityId, externalId: dto.externalId });
    if (recorded) return { created: false, payment: recorded, touched: [] as Invoice[] };
    const byExternalId = new Map(invoices.map((i) => [i.externalId, i]));
    const errors = allocationErrors(parsed.allocations, byExternalId, dto.currency);
    if (errors.length > 0) throw new FieldValidationError(errors);

    const payment = await manager.save(
      manager.create(Payment, {
        entityId, externalId: dto.externalId, currency: dto.currency, amountMinor: parsed.amountMinor,
        receivedAt: parsed.receivedAt, requestFingerprint: fingerprint,
      }),
    );
    // The ledger dates a payment by the day it was received where the entity is (docs/reports.md).
    const receivedOn = this.ledger.dateOf(parsed.receivedAt, timeZone);
    const touched = await this.applyAllocations(manager, payment, parsed.allocations.map((a) => ({ invoice: byExternalId.get(a.invoiceExternalId)!, amountMinor: a.amountMinor })), {
      date: receivedOn, at: parsed.receivedAt, key: null,
    });
    return { created: true, payment, touched };
  }

  /**
   * Allocates more of a recorded payment to invoices — cash first left
   * unapplied on the customer's account (an over-payment, a payment on
   * account). The same path as `record`: in one transaction the allocations,
   * the invoices' open amounts, ledger and timelines, and the caller's side
   * (`onAllocated`); then the invoices' workflows and open promises to pay
   * are told and the customers rescored. Never beyond the payment's amount. `key` names this allocation
   * (ledger and timeline entries are unique per key); `date` is the day the
   * invoices' open amounts drop, in the entity's zone.
   */
  async allocate(
    paymentId: string,
    allocations: readonly { invoiceExternalId: string; amountMinor: bigint }[],
    options: { key: string; date: string; at: Date; onAllocated?: PaymentRecordedHook },
  ): Promise<Invoice[]> {
    const touched = await this.dataSource.transaction(async (manager) => {
      const payment = await manager.findOne(Payment, { where: { id: paymentId }, lock: { mode: 'pessimistic_write' } });
      if (!payment) throw new ConflictError('PAYMENT_GONE', `Payment ${paymentId} no longer exists`);
      const invoices = await this.balances.lockByExternalIds(manager, payment.entityId, allocations.map((a) => a.invoiceExternalId));
      const byExternalId = new Map(invoices.map((i) => [i.externalId, i]));
      const errors = allocationErrors(allocations.map((a) => ({ ...a, deductionMinor: null })), byExternalId, payment.currency);
      const already = sumMinor((await manager.findBy(PaymentAllocation, { paymentId })).map((a) => a.amountMinor));
      if (errors.length === 0 && already + sumMinor(allocations.map((a) => a.amountMinor)) > payment.amountMinor) {
        errors.push({ field: 'allocations', messages: [`the payment has ${formatAmount(payment.amountMinor - already, payment.currency)} left to allocate`] });
      }
      if (errors.length > 0) throw new FieldValidationError(errors);
      const changed = await this.applyAllocations(manager, payment, allocations.map((a) => ({ invoice: byExternalId.get(a.invoiceExternalId)!, amountMinor: a.amountMinor })), {
        date: options.date, at: options.at, key: options.key,
      });
      if (options.onAllocated) await options.onAllocated(manager, { payment, invoices: changed });
      return changed;
    });
    await Promise.all(touched.map(async (inv) => this.workflows.paymentApplied(inv.workflowId, paymentId, await this.workflowInputs.forInvoice(inv))));
    await this.promises.paymentApplied(touched.map((inv) => inv.id), paymentId);
    void this.scoring.afterPayment(touched.map((inv) => inv.customerId));
    return touched;
  }

  /**
   * Allocations of a payment to locked invoices: the allocation rows (one per
   * payment and invoice, added to when a later allocation pays the same
   * invoice), the ledger movements, the open amounts and the timelines.
   */
  private async applyAllocations(
    manager: EntityManager, payment: Payment, allocations: readonly { invoice: Invoice; amountMinor: bigint }[],
    when: { date: string; at: Date; key: string | null },
  ): Promise<Invoice[]> {
    const touched: Invoice[] = [];
    const suffix = when.key === null ? '' : `:${when.key}`;
    for (const { invoice, amountMinor } of allocations) {
      if (when.key === null) {
        await manager.insert(PaymentAllocation, { paymentId: payment.id, invoiceId: invoice.id, amountMinor });
      } else {
        await manager.query(
          `INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor) VALUES ($1, $2, $3)
           ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount_minor = payment_allocations.amount_minor + EXCLUDED.amount_minor`,
          [payment.id, invoice.id, amountMinor.toString()],
        );
      }
      const updated = await this.balances.changeOpenAmount(manager, invoice, {
        cause: 'payment', sourceKey: `payment:${payment.id}${suffix}`, openAmountMinor: invoice.openAmountMinor - amountMinor,
        ledger: { date: when.date, key: `payment:${payment.id}:${invoice.id}${suffix}`, sourceId: payment.id },
      });
      await appendInvoiceEvent(manager, invoice.id, {
        type: 'payment_received', dedupeKey: `payment:${payment.id}${suffix}`, occurredAt: when.at,
        data: {
          paymentId: payment.id, paymentExternalId: payment.externalId,
          amount: formatAmount(amountMinor, invoice.currency),
          openAmount: formatAmount(updated.openAmountMinor, invoice.currency),
        },
      });
      touched.push(updated);
    }
    return touched;
  }

  private async view(payment: Payment): Promise<PaymentView> {
    const allocations = await this.dataSource.manager.findBy(PaymentAllocation, { paymentId: payment.id });
    const externalIds = await this.balances.externalIds(allocations.map((a) => a.invoiceId));
    const rows = allocations
      .map((a) => ({ invoiceId: a.invoiceId, invoiceExternalId: externalIds.get(a.invoiceId)!, amountMinor: a.amountMinor }))
      .sort((x, y) => (x.invoiceExternalId < y.invoiceExternalId ? -1 : x.invoiceExternalId > y.invoiceExternalId ? 1 : 0));
    return {
      id: payment.id,
      externalId: payment.externalId,
      amount: formatAmount(payment.amountMinor, payment.currency),
      currency: payment.currency,
      receivedAt: payment.receivedAt.toISOString(),
      allocations: rows.map((r) => ({
        invoiceId: r.invoiceId,
        invoiceExternalId: r.invoiceExternalId,
        amount: formatAmount(r.amountMinor, payment.currency),
      })),
    };
  }
}

/** Each allocation names an invoice of the payment's currency, not cancelled, with at least that much open. */
function allocationErrors(
  allocations: readonly { invoiceExternalId: string; amountMinor: bigint; deductionMinor: bigint | null }[],
  byExternalId: ReadonlyMap<string, Invoice>,
  currency: string,
): FieldError[] {
  const errors: FieldError[] = [];
  allocations.forEach((a, i) => {
    const invoice = byExternalId.get(a.invoiceExternalId);
    const field = `allocations[${i}]`;
    if (!invoice) errors.push({ field: `${field}.invoiceExternalId`, messages: [`unknown invoice "${a.invoiceExternalId}"`] });
    else if (invoice.currency !== currency) {
      errors.push({ field: `${field}.invoiceExternalId`, messages: [`invoice is in ${invoice.currency}, payment in ${currency}`] });
    } else if (invoice.status === 'cancelled') {
      errors.push({ field: `${field}.invoiceExternalId`, messages: ['invoice is cancelled'] });
    } else if (a.amountMinor > invoice.openAmountMinor) {
      errors.push({
        field: `${field}.amount`,
        messages: [`exceeds the open amount ${formatAmount(invoice.openAmountMinor, invoice.currency)}`],
      });
    } else if (a.deductionMinor !== null && a.amountMinor + a.deductionMinor > invoice.openAmountMinor) {
      errors.push({
        field: `${field}.deduction.amount`,
        messages: [`with the amount paid, exceeds the open amount ${formatAmount(invoice.openAmountMinor, invoice.currency)}`],
      });
    }
  });
  return errors;
}
