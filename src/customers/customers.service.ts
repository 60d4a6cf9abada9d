import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CustomerContact } from './customer-contact.entity.js';
import type { CustomerInputDto } from './customer-input.dto.js';
import { Customer } from './customer.entity.js';

@Injectable()
export class CustomersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The customer's own time zone, null when it has none (or is unknown). */
  async timeZoneOf(customerId: string): Promise<string | null> {
    const customer = await this.dataSource.manager.findOne(Customer, { where: { id: customerId }, select: { id: true, timeZone: true } });
    return customer?.timeZone ?? null;
  }

  /** The customer the ERP knows as `externalId` in the entity, or null. */
  async findByExternalId(entityId: string, externalId: string): Promise<{ id: string; externalId: string; name: string } | null> {
    const c = await this.dataSource.manager.findOne(Customer, { where: { entityId, externalId }, select: { id: true, externalId: true, name: true } });
    return c && { id: c.id, externalId: c.externalId, name: c.name };
  }

  async externalIdOf(customerId: string): Promise<string | null> {
    const c = await this.dataSource.manager.findOne(Customer, { where: { id: customerId }, select: { id: true, externalId: true } });
    return c?.externalId ?? null;
  }

  /** Whether `email` is the customer's salesperson (a `sales` user reads only their own customers). */
  async isSoldBy(ref: { customerId: string } | { entityId: string; externalId: string }, email: string): Promise<boolean> {
    const query = this.dataSource.manager
      .createQueryBuilder(Customer, 'c')
      .where('lower(c.salesperson_email) = lower(:email)', { email });
    if ('customerId' in ref) query.andWhere('c.id = :id', { id: ref.customerId });
    else query.andWhere('c.entity_id = :entityId AND c.external_id = :externalId', ref);
    return (await query.getCount()) > 0;
  }

  /**
   * Creates or refreshes a customer and its primary contact from ERP data,
   * inside the caller's transaction. Concurrent calls converge (upserts).
   */
  async upsertFromErp(manager: EntityManager, entityId: string, input: CustomerInputDto): Promise<Customer> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Customer)
      .values({
        entityId, externalId: input.externalId, name: input.name, timeZone: input.timeZone ?? null,
        segment: input.segment ?? null, riskClass: input.riskClass ?? null,
        salespersonEmail: input.salespersonEmail ?? null,
      })
      .orUpdate(['name', 'time_zone', 'segment', 'risk_class', 'salesperson_email', 'updated_at'], ['entity_id', 'external_id'])
      .updateEntity(false)
      .execute();
    // Once scored (customer_scores), the computed class stands: the ERP's class only seeds customers never scored.
    await manager.query(
      `UPDATE customers c SET risk_class = s.class
         FROM (SELECT DISTINCT ON (customer_id) customer_id, class FROM customer_scores
                WHERE customer_id = (SELECT id FROM customers WHERE entity_id = $1 AND external_id = $2)
                ORDER BY customer_id, seq DESC) s
        WHERE c.id = s.customer_id AND c.risk_class IS DISTINCT FROM s.class`,
      [entityId, input.externalId],
    );
    // Terms and method given by the ERP replace the customer's; absent ones leave them as they were.
    const terms = {
      ...(input.paymentTerms !== undefined && { paymentTerms: input.paymentTerms }),
      ...(input.paymentMethod !== undefined && { paymentMethod: input.paymentMethod }),
    };
    if (Object.keys(terms).length > 0) await manager.update(Customer, { entityId, externalId: input.externalId }, terms);
    const customer = await manager.findOneByOrFail(Customer, { entityId, externalId: input.externalId });
    const contact = await manager.findOneBy(CustomerContact, { customerId: customer.id, isPrimary: true });
    const wanted = { email: input.email, phone: input.phone ?? null, language: input.language ?? 'fr' };
    if (!contact) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(CustomerContact)
        .values({ customerId: customer.id, isPrimary: true, name: null, ...wanted })
        .orIgnore()
        .execute();
    } else if (contact.email !== wanted.email || contact.phone !== wanted.phone || contact.language !== wanted.language) {
      await manager.update(CustomerContact, { id: contact.id }, wanted);
    }
    return customer;
  }
}
