/**
 * Pure rules of disputes: statuses and their transitions, which routing rule
 * applies, whether a finance manager must confirm, when the SLA reminds and
 * escalates, and which decisions the workflow refuses (before history).
 */

export const REASON_CODES = [
  'price', 'quantity', 'damaged_goods', 'delivery', 'wrong_po_number', 'wrong_addressee',
  'invoice_not_received', 'duplicate', 'deduction', 'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const DISPUTE_STATUSES = ['open', 'in_review', 'info_requested', 'accepted', 'rejected', 'closed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export type DisputeDecision = 'accept' | 'reject' | 'request_info';

/** The disputed part of one invoice (minor units, decimal string). */
export interface DisputeInvoiceShare {
  invoiceId: string;
  amountMinor: string;
}

const TRANSITIONS: Readonly<Record<DisputeStatus, readonly DisputeStatus[]>> = {
  open: ['in_review'],
  in_review: ['info_requested', 'accepted', 'rejected'],
  info_requested: ['in_review'],
  accepted: ['closed'],
  rejected: ['closed'],
  closed: [],
};

export function canTransition(from: DisputeStatus, to: DisputeStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** True while the disputed amount is held out of dunning. */
export function isActive(status: DisputeStatus): boolean {
  return status === 'open' || status === 'in_review' || status === 'info_requested';
}

export interface RoutingRule {
  id: string;
  reasonCode: ReasonCode | null;
  entityId: string | null;
  /** Band [min, max) in minor units; null bounds are open. */
  minAmountMinor: bigint | null;
  maxAmountMinor: bigint | null;
  validatorGroup: string;
  resolutionHours: number;
  secondLevelFromMinor: bigint | null;
  /** The currency its amounts are written in; null when it states none (then it applies to any currency). */
  currency: string | null;
}

/** A rule that states an amount (band bound or second-level threshold) is written in its currency. */
export function statesAmounts(r: Pick<RoutingRule, 'minAmountMinor' | 'maxAmountMinor' | 'secondLevelFromMinor'>): boolean {
  return r.minAmountMinor !== null || r.maxAmountMinor !== null || r.secondLevelFromMinor !== null;
}

/**
 * Whether a rule may route a dispute in `currency`: a rule stating amounts only routes disputes in its
 * currency (1 000 EUR is not 1 000 JPY, and no rate is applied); a rule without amounts routes any currency.
 */
export function appliesToCurrency(r: RoutingRule, currency: string): boolean {
  return !statesAmounts(r) || r.currency === currency;
}

function hasBand(r: RoutingRule): boolean {
  return r.minAmountMinor !== null || r.maxAmountMinor !== null;
}

/** Specificity: reason+entity+band (7) > reason+entity (6) > reason+band (5) > reason (4) > … > default (0). */
export function specificity(r: RoutingRule): number {
  return (r.reasonCode ? 4 : 0) + (r.entityId ? 2 : 0) + (hasBand(r) ? 1 : 0);
}

/**
 * The most specific rule matching the dispute (reason, entity, amount band, and the rule's currency when it
 * states amounts); ties go to the first in the given order. Null when none matches.
 */
export function matchRule(
  rules: readonly RoutingRule[],
  dispute: { reasonCode: ReasonCode; entityId: string; amountMinor: bigint; currency: string },
): RoutingRule | null {
  let best: RoutingRule | null = null;
  for (const r of rules) {
    if (!appliesToCurrency(r, dispute.currency)) continue;
    if (r.reasonCode !== null && r.reasonCode !== dispute.reasonCode) continue;
    if (r.entityId !== null && r.entityId !== dispute.entityId) continue;
    if (r.minAmountMinor !== null && dispute.amountMinor < r.minAmountMinor) continue;
    if (r.maxAmountMinor !== null && dispute.amountMinor >= r.maxAmountMinor) continue;
    if (!best || specificity(r) > specificity(best)) best = r;
  }
  return best;
}

/** A finance manager confirms an acceptance from the rule's threshold on. */
export function needsSecondLevel(secondLevelFromMinor: bigint | null, acceptedAmountMinor: bigint): boolean {
  return secondLevelFromMinor !== null && acceptedAmountMinor >= secondLevelFromMinor;
}

/** Reminder at 75 % of the target resolution time, escalation at 100 %. */
export function slaInstants(openedAtMs: number, resolutionHours: number): { remindAt: number; dueAt: number } {
  const ms = resolutionHours * 3_600_000;
  return { remindAt: openedAtMs + Math.floor(ms * 0.75), dueAt: openedAtMs + ms };
}

/**
 * Splits a disputed amount over invoices in the given order (each up to its
 * open amount); without an amount, each invoice's whole open amount.
 */
export function allocate(
  invoices: readonly { invoiceId: string; openAmountMinor: bigint }[],
  amountMinor: bigint | null,
): DisputeInvoiceShare[] | null {
  const total = invoices.reduce((s, i) => s + i.openAmountMinor, 0n);
  if (amountMinor === null) return invoices.map((i) => ({ invoiceId: i.invoiceId, amountMinor: i.openAmountMinor.toString() }));
  if (amountMinor <= 0n || amountMinor > total) return null;
  let left = amountMinor;
  const shares: DisputeInvoiceShare[] = [];
  for (const i of invoices) {
    const take = left < i.openAmountMinor ? left : i.openAmountMinor;
    if (take > 0n) shares.push({ invoiceId: i.invoiceId, amountMinor: take.toString() });
    left -= take;
  }
  return shares;
}

export type DisputeRefusalCode = 'NOT_ASSIGNED' | 'DISPUTE_NOT_IN_REVIEW' | 'DECISION_NOT_ALLOWED' | 'AMOUNT_ABOVE_DISPUTED' | 'INVALID_AMOUNT';

export const DISPUTE_REFUSAL_STATUS: Readonly<Record<DisputeRefusalCode, number>> = {
  NOT_ASSIGNED: 403,
  DISPUTE_NOT_IN_REVIEW: 409,
  DECISION_NOT_ALLOWED: 409,
  AMOUNT_ABOVE_DISPUTED: 422,
  INVALID_AMOUNT: 422,
};

export interface DisputeChainState {
  status: DisputeStatus;
  /** 1: the validator group; 2: a finance manager confirms an acceptance. */
  level: 1 | 2;
  escalated: boolean;
  level1UserIds: readonly string[];
  managerUserId: string | null;
  level2UserIds: readonly string[];
  disputedAmountMinor: bigint;
  /** The amount level 1 accepted, under confirmation at level 2. */
  proposedAmountMinor: bigint | null;
}

/** Who may decide now: the level's assignees (level 1: plus the group's manager once escalated). */
export function allowedDeciders(s: DisputeChainState): string[] {
  if (s.level === 2) return [...s.level2UserIds, ...(s.escalated && s.managerUserId ? [s.managerUserId] : [])];
  return [...s.level1UserIds, ...(s.escalated && s.managerUserId ? [s.managerUserId] : [])];
}

export function refuseDisputeDecision(
  s: DisputeChainState,
  deciderUserId: string | null,
  command: { decision: DisputeDecision; amountMinor: string | null },
): { code: DisputeRefusalCode; message: string } | null {
  if (s.status !== 'in_review') {
    return { code: 'DISPUTE_NOT_IN_REVIEW', message: `The dispute is ${s.status}: it takes no decision now` };
  }
  if (!deciderUserId || !allowedDeciders(s).includes(deciderUserId)) {
    return { code: 'NOT_ASSIGNED', message: 'You are not assigned to decide this dispute at its current level' };
  }
  if (command.decision !== 'accept' && command.decision !== 'reject' && command.decision !== 'request_info') {
    return { code: 'DECISION_NOT_ALLOWED', message: 'decision must be accept, reject or request_info' };
  }
  if (s.level === 2 && command.decision === 'request_info') {
    return { code: 'DECISION_NOT_ALLOWED', message: 'The confirming level accepts or rejects' };
  }
  if (command.decision === 'accept' && command.amountMinor !== null) {
    if (!/^\d+$/.test(command.amountMinor) || BigInt(command.amountMinor) <= 0n) {
      return { code: 'INVALID_AMOUNT', message: 'amount must be positive' };
    }
    const ceiling = s.level === 2 && s.proposedAmountMinor !== null ? s.proposedAmountMinor : s.disputedAmountMinor;
    if (BigInt(command.amountMinor) > ceiling) {
      return { code: 'AMOUNT_ABOVE_DISPUTED', message: `amount is above the ${s.level === 2 ? 'proposed' : 'disputed'} amount` };
    }
  }
  return null;
}

/** The amount an acceptance grants: the one given, else the whole amount under decision. */
export function acceptedAmount(s: DisputeChainState, amountMinor: string | null): bigint {
  if (amountMinor !== null) return BigInt(amountMinor);
  return s.level === 2 && s.proposedAmountMinor !== null ? s.proposedAmountMinor : s.disputedAmountMinor;
}

/** Splits an accepted amount over the disputed shares, in order (the credit note per invoice). */
export function creditPerInvoice(shares: readonly DisputeInvoiceShare[], acceptedMinor: bigint): DisputeInvoiceShare[] {
  let left = acceptedMinor;
  const out: DisputeInvoiceShare[] = [];
  for (const s of shares) {
    const cap = BigInt(s.amountMinor);
    const take = left < cap ? left : cap;
    if (take > 0n) out.push({ invoiceId: s.invoiceId, amountMinor: take.toString() });
    left -= take;
  }
  return out;
}
