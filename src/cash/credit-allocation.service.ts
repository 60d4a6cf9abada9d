import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, systemClock } from '../clock/clock.js';
import { positiveAmount } from '../common/amount-input.js';
import { NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { ErpDeliveryStarter } from '../erp-outbox/erp-delivery.starter.js';
import { ErpOutboxService } from '../erp-outbox/erp-outbox.service.js';
import { InvoiceLedgerReader } from '../invoices/invoice-ledger.reader.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { PaymentsService } from '../payments/payments.service.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { CreditExhaustedError } from './cash-application.errors.js';
import type { AllocateCreditDto } from './cash-application.dto.js';
import { PAYMENT_MATCHED, paymentExternalId } from './cash-application.service.js';
import { CreditAllocation } from './credit-allocation.entity.js';
import { CustomerCredit } from './customer-credit.entity.js';
import { UnappliedCashService, type UnappliedCashItem } from './unapplied-cash.service.js';

/**
 * Unapplied cash allocated later to invoices (the customer's next invoice, or
 * one the over-payment was meant for): through the credit's own payment, so
 * it is the payment path — open amounts, ledger, timelines, workflow signals,
 * rescoring — plus the credit's allocation and a `payment.matched` ERP event
 * (`how: "unapplied"`) in the same transaction.
 */
@Injectable()
export class CreditAllocationService {
  private readonly logger = new Logger('CreditAllocation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PaymentsService) private readonly payments: PaymentsService,
    @Inject(InvoiceLedgerReader) private readonly invoices: InvoiceLedgerReader,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(ErpOutboxService) private readonly outbox: ErpOutboxService,
    @Inject(ErpDeliveryStarter) private readonly deliveries: ErpDeliveryStarter,
    @Inject(UnappliedCashService) private readonly unapplied: UnappliedCashService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async allocate(creditId: string, dto: AllocateCreditDto, by: string): Promise<UnappliedCashItem & { customer: { id: string; externalId: string; name: string } }> {
    const credit = isUuid(creditId) ? await this.dataSource.manager.findOneBy(CustomerCredit, { id: creditId }) : null;
    if (!credit) throw new NotFoundError('Unapplied credit', creditId);
    const entity = await this.entities.findById(credit.entityId);
    if (!entity) throw new Error(`Unapplied credit ${credit.id}: legal entity ${credit.entityId} not found`);
    const money = (v: bigint) => formatAmount(v, credit.currency);

    // Amounts in the credit's currency, each invoice once, no more than what is left.
    const errors: FieldError[] = [];
    const wanted = dto.allocations.map((a, i) => ({ invoiceExternalId: a.invoiceExternalId, amountMinor: positiveAmount(`allocations[${i}].amount`, a.amount, credit.currency, errors) }));
    const seen = new Set<string>();
    wanted.forEach((a, i) => {
      if (seen.has(a.invoiceExternalId)) errors.push({ field: `allocations[${i}].invoiceExternalId`, messages: ['each invoice may appear once'] });
      seen.add(a.invoiceExternalId);
    });
    const left = credit.amountMinor - credit.allocatedMinor;
    const total = wanted.reduce((s, a) => s + a.amountMinor, 0n);
    if (errors.length === 0 && total > left) {
      errors.push({ field: 'allocations', messages: [`allocations add up to ${money(total)}, the credit has ${money(left)} ${credit.currency} left`] });
    }
    // The credit's customer's open invoices in its currency only.
    const found = new Map((await this.invoices.byExternalIds(credit.entityId, wanted.map((a) => a.invoiceExternalId))).map((i) => [i.externalId, i]));
    wanted.forEach((a, i) => {
      const invoice = found.get(a.invoiceExternalId);
      const problem = !invoice ? `unknown invoice "${a.invoiceExternalId}"`
        : invoice.customerId !== credit.customerId ? 'invoice of another customer than the credit\'s'
          : invoice.currency !== credit.currency ? `invoice is in ${invoice.currency}, the credit in ${credit.currency}`
            : invoice.status !== 'open' ? `invoice is ${invoice.status}` : null;
      if (problem) errors.push({ field: `allocations[${i}].invoiceExternalId`, messages: [problem] });
      else if (a.amountMinor > invoice!.openMinor) errors.push({ field: `allocations[${i}].amount`, messages: [`exceeds the open amount ${money(invoice!.openMinor)}`] });
    });
    if (errors.length > 0) throw new FieldValidationError(errors);

    const key = `credit:${randomUUID()}`;
    const now = this.clock.now();
    const today = dateInZone(now.getTime(), entity.timeZone);
    const customer = (await this.customers.findMany([credit.customerId])).get(credit.customerId);
    let outboxId: string | null = null;
    await this.payments.allocate(credit.paymentId, wanted, {
      key, date: today, at: now,
      onAllocated: async (manager, { payment }) => {
        const taken = await manager.createQueryBuilder().update(CustomerCredit)
          .set({ allocatedMinor: () => `allocated_minor + ${total.toString()}` })
          .where('id = :id AND amount_minor - allocated_minor >= :total', { id: credit.id, total: total.toString() })
          .execute();
        if (taken.affected !== 1) throw new CreditExhaustedError(credit.id);
        await manager.insert(CreditAllocation, wanted.map((a) => ({
          creditId: credit.id, invoiceId: found.get(a.invoiceExternalId)!.id, invoiceExternalId: a.invoiceExternalId,
          invoiceNumber: found.get(a.invoiceExternalId)!.number, amountMinor: a.amountMinor, allocatedOn: today, allocatedBy: by,
        })));
        outboxId = await this.outbox.enqueue(manager, {
          idempotencyKey: `${PAYMENT_MATCHED}:${payment.id}:${key}`,
          type: PAYMENT_MATCHED,
          data: {
            entity: entity.code, how: 'unapplied', paymentId: payment.id, paymentExternalId: paymentExternalId(credit.bankLineId),
            creditId: credit.id, bankLine: { id: credit.bankLineId },
            customer: customer ? { id: customer.id, externalId: customer.externalId, name: customer.name } : { id: credit.customerId },
            currency: credit.currency, amount: money(total),
            allocations: wanted.map((a) => ({ invoiceExternalId: a.invoiceExternalId, invoiceNumber: found.get(a.invoiceExternalId)!.number, amount: money(a.amountMinor) })),
            unapplied: money(left - total), allocatedBy: by, allocatedOn: today, writeOff: null,
          },
        });
      },
    });
    if (outboxId) {
      await this.deliveries.start(outboxId).catch((err: unknown) => this.logger.warn(`ERP event ${outboxId}: delivery not started: ${(err as Error).message}`));
    }
    const item = (await this.unapplied.ofCustomer(credit.customerId, { all: true })).find((c) => c.id === credit.id)!;
    return { ...item, customer: customer ? { id: customer.id, externalId: customer.externalId, name: customer.name } : { id: credit.customerId, externalId: '', name: '' } };
  }
}
