import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, systemClock } from '../clock/clock.js';
import { AppError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { ErpDeliveryStarter } from '../erp-outbox/erp-delivery.starter.js';
import { ErpOutboxService } from '../erp-outbox/erp-outbox.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { PaymentReversalService } from '../payments/payment-reversal.service.js';
import { PaymentsService } from '../payments/payments.service.js';
import type { RecordPaymentDto } from '../payments/record-payment.dto.js';
import type { ReasonCode } from '../../workflows/domain/dispute-rules.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { BankLine, referenceTexts, type StoredProposal } from './bank-line.entity.js';
import { BankLineNotAppliedError } from './cash-application.errors.js';
import { reviewReasons } from './cash-reasons.js';
import { CreditAllocation } from './credit-allocation.entity.js';
import { CustomerCredit } from './customer-credit.entity.js';
import { learnStyles } from './matching/reference-style.js';
import { teachPayer } from './payer-links.js';

export const PAYMENT_MATCHED = 'payment.matched';
export const PAYMENT_UNMATCHED = 'payment.unmatched';

/** What a line becomes when applied: allocations to one customer's invoices, the rest unapplied, an optional write-off. */
export interface ApplicationPlan {
  customerId: string;
  proposal: StoredProposal;
}

/**
 * Applying a bank line is recording a payment: the same path as an ERP
 * payment (one transaction for allocations and open amounts, then workflow
 * signals and rescoring), with the line, the unapplied credit, the learned
 * payer and the `payment.matched` ERP event written in that transaction.
 */
@Injectable()
export class CashApplicationService {
  private readonly logger = new Logger('CashApplication');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PaymentsService) private readonly payments: PaymentsService,
    @Inject(PaymentReversalService) private readonly reversals: PaymentReversalService,
    @Inject(ErpOutboxService) private readonly outbox: ErpOutboxService,
    @Inject(ErpDeliveryStarter) private readonly deliveries: ErpDeliveryStarter,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Applies the line as a payment `bank-line:<line id>`. Never twice: the
   * payment id is unique per entity, and the line is marked applied in the
   * payment's transaction only if it was not applied yet.
   */
  async apply(line: BankLine, plan: ApplicationPlan, how: 'auto' | 'confirmed', by: string): Promise<void> {
    const entity = await this.entities.findById(line.entityId);
    if (!entity) throw new Error(`Bank line ${line.id}: legal entity ${line.entityId} not found`);
    const customer = (await this.customers.findMany([plan.customerId])).get(plan.customerId);
    const money = (minor: string | bigint) => formatAmount(BigInt(minor), line.currency);
    const { proposal } = plan;
    const writeOff = proposal.writeOff;
    const dto: RecordPaymentDto = {
      entity: entity.code,
      externalId: paymentExternalId(line.id),
      amount: money(line.amountMinor),
      currency: line.currency,
      receivedAt: `${line.valueDate ?? line.bookingDate}T00:00:00Z`,
      allocations: proposal.allocations.map((a) => ({
        invoiceExternalId: a.invoiceExternalId,
        amount: money(a.amountMinor),
        ...(writeOff && writeOff.invoiceExternalId === a.invoiceExternalId
          ? { deduction: { amount: money(writeOff.amountMinor), reasonCode: writeOff.reasonCode as ReasonCode, comment: `Short payment, bank line of ${line.bookingDate}` } }
          : {}),
      })),
    };
    let outboxId: string | null = null;
    await this.payments.record(dto, {
      onRecorded: async (manager, { payment }) => {
        const marked = await manager.createQueryBuilder().update(BankLine)
          .set({
            status: how === 'auto' ? 'auto_applied' : 'confirmed', customerId: plan.customerId, proposal,
            paymentId: payment.id, appliedAt: this.clock.now(), appliedBy: by,
          })
          .where('id = :id AND payment_id IS NULL', { id: line.id })
          .execute();
        if (marked.affected !== 1) throw new AppError('BANK_LINE_ALREADY_APPLIED', `Bank line ${line.id} is already applied`, 409);
        const unapplied = BigInt(proposal.unappliedMinor);
        if (unapplied > 0n) {
          await manager.insert(CustomerCredit, {
            entityId: line.entityId, customerId: plan.customerId, bankLineId: line.id, paymentId: payment.id,
            currency: line.currency, amountMinor: unapplied, receivedOn: line.valueDate ?? line.bookingDate,
          });
        }
        if (how === 'confirmed') {
          const styles = learnStyles(referenceTexts(line), proposal.allocations.map((a) => a.invoiceNumber));
          await teachPayer(manager, line.entityId, line, plan.customerId, styles);
        }
        outboxId = await this.outbox.enqueue(manager, {
          idempotencyKey: `${PAYMENT_MATCHED}:${payment.id}`,
          type: PAYMENT_MATCHED,
          data: {
            entity: entity.code, how, paymentId: payment.id, paymentExternalId: dto.externalId,
            bankLine: { id: line.id, statementId: line.statementId, account: line.account, bookingDate: line.bookingDate, valueDate: line.valueDate,
              bankReference: line.bankReference, endToEndId: line.endToEndId, payerName: line.payerName, payerIban: line.payerIban },
            customer: customer ? { id: customer.id, externalId: customer.externalId, name: customer.name } : { id: plan.customerId },
            currency: line.currency, amount: money(line.amountMinor),
            allocations: proposal.allocations.map((a) => ({ invoiceExternalId: a.invoiceExternalId, invoiceNumber: a.invoiceNumber, amount: money(a.amountMinor) })),
            unapplied: money(unapplied),
            writeOff: writeOff ? { invoiceExternalId: writeOff.invoiceExternalId, amount: money(writeOff.amountMinor), reasonCode: writeOff.reasonCode } : null,
          },
        });
      },
    });
    if (outboxId) await this.startDelivery(outboxId);
  }

  /**
   * Reverses the line's payment: the invoices reopen and their dunning
   * resumes; the unapplied credit goes; the ERP is told (`payment.unmatched`).
   * The line goes back to `unmatched`, its last allocations kept as the proposal.
   */
  async unmatch(lineId: string, by: string): Promise<void> {
    const line = await this.dataSource.manager.findOneByOrFail(BankLine, { id: lineId });
    if (!line.paymentId) throw new BankLineNotAppliedError(lineId);
    let outboxId: string | null = null;
    const reversed = await this.reversals.reverse(line.paymentId, `bank line unmatched by ${by}`, async (manager: EntityManager, payment) => {
      const marked = await manager.createQueryBuilder().update(BankLine)
        .set({
          status: 'unmatched', paymentId: null, appliedAt: null, appliedBy: null, reasons: [...line.reasons, reviewReasons.reversed(by)],
        })
        .where('id = :id AND payment_id = :paymentId', { id: line.id, paymentId: payment.paymentId })
        .execute();
      if (marked.affected !== 1) throw new BankLineNotAppliedError(lineId);
      // Unapplied cash allocated later went through this payment too: it is reversed with it.
      const later = await manager.createQueryBuilder(CreditAllocation, 'a').innerJoin(CustomerCredit, 'c', 'c.id = a.credit_id')
        .where('c.bank_line_id = :lineId', { lineId: line.id }).orderBy('a.created_at', 'ASC').getMany();
      await manager.delete(CustomerCredit, { bankLineId: line.id });
      outboxId = await this.outbox.enqueue(manager, {
        idempotencyKey: `${PAYMENT_UNMATCHED}:${payment.paymentId}`,
        type: PAYMENT_UNMATCHED,
        data: {
          paymentId: payment.paymentId, paymentExternalId: payment.externalId, bankLineId: line.id, currency: line.currency,
          amount: formatAmount(line.amountMinor, line.currency), unmatchedBy: by,
          allocations: [
            ...(line.proposal?.allocations ?? []).map((a) => ({ invoiceExternalId: a.invoiceExternalId, invoiceNumber: a.invoiceNumber, amount: formatAmount(BigInt(a.amountMinor), line.currency) })),
            ...later.map((a) => ({ invoiceExternalId: a.invoiceExternalId, invoiceNumber: a.invoiceNumber, amount: formatAmount(a.amountMinor, line.currency), fromUnapplied: true })),
          ],
        },
      });
    });
    if (!reversed) throw new BankLineNotAppliedError(lineId);
    if (outboxId) await this.startDelivery(outboxId);
  }

  /** The event is committed; a delivery that fails to start now is retried by an operator (GET/POST /api/v1/erp-events). */
  private async startDelivery(outboxId: string): Promise<void> {
    await this.deliveries.start(outboxId).catch((err: unknown) => this.logger.warn(`ERP event ${outboxId}: delivery not started: ${(err as Error).message}`));
  }
}

export const paymentExternalId = (lineId: string): string => `bank-line:${lineId}`;
