import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CustomerContact } from './customer-contact.entity.js';
import type { CustomerInputDto } from './customer-input.dto.js';
import { Customer } from './customer.entity.js';

@Injectable()
export class CustomersService {
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
