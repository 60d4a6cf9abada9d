/**
 * Which assignment rule chooses an invoice's scenario. A rule's kind follows
 * from the criteria it names; the most specific matching rule wins.
 */

/** Highest priority first. */
export const ASSIGNMENT_KINDS = ['customer', 'segment_risk', 'segment', 'risk', 'default'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

export interface AssignmentCriteria {
  customerExternalId: string | null;
  segment: string | null;
  riskClass: string | null;
}

/** The kind of a segment/risk rule: null when it names neither (that is the default rule's endpoint). */
export function segmentRuleKind(segment: string | null, riskClass: string | null): AssignmentKind | null {
  if (segment !== null && riskClass !== null) return 'segment_risk';
  if (segment !== null) return 'segment';
  if (riskClass !== null) return 'risk';
  return null;
}

/** A rule matches when every criterion it names equals the customer's (null criteria match anyone). */
export function ruleMatches(rule: AssignmentCriteria, customer: AssignmentCriteria): boolean {
  return (
    (rule.customerExternalId === null || rule.customerExternalId === customer.customerExternalId) &&
    (rule.segment === null || rule.segment === customer.segment) &&
    (rule.riskClass === null || rule.riskClass === customer.riskClass)
  );
}

/** The matching rule of highest priority; unique indexes guarantee at most one per kind. */
export function pickAssignment<R extends AssignmentCriteria & { kind: AssignmentKind }>(
  rules: readonly R[],
  customer: AssignmentCriteria,
): R | null {
  const matching = rules.filter((r) => ruleMatches(r, customer));
  matching.sort((a, b) => ASSIGNMENT_KINDS.indexOf(a.kind) - ASSIGNMENT_KINDS.indexOf(b.kind));
  return matching[0] ?? null;
}

/** Why this rule applies, in words, for the customer scenario endpoint. */
export function describeRule(rule: AssignmentCriteria & { kind: AssignmentKind }, entityCode: string): string {
  switch (rule.kind) {
    case 'customer': return `customer override for ${rule.customerExternalId}`;
    case 'segment_risk': return `segment ${rule.segment} with risk class ${rule.riskClass}`;
    case 'segment': return `segment ${rule.segment}`;
    case 'risk': return `risk class ${rule.riskClass}`;
    case 'default': return `default scenario of entity ${entityCode}`;
  }
}
