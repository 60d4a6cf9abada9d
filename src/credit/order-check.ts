/**
 * The ERP's credit check on a sales order: allow it, require prepayment, or
 * block it, from a credit policy and the customer's situation. Pure and
 * Node-free; called on every order, so it allocates only for rules that fire.
 *
 * Evaluation order (every rule is evaluated; `reasons` lists those that fired,
 * in this order; the decision is the most severe of them, `allow` if none):
 *  1. RISK_CLASS            the customer's class is in `blockClasses` → block,
 *                           else in `prepaymentClasses` → prepayment.
 *  2. OVERDUE               oldest overdue days ≥ `overdueDaysBlock` → block,
 *                           else ≥ `overdueDaysPrepayment` → prepayment.
 *  3. CREDIT_LIMIT          exposure after the order (open receivables + open
 *                           orders + this order) > credit limit → `overLimitDecision`.
 *                           Exactly at the limit is within it. A zero limit
 *                           means no credit: any positive exposure exceeds it.
 *     CREDIT_LIMIT_WARNING  otherwise, limit > 0 and exposure ≥ `warningSharePercent`
 *                           % of the limit → fires with decision `allow` (a warning).
 *  4. DISPUTES_AMOUNT       open disputes > `disputesAmountThresholds[currency]`
 *                           (no entry for the currency: not evaluated) → `disputesDecision`.
 *     DISPUTES_SHARE        open receivables > 0 and open disputes ≥
 *                           `disputesSharePercent` % of them → `disputesDecision`.
 *
 * All amounts must be in the credit limit's currency; otherwise the check
 * throws OrderCheckCurrencyError (no FX here: convert before checking).
 */
import { formatAmount } from '../../workflows/domain/money.js';
import { type RiskClass } from '../../workflows/domain/scenario.js';

export const ORDER_DECISIONS = ['allow', 'prepayment', 'block'] as const;
export type OrderDecision = (typeof ORDER_DECISIONS)[number];

export interface CreditPolicy {
  /** Exposure at or above this share of the limit (whole percent) adds a warning. */
  warningSharePercent: number;
  /** Decision when exposure after the order exceeds the credit limit. */
  overLimitDecision: 'prepayment' | 'block';
  /** Oldest overdue invoice at or beyond this many days → prepayment. */
  overdueDaysPrepayment: number;
  /** Oldest overdue invoice at or beyond this many days → block. */
  overdueDaysBlock: number;
  prepaymentClasses: readonly RiskClass[];
  blockClasses: readonly RiskClass[];
  /** Open disputes strictly above this amount (minor units, per currency) → `disputesDecision`. */
  disputesAmountThresholds: Readonly<Record<string, bigint>>;
  /** Open disputes at or above this share of open receivables (whole percent) → `disputesDecision`. */
  disputesSharePercent: number;
  disputesDecision: 'prepayment' | 'block';
}

/**
 * Defaults: warn at 80 % of the limit; block above it (a credit manager can
 * release the order); prepayment from 30 days overdue, block from 60 (two
 * missed monthly cycles); class D pays upfront, class E is blocked; open
 * disputes of a quarter of the receivables or more than 10 000.00 EUR call
 * for prepayment (a commercial problem, not necessarily a solvency one).
 */
export const DEFAULT_CREDIT_POLICY: CreditPolicy = Object.freeze({
  warningSharePercent: 80,
  overLimitDecision: 'block',
  overdueDaysPrepayment: 30,
  overdueDaysBlock: 60,
  prepaymentClasses: Object.freeze(['D'] as RiskClass[]),
  blockClasses: Object.freeze(['E'] as RiskClass[]),
  disputesAmountThresholds: Object.freeze({ EUR: 1_000_000n }),
  disputesSharePercent: 25,
  disputesDecision: 'prepayment',
});

export interface Money {
  amountMinor: bigint;
  currency: string;
}

export interface CustomerCreditSituation {
  creditLimit: Money;
  openReceivables: Money;
  openOrders: Money;
  order: Money;
  openDisputes: Money;
  /** Days past due of the oldest open overdue invoice; 0 when none is overdue. */
  oldestOverdueDays: number;
  /** Null when the customer has no class yet: the risk-class rule does not fire. */
  riskClass: RiskClass | null;
}

export const ORDER_CHECK_CODES = ['RISK_CLASS', 'OVERDUE', 'CREDIT_LIMIT', 'CREDIT_LIMIT_WARNING', 'DISPUTES_AMOUNT', 'DISPUTES_SHARE'] as const;
export type OrderCheckCode = (typeof ORDER_CHECK_CODES)[number];

export interface OrderCheckReason {
  code: OrderCheckCode;
  /** What this rule alone decides (`allow` for a warning). */
  decision: OrderDecision;
  message: string;
  /** The customer's figure (amounts as decimal strings in the limit's currency). */
  value: string;
  /** The policy figure it was compared with. */
  threshold: string;
}

export interface OrderCheckResult {
  decision: OrderDecision;
  reasons: OrderCheckReason[];
  currency: string;
  /** Open receivables + open orders + this order, minor units. */
  exposureAfterOrderMinor: bigint;
  /** Credit limit − exposure after the order (negative when over). */
  headroomMinor: bigint;
}

