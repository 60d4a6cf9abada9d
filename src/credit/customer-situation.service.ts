import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { dateInZone, daysBetween } from '../../workflows/domain/calendar.js';
import type { RiskClass } from '../../workflows/domain/scenario.js';
import { Clock, systemClock } from '../clock/clock.js';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { CreditLimitHistory } from '../credit-limit-requests/credit-limit-history.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { ReceivablesReader } from '../invoices/receivables.reader.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { LegalEntity } from '../organization/legal-entity.view.js';

export interface CustomerSituation {
  customerId: string;
  entityId: string;
  externalId: string;
  name: string;
  riskClass: RiskClass | null;
  limitMinor: bigint | null;
  limitCurrency: string | null;
  ordersMinor: bigint;
  ordersCurrency: string | null;
  ordersAsOf: string | null;
  /** Open receivables in the limit's currency (the entity's invoices' currency when no limit). */
  receivablesMinor: bigint;
  oldestDueDate: string | null;
  today: string;
  oldestOverdueDays: number;
}

/** The currency of an entity's invoices (the limit's currency wins when the customer has one). */
export function entityCurrency(_entity: LegalEntity): string {
  return 'EUR';
}

/**
 * A customer's credit situation: its limit in force (credit-limit requests'
 * history), the open orders the ERP reported, its open receivables (the
 * invoices capability) and its oldest due date. The three reads run together.
 */
@Injectable()
export class CustomerSituationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CreditLimitHistory) private readonly limits: CreditLimitHistory,
    @Inject(ReceivablesReader) private readonly receivables: ReceivablesReader,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async entityByCode(code?: string): Promise<LegalEntity> {
    const entity = await this.entities.findByCode(code ?? undefined);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${code}"`] }]);
    return entity;
  }

  async customerByExternalId(entity: LegalEntity, externalId: string): Promise<CustomerRecord> {
    const customer = await this.customers.findByExternalId(entity.id, externalId);
    if (!customer) throw new NotFoundError('Customer', externalId);
    return customer;
  }

  async situation(entity: LegalEntity, externalId: string): Promise<CustomerSituation> {
    return this.situationOf(entity, await this.customerByExternalId(entity, externalId));
  }

  async situationById(customerId: string): Promise<CustomerSituation> {
    const customer = await this.customers.find(customerId);
    if (!customer) throw new NotFoundError('Customer', customerId);
    const entity = await this.entities.findById(customer.entityId);
    if (!entity) throw new NotFoundError('Entity', customer.entityId);
    return this.situationOf(entity, customer);
  }

  async situationOf(entity: LegalEntity, customer: CustomerRecord): Promise<CustomerSituation> {
    const [limits, [orders], totals] = await Promise.all([
      this.limits.latestFor([customer.id]),
      this.dataSource.query(
        `SELECT amount_minor::text AS "amountMinor", currency, as_of AS "asOf" FROM customer_open_orders WHERE customer_id = $1`, [customer.id],
      ) as Promise<{ amountMinor: string; currency: string; asOf: Date }[]>,
      this.receivables.openTotals([customer.id]),
    ]);
    const limit = limits.get(customer.id) ?? null;
    const currency = limit?.currency ?? entityCurrency(entity);
    const oldestDue = totals.reduce<string | null>((min, t) => (min === null || t.oldestDueDate < min ? t.oldestDueDate : min), null);
    const today = dateInZone(this.clock.nowMs(), entity.timeZone);
    const limitMinor = limit?.amountMinor ?? null;
    return {
      customerId: customer.id, entityId: entity.id, externalId: customer.externalId, name: customer.name,
      riskClass: customer.riskClass as RiskClass | null,
      limitMinor, limitCurrency: limitMinor === null ? null : limit!.currency,
      ordersMinor: orders ? BigInt(orders.amountMinor) : 0n, ordersCurrency: orders?.currency ?? null, ordersAsOf: orders?.asOf.toISOString() ?? null,
      receivablesMinor: totals.find((t) => t.currency === currency)?.openAmountMinor ?? 0n,
      oldestDueDate: oldestDue, today,
      oldestOverdueDays: oldestDue && oldestDue < today ? daysBetween(oldestDue, today) : 0,
    };
  }
}
