/**
 * A collector task's title as a code and params, for a client to write in its reader's language,
 * with the same title in English (stored in `title`: integrators' fallback, and what tasks stored
 * before titles had codes keep). Used by the activities and by src/ capabilities that open tasks.
 */
export const TASK_TITLE_CODES = [
  'CALL_ABOUT_INVOICE', 'LITIGATION_HANDOVER', 'CHECKPOINT_APPROVAL', 'CONTACT_MISSING', 'CALL_LOGGED', 'CALL_BACK',
  'PLAN_CONTACT_MISSING', 'PLAN_BROKEN', 'PROMISE_BROKEN', 'EXPOSURE_ALERT', 'CLASS_DEGRADED', 'PROMISE_ESCALATION',
  'DELIVERY_FAILED', 'CUSTOMER_REPLY', 'PORTAL_DISPUTE', 'PORTAL_PROMISE', 'PORTAL_PAYMENT_PLAN',
] as const;
export type TaskTitleCode = (typeof TASK_TITLE_CODES)[number];

type YesNo = 'yes' | 'no';

/** Each code's params: counts as numbers, money as decimal strings beside `currency`, dates as ISO strings; a yes/no flag says whether an optional value is there. */
export interface TaskTitleParamsOf {
  CALL_ABOUT_INVOICE: { customer: string; invoice: string };
  LITIGATION_HANDOVER: { customer: string; invoice: string };
  CHECKPOINT_APPROVAL: { customer: string; invoice: string; step: string; action: string };
  CONTACT_MISSING: { customer: string; invoice: string; step: string; channels: string; roles: string };
  CALL_LOGGED: { customer: string };
  CALL_BACK: { customer: string };
  PLAN_CONTACT_MISSING: { instalment: number };
  PLAN_BROKEN: { instalment: number; withDueDate: YesNo; dueDate?: string };
  PROMISE_BROKEN: { amount: string; currency: string; promisedFor: string; missingAmount: string };
  EXPOSURE_ALERT: { customer: string; level: 'over_limit' | 'warning' };
  CLASS_DEGRADED: { customer: string; from: string; to: string };
  PROMISE_ESCALATION: { days: number };
  DELIVERY_FAILED: { channel: 'email' | 'sms'; recipient: string };
  CUSTOMER_REPLY: { from: string; withSubject: YesNo; subject?: string };
  PORTAL_DISPUTE: { actor: string; invoice: string; reason: string };
  PORTAL_PROMISE: { actor: string; amount: string; currency: string; promisedFor: string; invoices: string };
  PORTAL_PAYMENT_PLAN: { actor: string; instalments: number; invoices: string; status: string };
}
export type TaskTitleParams = Record<string, string | number>;

export interface TaskTitle {
  title: string;
  titleCode: TaskTitleCode;
  titleParams: TaskTitleParams;
}

const ENGLISH: { [C in TaskTitleCode]: (p: TaskTitleParamsOf[C]) => string } = {
  CALL_ABOUT_INVOICE: (p) => `Call ${p.customer} about invoice ${p.invoice}`,
  LITIGATION_HANDOVER: (p) => `Hand invoice ${p.invoice} of ${p.customer} to litigation`,
  CHECKPOINT_APPROVAL: (p) => `Approve "${p.step}" (${p.action}) for invoice ${p.invoice} of ${p.customer}`,
  CONTACT_MISSING: (p) => `No ${p.channels} contact (${p.roles}) at ${p.customer} for "${p.step}" of invoice ${p.invoice}`,
  CALL_LOGGED: (p) => `Call ${p.customer}`,
  CALL_BACK: (p) => `Call back ${p.customer}`,
  PLAN_CONTACT_MISSING: (p) => `No email contact for the reminder of instalment ${p.instalment} of a payment plan`,
  PLAN_BROKEN: (p) => `Payment plan broken: instalment ${p.instalment} due ${p.dueDate ?? '?'} not paid after the grace`,
  PROMISE_BROKEN: (p) => `Promise to pay ${p.amount} ${p.currency} by ${p.promisedFor} broken: ${p.missingAmount} ${p.currency} missing`,
  EXPOSURE_ALERT: (p) => `Credit alert: ${p.customer} ${p.level === 'over_limit' ? 'over its credit limit' : 'near its credit limit'}`,
  CLASS_DEGRADED: (p) => `Risk class degraded: ${p.customer} from ${p.from} to ${p.to}`,
  PROMISE_ESCALATION: (p) => `Second broken promise to pay within ${p.days} days`,
  DELIVERY_FAILED: (p) => `${p.channel === 'email' ? 'Email bounced' : 'SMS undelivered'}: ${p.recipient} — find another address`,
  CUSTOMER_REPLY: (p) => `Reply from ${p.from}: ${p.subject ?? '(no subject)'}`,
  PORTAL_DISPUTE: (p) => `${p.actor} disputed invoice ${p.invoice} in the customer portal (${p.reason})`,
  PORTAL_PROMISE: (p) => `${p.actor} promised ${p.amount} ${p.currency} by ${p.promisedFor} for ${p.invoices} in the customer portal`,
  PORTAL_PAYMENT_PLAN: (p) => `${p.actor} asked for a payment plan in ${p.instalments} instalments for ${p.invoices} in the customer portal (${p.status})`,
};

/**
 * A stored task's coded title, when it has one this version knows: a task stored before titles had codes
 * (or by a later version, rolled back) has null, and shows its English title.
 */
export function storedTitle(t: { titleCode: string | null; titleParams: TaskTitleParams | null }): { titleCode: TaskTitleCode | null; titleParams: TaskTitleParams | null } {
  const known = t.titleCode !== null && t.titleParams !== null && (TASK_TITLE_CODES as readonly string[]).includes(t.titleCode);
  return known ? { titleCode: t.titleCode as TaskTitleCode, titleParams: t.titleParams } : { titleCode: null, titleParams: null };
}

/** The title, its code and its params, for a task about to be opened (the English title cut to the column's 300 characters). */
export function taskTitle<C extends TaskTitleCode>(code: C, params: TaskTitleParamsOf[C]): TaskTitle {
  const titleParams = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as TaskTitleParams;
  return { title: ENGLISH[code](params).slice(0, 300), titleCode: code, titleParams };
}
