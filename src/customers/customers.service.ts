import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { CustomerContact } from './customer-contact.entity.js';
import { assertContactList, type ContactInputDto } from './contact-input.dto.js';
import type { CustomerInputDto } from './customer-input.dto.js';
import { Customer } from './customer.entity.js';
import { keysetPage, type Page, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import { containsPattern, toCustomerSummary, type CustomerFilter, type CustomerSummary } from './customer-filter.js';

/** Sorts of the customer list (figures owned elsewhere, such as balances, filter but do not sort). */
export const CUSTOMER_SORTS: SortKeys<Customer> = {
  name: { sql: 'c.name', type: 'text', value: (c) => c.name },
  externalId: { sql: 'c.external_id', type: 'text', value: (c) => c.externalId },
  createdAt: { sql: 'c.created_at', type: 'timestamptz', value: (c) => c.createdAt.toISOString() },
};

/** The list's `q`: name or externalId contains. */
const Q_SQL = "(c.name ILIKE :q ESCAPE '\\' OR c.external_id ILIKE :q ESCAPE '\\')";

@Injectable()
export class CustomersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The customer's own time zone, null when it has none (or is unknown). */
  async timeZoneOf(customerId: string): Promise<string | null> {
    const customer = await this.dataSource.manager.findOne(Customer, { where: { id: customerId }, select: { id: true, timeZone: true } });
    return customer?.timeZone ?? null;
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
   * What reports show of customers (label, segment, salesperson, risk class):
   * those ids, or every customer of an entity (null: of all entities).
   */
  async reportLabels(which: readonly string[] | { entityId: string | null }): Promise<Map<string, CustomerReportLabel>> {
    const query = this.dataSource.manager
      .createQueryBuilder(Customer, 'c')
      .select(['c.id AS id', 'c.external_id AS "externalId"', 'c.name AS name', 'c.segment AS segment',
        'c.salesperson_email AS "salespersonEmail"', 'c.risk_class AS "riskClass"']);
    if (Array.isArray(which)) {
      if (which.length === 0) return new Map();
      query.where('c.id = ANY(:ids::uuid[])', { ids: which });
    } else if ('entityId' in which && which.entityId !== null) {
      query.where('c.entity_id = :entityId', { entityId: which.entityId });
    }
    const rows: CustomerReportLabel[] = await query.getRawMany();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Ids of the customers `email` sells to (a `sales` user's need-to-know scope). */
  async idsSoldBy(email: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.manager
      .createQueryBuilder(Customer, 'c').select('c.id AS id')
      .where('lower(c.salesperson_email) = lower(:email)', { email })
      .getRawMany();
    return rows.map((r) => r.id);
  }

  /**
   * Ids of the customers matching `filter`: other capabilities' lists narrow their own rows to
   * them (`customer_id = ANY(ids)`) instead of joining this module's table.
   */
  async idsMatching(filter: CustomerFilter & { q?: string }): Promise<string[]> {
    const query = this.dataSource.manager.createQueryBuilder(Customer, 'c').select('c.id', 'id');
    applyCustomerFilter(query, filter);
    if (filter.q) query.andWhere(Q_SQL, { q: containsPattern(filter.q) });
    return ((await query.getRawMany()) as { id: string }[]).map((r) => r.id);
  }

  /**
   * A page of customers matching `filter`, narrowed by ids other capabilities computed (balances,
   * limit use): `only` keeps those ids, `except` drops them.
   */
  async page(
    filter: CustomerFilter & { q?: string },
    restriction: { only?: readonly string[]; except?: readonly string[] },
    request: PageRequest,
    withTotal: boolean,
  ): Promise<Page<CustomerSummary>> {
    const query = this.dataSource.manager.createQueryBuilder(Customer, 'c');
    applyCustomerFilter(query, filter);
    if (filter.q) {
      query.andWhere(Q_SQL, { q: containsPattern(filter.q) });
    }
    if (restriction.only) query.andWhere('c.id = ANY(:only)', { only: restriction.only });
    if (restriction.except && restriction.except.length > 0) query.andWhere('NOT (c.id = ANY(:except))', { except: restriction.except });
    const page = await keysetPage(query, CUSTOMER_SORTS, request, { defaultSort: 'name', idSql: 'c.id', withTotal });
    return { ...page, rows: page.rows.map(toCustomerSummary) };
  }

  async summaries(ids: readonly string[]): Promise<Map<string, CustomerSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.createQueryBuilder(Customer, 'c').where('c.id = ANY(:ids)', { ids: [...new Set(ids)] }).getMany();
    return new Map(rows.map((c) => [c.id, toCustomerSummary(c)]));
  }

  async findByExternalId(entityId: string, externalId: string): Promise<CustomerSummary | null> {
    const found = await this.dataSource.manager.findOneBy(Customer, { entityId, externalId });
    return found ? toCustomerSummary(found) : null;
  }

  /** The customer's contacts, primary first. */
  async contactsOf(customerId: string, db: EntityManager = this.dataSource.manager): Promise<ContactView[]> {
    const rows = await db.find(CustomerContact, { where: { customerId }, order: { isPrimary: 'DESC', position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toContactView);
  }

  /**
   * Marks the customer's contacts at `address` unreachable on the channel (a hard bounce, an
   * undelivered SMS): scenario steps stop writing there until the address changes. Returns the
   * contacts flagged now (none when they already were, or the address is no longer theirs).
   */
  async flagUndeliverable(customerId: string, channel: 'email' | 'sms', address: string, reason: string, at: Date): Promise<string[]> {
    const column = channel === 'email' ? 'email_undeliverable_at' : 'phone_undeliverable_at';
    const match = channel === 'email' ? 'lower(email) = lower($2)' : 'phone = $2';
    const [rows] = (await this.dataSource.query(
      `UPDATE customer_contacts SET ${column} = $3, undeliverable_reason = $4, updated_at = now()
        WHERE customer_id = $1 AND ${match} AND ${column} IS NULL RETURNING id`,
      [customerId, address, at, reason.slice(0, 500)],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  /** replaceContacts in a transaction of its own (the contacts API). */
  setContacts(customerId: string, contacts: readonly ContactInputDto[]): Promise<ContactView[]> {
    return this.dataSource.transaction((m) => this.replaceContacts(m, customerId, contacts));
  }

  /**
   * Replaces the customer's contacts with `contacts` (validated as a list first). A contact
   * matching an existing one by email, else phone, keeps its id (messages already sent to it
   * keep pointing at it); the others are created, and those no longer listed are removed.
   * The primary one is the contact marked `primary`, else the first `billing` one, else the first.
   */
  async replaceContacts(manager: EntityManager, customerId: string, contacts: readonly ContactInputDto[], field = 'contacts'): Promise<ContactView[]> {
    assertContactList(contacts, field);
    await manager.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [customerId]);
    const existing = await manager.find(CustomerContact, { where: { customerId } });
    const primaryIndex = Math.max(0, contacts.findIndex((c) => c.primary) >= 0
      ? contacts.findIndex((c) => c.primary)
      : contacts.findIndex((c) => c.roles.includes('billing')));
    const kept = new Set<string>();
    const wanted = contacts.map((c, i) => {
      const match = existing.find((e) => !kept.has(e.id) && (
        (c.email && e.email?.toLowerCase() === c.email.toLowerCase()) || (!c.email && c.phone && e.phone === c.phone)));
      if (match) kept.add(match.id);
      return {
        id: match?.id, customerId, name: c.name ?? null, email: c.email ?? null, phone: c.phone ?? null,
        postalAddress: c.postalAddress ?? null, language: c.language ?? 'fr', roles: [...c.roles], optOuts: [...(c.optOuts ?? [])],
        isPrimary: i === primaryIndex, position: i,
      };
    });
    const gone = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
    if (gone.length > 0) await manager.delete(CustomerContact, gone);
    // The partial unique index allows one primary: clear it before setting the new one.
    await manager.update(CustomerContact, { customerId, isPrimary: true }, { isPrimary: false });
    for (const w of wanted) {
      const { id, ...values } = w;
      const before = id ? existing.find((e) => e.id === id)! : null;
      if (before) await manager.update(CustomerContact, { id }, { ...values, ...clearedFlags(before, values) });
      else await manager.insert(CustomerContact, values);
    }
    return this.contactsOf(customerId, manager);
  }

  /**
   * Creates or refreshes a customer and its primary contact from ERP data,
   * inside the caller's transaction. Concurrent calls converge (upserts).
   * The ERP's risk class is written as given: once the customer is scored the
   * credit capability puts its computed class back (CustomerScoringService.restoreScoredClass).
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
    // Terms and method given by the ERP replace the customer's; absent ones leave them as they were.
    const terms = {
      ...(input.paymentTerms !== undefined && { paymentTerms: input.paymentTerms }),
      ...(input.paymentMethod !== undefined && { paymentMethod: input.paymentMethod }),
    };
    if (Object.keys(terms).length > 0) await manager.update(Customer, { entityId, externalId: input.externalId }, terms);
    const customer = await manager.findOneByOrFail(Customer, { entityId, externalId: input.externalId });
    if (input.contacts) {
      await this.replaceContacts(manager, customer.id, input.contacts, 'customer.contacts');
      return customer;
    }
    if (!input.email) return customer;
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
      await manager.update(CustomerContact, { id: contact.id }, { ...wanted, ...clearedFlags(contact, wanted) });
    }
    return customer;
  }
}

/** A contact as the API shows it. */
export interface ContactView {
  id: string;
  name: string | null;
  roles: string[];
  email: string | null;
  phone: string | null;
  postalAddress: string | null;
  language: string;
  optOuts: string[];
  primary: boolean;
  /** When an email to `email` hard-bounced: steps stop writing there until the address changes. */
  emailUndeliverableAt: string | null;
  /** When an SMS to `phone` came back undelivered or failed. */
  phoneUndeliverableAt: string | null;
  undeliverableReason: string | null;
}

function toContactView(c: CustomerContact): ContactView {
  return {
    id: c.id, name: c.name, roles: c.roles, email: c.email, phone: c.phone, postalAddress: c.postalAddress,
    language: c.language, optOuts: c.optOuts, primary: c.isPrimary,
    emailUndeliverableAt: c.emailUndeliverableAt?.toISOString() ?? null,
    phoneUndeliverableAt: c.phoneUndeliverableAt?.toISOString() ?? null,
    undeliverableReason: c.undeliverableReason,
  };
}

/** A new address is worth trying again: the flag of the old one goes. */
function clearedFlags(before: CustomerContact, after: { email: string | null; phone: string | null }): Partial<CustomerContact> {
  return {
    ...((before.email ?? '').toLowerCase() !== (after.email ?? '').toLowerCase() && { emailUndeliverableAt: null }),
    ...(before.phone !== after.phone && { phoneUndeliverableAt: null }),
  };
}

export interface CustomerReportLabel {
  id: string;
  externalId: string;
  name: string;
  segment: string | null;
  salespersonEmail: string | null;
  riskClass: string | null;
}

export function applyCustomerFilter(query: SelectQueryBuilder<Customer>, filter: CustomerFilter): void {
  if (filter.entityId) query.andWhere('c.entity_id = :entityId', { entityId: filter.entityId });
  if (filter.externalId) query.andWhere('c.external_id = :externalId', { externalId: filter.externalId });
  if (filter.segment) query.andWhere('c.segment = :segment', { segment: filter.segment });
  if (filter.riskClass) query.andWhere('c.risk_class = :riskClass', { riskClass: filter.riskClass });
  if (filter.salesperson !== undefined) query.andWhere('lower(c.salesperson_email) = lower(:salesperson)', { salesperson: filter.salesperson });
  if (filter.nameContains) query.andWhere("c.name ILIKE :name ESCAPE '\\'", { name: containsPattern(filter.nameContains) });
}