export class OrderCheckCurrencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderCheckCurrencyError';
  }
}

const SEVERITY: Readonly<Record<OrderDecision, number>> = { allow: 0, prepayment: 1, block: 2 };

function checkAmount(name: string, money: Money, currency: string): bigint {
  if (money.currency !== currency) {
    throw new OrderCheckCurrencyError(
      `${name} is in ${money.currency} but the credit limit is in ${currency}; convert it before the order check`,
    );
  }
  if (money.amountMinor < 0n) throw new RangeError(`${name} must not be negative`);
  return money.amountMinor;
}

export function checkOrder(policy: CreditPolicy, situation: CustomerCreditSituation): OrderCheckResult {
  const currency = situation.creditLimit.currency;
  const limit = checkAmount('creditLimit', situation.creditLimit, currency);
  const receivables = checkAmount('openReceivables', situation.openReceivables, currency);
  const orders = checkAmount('openOrders', situation.openOrders, currency);
  const order = checkAmount('order', situation.order, currency);
  const disputes = checkAmount('openDisputes', situation.openDisputes, currency);
  const overdueDays = situation.oldestOverdueDays;
  if (!Number.isInteger(overdueDays) || overdueDays < 0) {
    throw new RangeError('oldestOverdueDays must be a whole number ≥ 0');
  }

  const reasons: OrderCheckReason[] = [];
  let decision: OrderDecision = 'allow';
  const fire = (
    code: OrderCheckCode, ruleDecision: OrderDecision, message: string, value: string, threshold: string,
  ): void => {
    reasons.push({ code, decision: ruleDecision, message, value, threshold });
    if (SEVERITY[ruleDecision] > SEVERITY[decision]) decision = ruleDecision;
  };
  const fmt = (minor: bigint): string => `${formatAmount(minor, currency)} ${currency}`;

  // 1. Risk class.
  const riskClass = situation.riskClass;
  if (riskClass !== null) {
    if (policy.blockClasses.includes(riskClass)) {
      fire('RISK_CLASS', 'block', `Risk class ${riskClass} is blocked by the credit policy`,
        riskClass, policy.blockClasses.join(','));
    } else if (policy.prepaymentClasses.includes(riskClass)) {
      fire('RISK_CLASS', 'prepayment', `Risk class ${riskClass} requires prepayment`,
        riskClass, policy.prepaymentClasses.join(','));
    }
  }

  // 2. Oldest overdue invoice.
  if (overdueDays >= policy.overdueDaysBlock) {
    fire('OVERDUE', 'block',
      `Oldest overdue invoice is ${overdueDays} days past due (block from ${policy.overdueDaysBlock})`,
      String(overdueDays), String(policy.overdueDaysBlock));
  } else if (overdueDays >= policy.overdueDaysPrepayment) {
    fire('OVERDUE', 'prepayment',
      `Oldest overdue invoice is ${overdueDays} days past due (prepayment from ${policy.overdueDaysPrepayment})`,
      String(overdueDays), String(policy.overdueDaysPrepayment));
  }

  // 3. Credit limit.
  const exposure = receivables + orders + order;
  if (exposure > limit) {
    fire('CREDIT_LIMIT', policy.overLimitDecision,
      `Exposure after the order ${fmt(exposure)} exceeds the credit limit ${fmt(limit)} by ${fmt(exposure - limit)}`,
      formatAmount(exposure, currency), formatAmount(limit, currency));
  } else if (limit > 0n && exposure * 100n >= BigInt(policy.warningSharePercent) * limit) {
    fire('CREDIT_LIMIT_WARNING', 'allow',
      `Exposure after the order ${fmt(exposure)} reaches ${policy.warningSharePercent} % of the credit limit ${fmt(limit)}`,
      formatAmount(exposure, currency), formatAmount((BigInt(policy.warningSharePercent) * limit) / 100n, currency));
  }

  // 4. Open disputes.
  const disputesThreshold = policy.disputesAmountThresholds[currency];
  if (disputesThreshold !== undefined && disputes > disputesThreshold) {
    fire('DISPUTES_AMOUNT', policy.disputesDecision,
      `Open disputes ${fmt(disputes)} exceed ${fmt(disputesThreshold)}`,
      formatAmount(disputes, currency), formatAmount(disputesThreshold, currency));
  }
  if (receivables > 0n && disputes * 100n >= BigInt(policy.disputesSharePercent) * receivables) {
    fire('DISPUTES_SHARE', policy.disputesDecision,
      `Open disputes ${fmt(disputes)} are ${percent(disputes, receivables)} % of open receivables ` +
        `${fmt(receivables)} (limit ${policy.disputesSharePercent} %)`,
      percent(disputes, receivables), String(policy.disputesSharePercent));
  }

  return { decision, reasons, currency, exposureAfterOrderMinor: exposure, headroomMinor: limit - exposure };
}

/** part / whole × 100 with one decimal, half-up (whole > 0, both ≥ 0). */
function percent(part: bigint, whole: bigint): string {
  const tenths = (part * 2000n + whole) / (2n * whole);
  return `${tenths / 10n}.${tenths % 10n}`;
}
