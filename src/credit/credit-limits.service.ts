import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { Clock, systemClock } from '../clock/clock.js';
import { nonNegativeAmount } from '../common/amount-input.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CreditLimitHistory } from '../credit-limit-requests/credit-limit-history.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { CustomerOpenOrders } from './credit.entities.js';
import { CustomerSituationService } from './customer-situation.service.js';
import { ExposureAlertsService } from './exposure-alerts.service.js';

/** What the ERP (or a credit manager) reports about a customer: its open orders and a limit set directly. */
@Injectable()
export class CreditLimitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerSituationService) private readonly situations: CustomerSituationService,
    @Inject(ExposureAlertsService) private readonly alerts: ExposureAlertsService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CreditLimitHistory) private readonly limits: CreditLimitHistory,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** Open orders as reported by the ERP; a report older than the stored one is ignored. Re-evaluates the exposure alert. */
  async setOpenOrders(entityCode: string | undefined, externalId: string, dto: { amount: string; currency: string; asOf?: string }) {
    const errors: FieldError[] = [];
    const amountMinor = nonNegativeAmount('amount', dto.amount, dto.currency, errors);
    if (errors.length > 0) throw new FieldValidationError(errors);
    const entity = await this.situations.entityByCode(entityCode);
    const customer = await this.situations.customerByExternalId(entity, externalId);
    const asOf = dto.asOf ? new Date(dto.asOf) : this.clock.now();
    await this.dataSource.query(
      `INSERT INTO customer_open_orders (customer_id, amount_minor, currency, as_of) VALUES ($1, $2, $3, $4)
       ON CONFLICT (customer_id) DO UPDATE SET amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency,
         as_of = EXCLUDED.as_of, updated_at = now()
       WHERE customer_open_orders.as_of <= EXCLUDED.as_of`,
      [customer.id, amountMinor.toString(), dto.currency, asOf],
    );
    await this.alerts.evaluateExposureSafely(customer.id);
    const stored = await this.dataSource.manager.findOneByOrFail(CustomerOpenOrders, { customerId: customer.id });
    return {
      customerExternalId: externalId, amount: formatAmount(stored.amountMinor, stored.currency), currency: stored.currency,
      asOf: stored.asOf.toISOString(),
    };
  }

  /** A limit set directly (ERP or credit manager): a `manual` row in the limits' history. */
  async setCreditLimit(entityCode: string | undefined, externalId: string, dto: { amount: string; currency: string }) {
    const errors: FieldError[] = [];
    const amountMinor = nonNegativeAmount('amount', dto.amount, dto.currency, errors);
    if (errors.length > 0) throw new FieldValidationError(errors);
    const entity = await this.situations.entityByCode(entityCode);
    const customer = await this.situations.customerByExternalId(entity, externalId);
    await this.dataSource.transaction(async (manager) => {
      await this.customers.lockForUpdate(manager, customer.id);
      const previous = await this.limits.latest(customer.id, manager);
      if (previous && previous.amountMinor === amountMinor && previous.currency === dto.currency) return; // a retry
      await this.limits.append(manager, {
        customerId: customer.id, amountMinor, currency: dto.currency, kind: 'manual', validUntil: null, requestId: null,
        previousAmountMinor: previous?.amountMinor ?? null, previousCurrency: previous?.amountMinor == null ? null : previous.currency,
      });
    });
    await this.alerts.evaluateExposureSafely(customer.id);
    return { customerExternalId: externalId, amount: formatAmount(amountMinor, dto.currency), currency: dto.currency };
  }
}
