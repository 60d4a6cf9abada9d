import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource } from 'typeorm';
import { toMinor } from '../common/amount-input.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { BankLine, type BankLineStatus } from './bank-line.entity.js';
import { bankLineView, type BankLineView } from './bank-line.view.js';
import { QUEUE_DEFAULT_STATUSES, type QueueQuery } from './cash-application.dto.js';

export interface QueuePage {
  items: BankLineView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** The review queue: bank credits waiting for a person, oldest booking first. */
@Injectable()
export class CashQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  async page(query: QueueQuery): Promise<QueuePage> {
    const errors: FieldError[] = [];
    const entity = await this.entities.findByCode(query.entity);
    if (!entity) errors.push({ field: 'entity', messages: [`unknown entity "${query.entity}"`] });
    if ((query.minAmount !== undefined || query.maxAmount !== undefined) && !query.currency) {
      errors.push({ field: 'currency', messages: ['is required with minAmount or maxAmount (amounts are compared in that currency)'] });
    }
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after) errors.push({ field: 'cursor', messages: ['is not a cursor returned by this route'] });
    let customerId: string | null = null;
    if (entity && query.customer) {
      const customer = isUuid(query.customer) ? await this.customers.find(query.customer) : await this.customers.findByExternalId(entity.id, query.customer);
      if (!customer) errors.push({ field: 'customer', messages: [`unknown customer "${query.customer}"`] });
      else customerId = customer.id;
    }
    if (errors.length > 0) throw new FieldValidationError(errors);

    const statuses = (query.status?.split(',') ?? [...QUEUE_DEFAULT_STATUSES]) as BankLineStatus[];
    const limit = query.limit ?? 50;
    const q = this.dataSource.manager.createQueryBuilder(BankLine, 'l')
      .where('l.entity_id = :entityId', { entityId: entity!.id })
      .andWhere('l.status IN (:...statuses)', { statuses });
    if (query.statement) q.andWhere('l.statement_id = :statementId', { statementId: query.statement });
    if (customerId) q.andWhere('l.customer_id = :customerId', { customerId });
    if (query.currency) q.andWhere('l.currency = :currency', { currency: query.currency });
    if (query.minAmount !== undefined) q.andWhere('l.amount_minor >= :min', { min: toMinor(query.minAmount, query.currency!).toString() });
    if (query.maxAmount !== undefined) q.andWhere('l.amount_minor <= :max', { max: toMinor(query.maxAmount, query.currency!).toString() });
    if (after) {
      q.andWhere(new Brackets((b) => b.where('l.booking_date > :afterDate', { afterDate: after.date })
        .orWhere('l.booking_date = :afterDate AND l.id > :afterId', { afterId: after.id })));
    }
    const rows = await q.orderBy('l.booking_date', 'ASC').addOrderBy('l.id', 'ASC').take(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const byId = await this.customers.findMany(items.flatMap((r) => (r.customerId ? [r.customerId] : [])));
    const last = items.at(-1);
    return {
      items: items.map((r) => bankLineView(r, byId)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.bookingDate, last.id) : null,
    };
  }
}

function encodeCursor(date: string, id: string): string {
  return Buffer.from(JSON.stringify([date, id])).toString('base64url');
}

function decodeCursor(cursor: string): { date: string; id: string } | null {
  try {
    const [date, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && typeof id === 'string' && isUuid(id) ? { date, id } : null;
  } catch {
    return null;
  }
}
