import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy, type ApproverRole } from '../../workflows/domain/credit-approval-policy.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { DEFAULT_CREDIT_POLICY, type CreditPolicy } from './order-check.js';
import { RISK_CLASSES, type RiskClass } from '../../workflows/domain/scenario.js';
import { positiveAmount } from '../common/amount-input.js';
import type { FieldError } from '../common/validation.js';

/** An entity's whole credit policy: order check, exposure alerts, credit-limit approvals. */
export interface EntityCreditPolicy {
  orderCheck: CreditPolicy;
  /** Exposure at or above this share of the limit raises a warning alert (whole percent, 1–100). */
  exposureAlertSharePercent: number;
  approval: ApprovalPolicy;
}

export const DEFAULT_ENTITY_CREDIT_POLICY: EntityCreditPolicy = Object.freeze({
  orderCheck: DEFAULT_CREDIT_POLICY,
  exposureAlertSharePercent: DEFAULT_CREDIT_POLICY.warningSharePercent,
  approval: DEFAULT_APPROVAL_POLICY,
});

export const APPROVER_ROLES: readonly ApproverRole[] = ['credit_manager', 'finance_manager', 'finance_director', 'cfo'];
/** What a rule of the policy decides when it fires (order-check.ts). */
export const POLICY_DECISIONS = ['prepayment', 'block'] as const;

/** The wire form (amounts as decimal strings in their currency). */
export function policyToWire(p: EntityCreditPolicy) {
  const oc = p.orderCheck;
  return {
    orderCheck: {
      warningSharePercent: oc.warningSharePercent, overLimitDecision: oc.overLimitDecision,
      overdueDaysPrepayment: oc.overdueDaysPrepayment, overdueDaysBlock: oc.overdueDaysBlock,
      prepaymentClasses: [...oc.prepaymentClasses], blockClasses: [...oc.blockClasses],
      disputesAmountThresholds: Object.fromEntries(
        Object.entries(oc.disputesAmountThresholds).map(([cur, minor]) => [cur, formatAmount(minor, cur)]),
      ),
      disputesSharePercent: oc.disputesSharePercent, disputesDecision: oc.disputesDecision,
    },
    exposureAlertSharePercent: p.exposureAlertSharePercent,
    approval: {
      currency: p.approval.currency,
      bands: p.approval.bands.map((b) => ({
        upTo: b.upToMinor === null ? null : formatAmount(b.upToMinor, p.approval.currency), approvers: [...b.approvers],
      })),
      salesOpinion: p.approval.salesOpinion, reminderAfterHours: p.approval.reminderAfterHours,
      escalateAfterHours: p.approval.escalateAfterHours, escalationRole: p.approval.escalationRole,
    },
  };
}

export type CreditPolicyWire = ReturnType<typeof policyToWire>;

/** Where an entity's policy in force comes from: its own, the default policy, or the built-in defaults. */
export const CREDIT_POLICY_SOURCES = ['entity', 'default', 'built-in'] as const;
export type CreditPolicySource = (typeof CREDIT_POLICY_SOURCES)[number];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses the wire form, collecting one error per offending field (dotted
 * paths). Every section is required: a PUT replaces the whole policy.
 */
