import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CustomerContact } from './customer-contact.entity.js';
import { Customer } from './customer.entity.js';

/** Plain SQL on the hot paths (the order check reads one customer per call): no query building per call. */
const CUSTOMER_COLUMNS = `id, entity_id AS "entityId", external_id AS "externalId", name, time_zone AS "timeZone", segment,
  risk_class AS "riskClass", salesperson_email AS "salespersonEmail", created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Customers as other capabilities read them (the customers capability owns
 * `customers` and `customer_contacts`). Reads are set-based; the methods that
 * take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class CustomerDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<Customer | null> {
    const rows = (await manager.query(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1`, [id])) as Customer[];
    return rows[0] ?? null;
  }

  async byExternalId(entityId: string, externalId: string, manager: EntityManager = this.dataSource.manager): Promise<Customer | null> {
    const rows = (await manager.query(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE entity_id = $1 AND external_id = $2`, [entityId, externalId],
    )) as Customer[];
    return rows[0] ?? null;
  }

  async byIds(ids: readonly string[]): Promise<Customer[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.query(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ANY($1::uuid[])`, [[...ids]])) as Customer[];
  }

  /** The customer and its primary contact (null when it has none); null when the customer does not exist. */
  async withPrimaryContact(id: string): Promise<{ customer: Customer; contact: CustomerContact | null } | null> {
    const m = this.dataSource.manager;
    const [customer, contact] = await Promise.all([
      m.findOneBy(Customer, { id }),
      m.findOneBy(CustomerContact, { customerId: id, isPrimary: true }),
    ]);
    return customer && { customer, contact };
  }

  /**
   * Locks the customer's row within `manager`'s transaction: changes to what
   * hangs off a customer (its credit limit) serialise on it.
   */
  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.findOne(Customer, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** One page of customer ids in id order (the nightly rescoring walks the portfolio with it). */
  async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      'SELECT id FROM customers WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2', [afterId, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Sets customers' risk classes (the credit capability's scores decide them); rows already right are not touched. */
  async setRiskClasses(manager: EntityManager, classes: readonly { customerId: string; riskClass: string }[]): Promise<void> {
    if (classes.length === 0) return;
    await manager.query(
      `UPDATE customers c SET risk_class = v.cls, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS v(id, cls) WHERE c.id = v.id AND c.risk_class IS DISTINCT FROM v.cls`,
      [classes.map((c) => c.customerId), classes.map((c) => c.riskClass)],
    );
  }
}
