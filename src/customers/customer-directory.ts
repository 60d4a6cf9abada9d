import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeliveryContact } from '../../activities/step-recipients.js';
import { CustomerContact } from './customer-contact.entity.js';
import { Customer } from './customer.entity.js';

/** What other capabilities may know of a customer, with its primary contact. */
export interface CustomerRecord {
  id: string;
  entityId: string;
  externalId: string;
  name: string;
  timeZone: string | null;
  segment: string | null;
  riskClass: string | null;
  salespersonEmail: string | null;
  /** Default payment terms and method of the customer's invoices (docs/erp-documents.md). */
  paymentTerms: string | null;
  paymentMethod: string | null;
  /** The primary contact, if any. */
  contact: { email: string | null; phone: string | null; language: string } | null;
}

/** A customer as cash matching recognises payers. */
export interface CustomerRef {
  id: string;
  externalId: string;
  name: string;
}

/** Which customers a portfolio read keeps; criteria left out do not narrow. */
export interface CustomerCriteria {
  entityId?: string;
  externalIds?: readonly string[];
  segments?: readonly string[];
  riskClasses?: readonly string[];
}

interface RecordRow {
  id: string; entityId: string; externalId: string; name: string; timeZone: string | null; segment: string | null;
  riskClass: string | null; salespersonEmail: string | null; paymentTerms: string | null; paymentMethod: string | null;
  hasContact: boolean; email: string | null; phone: string | null; language: string | null;
}

const RECORD_SQL = `SELECT c.id, c.entity_id AS "entityId", c.external_id AS "externalId", c.name, c.time_zone AS "timeZone",
         c.segment, c.risk_class AS "riskClass", c.salesperson_email AS "salespersonEmail",
         c.payment_terms AS "paymentTerms", c.payment_method AS "paymentMethod",
         ct.id IS NOT NULL AS "hasContact", ct.email, ct.phone, ct.language
    FROM customers c
    LEFT JOIN customer_contacts ct ON ct.customer_id = c.id AND ct.is_primary`;

const toRecord = (r: RecordRow): CustomerRecord => ({
  id: r.id, entityId: r.entityId, externalId: r.externalId, name: r.name, timeZone: r.timeZone, segment: r.segment,
  riskClass: r.riskClass, salespersonEmail: r.salespersonEmail, paymentTerms: r.paymentTerms, paymentMethod: r.paymentMethod,
  contact: r.hasContact ? { email: r.email, phone: r.phone, language: r.language! } : null,
});

/**
 * Customer look-ups for other capabilities, set-based (one query for many customers), returning
 * plain records. Pass a transaction's manager (`db`) to read, or lock, inside it. Ids must be UUIDs.
 */
@Injectable()
export class CustomerDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The customers of these ids that exist, by id. */
  async findMany(ids: readonly string[], db: EntityManager = this.dataSource.manager): Promise<Map<string, CustomerRecord>> {
    if (ids.length === 0) return new Map();
    const rows: RecordRow[] = await db.query(`${RECORD_SQL} WHERE c.id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, toRecord(r)]));
  }

  /** The customer, if it exists (and belongs to `entityId` when given). */
  async find(id: string, scope: { entityId?: string } = {}, db: EntityManager = this.dataSource.manager): Promise<CustomerRecord | null> {
    const params: unknown[] = [id];
    const entity = scope.entityId ? ` AND c.entity_id = $${params.push(scope.entityId)}` : '';
    const [row] = (await db.query(`${RECORD_SQL} WHERE c.id = $1${entity}`, params)) as RecordRow[];
    return row ? toRecord(row) : null;
  }

  async findByExternalId(entityId: string, externalId: string, db: EntityManager = this.dataSource.manager): Promise<CustomerRecord | null> {
    const [row] = (await db.query(`${RECORD_SQL} WHERE c.entity_id = $1 AND c.external_id = $2`, [entityId, externalId])) as RecordRow[];
    return row ? toRecord(row) : null;
  }

  /** Ids of the customers meeting every criterion given. */
  async idsMatching(criteria: CustomerCriteria, db: EntityManager = this.dataSource.manager): Promise<string[]> {
    const params: unknown[] = [];
    const where = ['true'];
    if (criteria.entityId) where.push(`entity_id = $${params.push(criteria.entityId)}`);
    if (criteria.externalIds) where.push(`external_id = ANY($${params.push(criteria.externalIds)}::text[])`);
    if (criteria.segments) where.push(`segment = ANY($${params.push(criteria.segments)}::text[])`);
    if (criteria.riskClasses) where.push(`risk_class = ANY($${params.push(criteria.riskClasses)}::text[])`);
    const rows: { id: string }[] = await db.query(`SELECT id FROM customers WHERE ${where.join(' AND ')}`, params);
    return rows.map((r) => r.id);
  }

  /** Of these customers, those with a contact (any, primary or not) that has an email address: paperless billing. */
  async withContactEmail(customerIds: readonly string[]): Promise<Set<string>> {
    if (customerIds.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT customer_id AS id FROM customer_contacts WHERE email IS NOT NULL AND customer_id = ANY($1::uuid[])',
      [[...new Set(customerIds)]],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The customer's contacts as message delivery chooses among them, primary first. */
  async deliveryContacts(customerId: string, db: EntityManager = this.dataSource.manager): Promise<DeliveryContact[]> {
    const rows = await db.find(CustomerContact, { where: { customerId }, order: { isPrimary: 'DESC', position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    return rows.map((c) => ({
      id: c.id, name: c.name, email: c.email, phone: c.phone, postalAddress: c.postalAddress, language: c.language,
      roles: c.roles, optOuts: c.optOuts, isPrimary: c.isPrimary,
      undeliverable: [...(c.emailUndeliverableAt ? ['email' as const] : []), ...(c.phoneUndeliverableAt ? ['sms' as const] : [])],
    }));
  }

  /** Locks the customer's row for the rest of the caller's transaction (false: no such customer). */
  async lockForUpdate(db: EntityManager, id: string): Promise<boolean> {
    return (await db.findOne(Customer, { where: { id }, lock: { mode: 'pessimistic_write' }, select: { id: true } })) !== null;
  }

  /** Every customer of the entity, by name (cash matching recognises payers by it). */
  async ofEntity(entityId: string): Promise<CustomerRef[]> {
    return this.dataSource.manager.find(Customer, { where: { entityId }, select: { id: true, externalId: true, name: true } });
  }
}
