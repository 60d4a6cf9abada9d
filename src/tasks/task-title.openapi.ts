import { ApiReasonParams } from '../openapi/reason-params.js';

/** `titleParams` of a task (task routes and the worklist): what each title code is made of. */
export const ApiTaskTitleParams = (): PropertyDecorator => ApiReasonParams(
  'CALL_ABOUT_INVOICE, LITIGATION_HANDOVER: customer, invoice (its number); CHECKPOINT_APPROVAL: customer, invoice, step, action; '
  + 'CONTACT_MISSING: customer, invoice, step, channels (joined by "/"), roles (joined by ", "); CALL_LOGGED, CALL_BACK: customer; '
  + 'PLAN_CONTACT_MISSING: instalment; PLAN_BROKEN: instalment, withDueDate (yes/no), dueDate; '
  + 'PROMISE_BROKEN: amount, currency, promisedFor, missingAmount; EXPOSURE_ALERT: customer, level (over_limit/warning); '
  + 'CLASS_DEGRADED: customer, from, to; PROMISE_ESCALATION: days; DELIVERY_FAILED: channel (email/sms), recipient; '
  + 'CUSTOMER_REPLY: from, withSubject (yes/no), subject; PORTAL_DISPUTE: actor, invoice, reason; '
  + 'PORTAL_PROMISE: actor, amount, currency, promisedFor, invoices; PORTAL_PAYMENT_PLAN: actor, instalments, invoices, status. '
  + 'null on a task stored before titles had codes',
  { customer: 'Acme SARL', invoice: 'F2026-001' }, true,
);
