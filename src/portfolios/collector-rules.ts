/**
 * Which collector owns a customer (their portfolio). An explicit assignment of the customer wins;
 * otherwise the most specific matching rule (entity, segment, salesperson, risk class, amount band
 * on the customer's open balance); a rule naming no criterion but possibly an entity is a fallback.
 * Equally specific rules: the first in the given order (oldest first) wins.
 */

export interface CollectorRuleCriteria {
  id: string;
  /** Null: any entity. */
  entityId: string | null;
  segment: string | null;
  /** Compared case-insensitively. */
  salespersonEmail: string | null;
  riskClass: string | null;
  /** Band [min, max) of the customer's open balance in `currency`, minor units; both null: any balance. */
  currency: string | null;
  minAmountMinor: bigint | null;
  maxAmountMinor: bigint | null;
  collectorUserId: string;
}

export interface PortfolioCustomer {
  id: string;
  entityId: string;
  segment: string | null;
  salespersonEmail: string | null;
  riskClass: string | null;
  /** Open balance per currency (currencies without an open invoice may be absent: 0). */
  openMinorByCurrency: ReadonlyMap<string, bigint>;
}

export const COLLECTOR_SOURCES = ['explicit', 'rule', 'fallback', 'none'] as const;
export type CollectorSource = (typeof COLLECTOR_SOURCES)[number];

export interface CollectorAssignment {
  collectorUserId: string | null;
  source: CollectorSource;
  ruleId: string | null;
  /** Why, in words. */
  reason: string;
}

const hasBand = (r: CollectorRuleCriteria) => r.minAmountMinor !== null || r.maxAmountMinor !== null;

/** Criteria a rule names besides the entity (the entity alone makes a fallback). */
export function specificity(r: CollectorRuleCriteria): number {
  return [r.segment, r.salespersonEmail, r.riskClass].filter((c) => c !== null).length + (hasBand(r) ? 1 : 0);
}

export function isFallback(r: CollectorRuleCriteria): boolean {
  return specificity(r) === 0;
}

/** Every criterion the rule names equals the customer's (the balance within the band). */
export function ruleMatches(r: CollectorRuleCriteria, c: PortfolioCustomer): boolean {
  if (r.entityId !== null && r.entityId !== c.entityId) return false;
  if (r.segment !== null && r.segment !== c.segment) return false;
  if (r.salespersonEmail !== null && r.salespersonEmail.toLowerCase() !== (c.salespersonEmail ?? '').toLowerCase()) return false;
  if (r.riskClass !== null && r.riskClass !== c.riskClass) return false;
  if (hasBand(r)) {
    const open = c.openMinorByCurrency.get(r.currency ?? '') ?? 0n;
    if (r.minAmountMinor !== null && open < r.minAmountMinor) return false;
    if (r.maxAmountMinor !== null && open >= r.maxAmountMinor) return false;
  }
  return true;
}

/** The most specific matching rule; an entity-specific rule beats an any-entity one of the same specificity; else the first. */
export function pickCollectorRule<R extends CollectorRuleCriteria>(rules: readonly R[], customer: PortfolioCustomer): R | null {
  let best: R | null = null;
  const rank = (r: R) => specificity(r) * 2 + (r.entityId !== null ? 1 : 0);
  for (const r of rules) {
    if (ruleMatches(r, customer) && (best === null || rank(r) > rank(best))) best = r;
  }
  return best;
}

/** Describes a rule's criteria in words (`amount` formats a minor-unit bound). */
export function describeCollectorRule(r: CollectorRuleCriteria, amount: (minor: bigint, currency: string) => string): string {
  const parts: string[] = [];
  if (r.segment !== null) parts.push(`segment ${r.segment}`);
  if (r.salespersonEmail !== null) parts.push(`salesperson ${r.salespersonEmail}`);
  if (r.riskClass !== null) parts.push(`risk class ${r.riskClass}`);
  if (hasBand(r)) {
    const cur = r.currency ?? '';
    const from = r.minAmountMinor !== null ? `from ${amount(r.minAmountMinor, cur)}` : '';
    const to = r.maxAmountMinor !== null ? `below ${amount(r.maxAmountMinor, cur)}` : '';
    parts.push(`open balance ${[from, to].filter(Boolean).join(' ')} ${cur}`.trim());
  }
  return parts.length ? `rule: ${parts.join(', ')}` : 'fallback collector';
}

/** The customer's collector: the explicit assignment, else the best rule, else none. */
export function assignCollector<R extends CollectorRuleCriteria>(
  customer: PortfolioCustomer,
  explicit: { collectorUserId: string } | null,
  rules: readonly R[],
  amount: (minor: bigint, currency: string) => string,
): CollectorAssignment {
  if (explicit) return { collectorUserId: explicit.collectorUserId, source: 'explicit', ruleId: null, reason: 'assigned explicitly' };
  const rule = pickCollectorRule(rules, customer);
  if (!rule) return { collectorUserId: null, source: 'none', ruleId: null, reason: 'no rule matches and no fallback collector' };
  return {
    collectorUserId: rule.collectorUserId, source: isFallback(rule) ? 'fallback' : 'rule', ruleId: rule.id,
    reason: describeCollectorRule(rule, amount),
  };
}
