import type { Customer } from './customer.entity.js';

/** What other capabilities may filter customers on (their lists join by id, never the table). */
export interface CustomerFilter {
  entityId?: string;
  externalId?: string;
  segment?: string;
  /** The salesperson's email, case-insensitive. */
  salesperson?: string;
  riskClass?: string;
  /** Case-insensitive substring of the name. */
  nameContains?: string;
}

/** A customer as lists and the account show it. */
export interface CustomerSummary {
  id: string;
  entityId: string;
  externalId: string;
  name: string;
  segment: string | null;
  riskClass: string | null;
  salespersonEmail: string | null;
  timeZone: string | null;
}

export function toCustomerSummary(c: Customer): CustomerSummary {
  return {
    id: c.id, entityId: c.entityId, externalId: c.externalId, name: c.name, segment: c.segment,
    riskClass: c.riskClass, salespersonEmail: c.salespersonEmail, timeZone: c.timeZone,
  };
}

/** LIKE pattern matching `text` literally anywhere. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