export function parseCreditPolicy(body: unknown, errors: FieldError[]): EntityCreditPolicy | null {
  const err = (field: string, message: string) => {
    const existing = errors.find((e) => e.field === field);
    if (existing) existing.messages.push(message);
    else errors.push({ field, messages: [message] });
  };
  if (!isObject(body)) {
    err('body', 'must be an object');
    return null;
  }
  const known = new Set(['entity', 'orderCheck', 'exposureAlertSharePercent', 'approval']);
  for (const key of Object.keys(body)) if (!known.has(key)) err(key, `property ${key} should not exist`);

  const int = (field: string, v: unknown, min: number, max: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      err(field, `${field} must be a whole number from ${min} to ${max}`);
      return min;
    }
    return v;
  };
  const oneOf = <T extends string>(field: string, v: unknown, allowed: readonly T[]): T => {
    if (typeof v !== 'string' || !allowed.includes(v as T)) {
      err(field, `${field} must be one of ${allowed.join(', ')}`);
      return allowed[0]!;
    }
    return v as T;
  };
  const classes = (field: string, v: unknown): RiskClass[] => {
    if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || !RISK_CLASSES.includes(c as RiskClass))) {
      err(field, `${field} must be a list of classes among ${RISK_CLASSES.join(', ')}`);
      return [];
    }
    return [...new Set(v as RiskClass[])];
  };
  const currencyOf = (field: string, v: unknown): string => {
    if (typeof v !== 'string' || !/^[A-Z]{3}$/.test(v)) {
      err(field, `${field} must be an ISO 4217 code such as EUR`);
      return 'EUR';
    }
    return v;
  };
  const amount = (field: string, v: unknown, currency: string): bigint => {
    const problems: FieldError[] = [];
    const minor = positiveAmount(field, v, currency, problems);
    for (const p of problems) err(p.field, p.messages[0]!);
    return minor;
  };

  // Order check.
  const oc = body.orderCheck;
  let orderCheck: CreditPolicy | null = null;
  if (!isObject(oc)) err('orderCheck', 'orderCheck must be an object');
  else {
    const thresholds: Record<string, bigint> = {};
    if (!isObject(oc.disputesAmountThresholds)) {
      err('orderCheck.disputesAmountThresholds', 'must be an object of currency → decimal amount');
    } else {
      for (const [cur, v] of Object.entries(oc.disputesAmountThresholds)) {
        const f = `orderCheck.disputesAmountThresholds.${cur}`;
        if (!/^[A-Z]{3}$/.test(cur)) err(f, `${cur} is not an ISO 4217 code`);
        else thresholds[cur] = amount(f, v, cur);
      }
    }
    const prepaymentDays = int('orderCheck.overdueDaysPrepayment', oc.overdueDaysPrepayment, 0, 3650);
    const blockDays = int('orderCheck.overdueDaysBlock', oc.overdueDaysBlock, 0, 3650);
    if (blockDays < prepaymentDays) err('orderCheck.overdueDaysBlock', 'overdueDaysBlock must be at least overdueDaysPrepayment');
    const prepaymentClasses = classes('orderCheck.prepaymentClasses', oc.prepaymentClasses);
    const blockClasses = classes('orderCheck.blockClasses', oc.blockClasses);
    if (prepaymentClasses.some((c) => blockClasses.includes(c))) {
      err('orderCheck.blockClasses', 'a class cannot be both in prepaymentClasses and blockClasses');
    }
    orderCheck = {
      warningSharePercent: int('orderCheck.warningSharePercent', oc.warningSharePercent, 1, 100),
      overLimitDecision: oneOf('orderCheck.overLimitDecision', oc.overLimitDecision, POLICY_DECISIONS),
      overdueDaysPrepayment: prepaymentDays, overdueDaysBlock: blockDays, prepaymentClasses, blockClasses,
      disputesAmountThresholds: thresholds,
      disputesSharePercent: int('orderCheck.disputesSharePercent', oc.disputesSharePercent, 1, 100),
      disputesDecision: oneOf('orderCheck.disputesDecision', oc.disputesDecision, POLICY_DECISIONS),
    };
  }
  const exposureAlertSharePercent = int('exposureAlertSharePercent', body.exposureAlertSharePercent, 1, 100);

  // Approval.
  const ap = body.approval;
  let approval: ApprovalPolicy | null = null;
  if (!isObject(ap)) err('approval', 'approval must be an object');
  else {
    const currency = currencyOf('approval.currency', ap.currency);
    const bands: { upToMinor: bigint | null; approvers: ApproverRole[] }[] = [];
    if (!Array.isArray(ap.bands) || ap.bands.length === 0) err('approval.bands', 'bands must be a non-empty list');
    else {
      ap.bands.forEach((b: unknown, i: number) => {
        const f = `approval.bands[${i}]`;
        if (!isObject(b)) {
          err(f, 'must be an object { upTo, approvers }');
          return;
        }
        const last = i === (ap.bands as unknown[]).length - 1;
        let upToMinor: bigint | null = null;
        if (b.upTo === null || b.upTo === undefined) {
          if (!last) err(`${f}.upTo`, 'only the last band may be open-ended (upTo null)');
        } else {
          upToMinor = amount(`${f}.upTo`, b.upTo, currency);
          if (last) err(`${f}.upTo`, 'the last band must be open-ended (upTo null)');
          const prev = bands.reduce<bigint | null>((max, x) => (x.upToMinor !== null && (max === null || x.upToMinor > max) ? x.upToMinor : max), null);
          if (prev !== null && upToMinor <= prev) err(`${f}.upTo`, 'bands must be in ascending order of upTo');
        }
        let approvers: ApproverRole[] = [];
        if (!Array.isArray(b.approvers) || b.approvers.length === 0
          || b.approvers.some((r) => typeof r !== 'string' || !APPROVER_ROLES.includes(r as ApproverRole))) {
          err(`${f}.approvers`, `approvers must be a non-empty list of ${APPROVER_ROLES.join(', ')}`);
        } else approvers = b.approvers as ApproverRole[];
        bands.push({ upToMinor, approvers });
      });
    }
    if (typeof ap.salesOpinion !== 'boolean') err('approval.salesOpinion', 'salesOpinion must be a boolean');
    const reminderAfterHours = int('approval.reminderAfterHours', ap.reminderAfterHours, 1, 24 * 90);
    const escalateAfterHours = int('approval.escalateAfterHours', ap.escalateAfterHours, 1, 24 * 90);
    if (escalateAfterHours <= reminderAfterHours) {
      err('approval.escalateAfterHours', 'escalateAfterHours must be greater than reminderAfterHours');
    }
    approval = {
      currency, bands, salesOpinion: ap.salesOpinion === true, reminderAfterHours, escalateAfterHours,
      escalationRole: oneOf('approval.escalationRole', ap.escalationRole, APPROVER_ROLES),
    };
  }
  if (errors.length > 0 || !orderCheck || !approval) return null;
  return { orderCheck, exposureAlertSharePercent, approval };
}

/** Back from the stored wire form (already validated when written). */
export function policyFromStored(stored: unknown): EntityCreditPolicy {
  const errors: FieldError[] = [];
  const parsed = parseCreditPolicy(stored, errors);
  if (!parsed) throw new Error(`Stored credit policy is invalid: ${JSON.stringify(errors)}`);
  return parsed;
}
