import { formatAmount } from '../../workflows/domain/money.js';
import type { CustomerDispute } from '../disputes/dispute-figures.service.js';
import type { InboundReplyView } from '../messages/delivery-events.store.js';
import type { MessageView } from '../messages/messages.service.js';
import type { InvoicePaymentAllocation } from '../payments/payment-ledger.service.js';
import type { NoteRecord } from '../notes/notes.service.js';
import type { ClosedTaskRow } from '../tasks/collector-task.records.js';
import type { PortalEventView } from '../portal/portal-activity.service.js';

/** The capabilities a timeline entry comes from (the OpenAPI enum reads this list). */
export const TIMELINE_SOURCES = ['invoice', 'payment', 'message', 'dispute', 'pause', 'credit_limit', 'note', 'task', 'portal'] as const;

/**
 * What an entry says, as a code a client writes in its reader's language from `params`
 * (the OpenAPI enum reads this list; the console has a French and an English message for each).
 */
export const TIMELINE_CODES = [
  'INVOICE_EVENT', 'PAYMENT_RECEIVED', 'MESSAGE', 'REPLY_RECEIVED', 'DISPUTE_EVENT', 'DUNNING_PAUSED', 'DUNNING_RESUMED',
  'CREDIT_LIMIT_CHANGED', 'NOTE', 'TASK_CLOSED', 'PORTAL_ACTION',
] as const;
export type TimelineCode = (typeof TIMELINE_CODES)[number];

/** Counts as numbers; money as a decimal string beside its `currency`; `yes`/`no` flags say whether an optional value is there. */
export type TimelineParams = Record<string, string | number>;

/** One line of the customer's activity, newest first. `source` names the capability it came from. */
export interface TimelineEntry {
  at: string;
  source: (typeof TIMELINE_SOURCES)[number];
  type: string;
  invoiceIds: string[];
  code: TimelineCode;
  params: TimelineParams;
  /** The same line in English: a fallback for integrators, logs and exports. */
  summary: string;
  details: Record<string, unknown>;
}

export interface TimelineInput {
  numbers: ReadonlyMap<string, string>;
  events: readonly { invoiceId: string; type: string; at: Date; data: Record<string, unknown> }[];
  allocations: readonly InvoicePaymentAllocation[];
  messages: readonly MessageView[];
  /** The customer's email replies to our messages. */
  replies?: readonly InboundReplyView[];
  disputes: readonly CustomerDispute[];
  pauses: readonly { id: string; scope: string; invoiceId: string | null; reason: string; since: Date; until: Date | null; resumedAt: Date | null }[];
  limits: readonly { amountMinor: bigint | null; currency: string; kind: string; validUntil: string | null; requestId: string | null; createdAt: Date }[];
  /** Free notes on the customer and its invoices. */
  notes?: readonly NoteRecord[];
  /** Tasks a collector closed: calls logged or completed with an outcome. */
  tasks?: readonly ClosedTaskRow[];
  /** What the customer did in the portal. */
  portal?: readonly PortalEventView[];
}

const PORTAL_SUMMARY: Record<PortalEventView['type'], string> = {
  portal_opened: 'opened the customer portal',
  dispute_opened: 'disputed',
  promise_made: 'promised to pay',
  payment_plan_requested: 'asked for a payment plan for',
  pay_clicked: 'went to the payment page for',
};

/** Told by their own source below: the invoice events that only echo a payment, a sent message or a pause. */
const ECHOED_EVENTS = new Set(['payment_received', 'reminder_sent', 'dunning_paused', 'dunning_resumed']);

const yesNo = (value: unknown): 'yes' | 'no' => (value ? 'yes' : 'no');
/** A user's free text, cut for one line. */
const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** Merges every capability's facts about the customer into one list, newest first (ties: source, then type). */
export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const number = (id: string) => input.numbers.get(id) ?? id;
  const entries: TimelineEntry[] = [];
  for (const e of input.events) {
    if (ECHOED_EVENTS.has(e.type)) continue;
    entries.push({
      at: e.at.toISOString(), source: 'invoice', type: e.type, invoiceIds: [e.invoiceId],
      code: 'INVOICE_EVENT', params: { event: e.type, invoice: number(e.invoiceId) },
      summary: `${e.type.replace(/_/g, ' ')} on ${number(e.invoiceId)}`, details: e.data,
    });
  }
  const payments = new Map<string, InvoicePaymentAllocation[]>();
  for (const a of input.allocations) payments.set(a.paymentId, [...(payments.get(a.paymentId) ?? []), a]);
  for (const parts of payments.values()) {
    const first = parts[0]!;
    const total = parts.reduce((s, p) => s + p.amountMinor, 0n);
    entries.push({
      at: first.receivedAt.toISOString(), source: 'payment', type: 'payment_received', invoiceIds: parts.map((p) => p.invoiceId),
      code: 'PAYMENT_RECEIVED',
      params: { payment: first.paymentExternalId, amount: formatAmount(total, first.currency), currency: first.currency, invoices: parts.map((p) => number(p.invoiceId)).join(', '), count: parts.length },
      summary: `Payment ${first.paymentExternalId}: ${formatAmount(total, first.currency)} ${first.currency} on ${parts.map((p) => number(p.invoiceId)).join(', ')}`,
      details: { paymentExternalId: first.paymentExternalId, currency: first.currency, allocations: parts.map((p) => ({ invoiceId: p.invoiceId, amount: formatAmount(p.amountMinor, p.currency) })) },
    });
  }
  for (const m of input.messages) {
    entries.push({
      at: m.sentAt ?? m.createdAt, source: 'message', type: m.channel === 'letter' ? 'letter' : `${m.channel}_${m.status}`, invoiceIds: m.invoiceIds,
      code: 'MESSAGE', params: { channel: m.channel, recipient: m.recipient, status: m.status, withSubject: yesNo(m.subject), ...(m.subject ? { subject: m.subject } : {}) },
      summary: `${m.channel} to ${m.recipient}${m.subject ? `: ${m.subject}` : ''} (${m.status})`,
      details: { messageId: m.id, channel: m.channel, status: m.status, deliveryStatus: m.deliveryStatus, step: m.step, documentUrl: m.documentUrl },
    });
  }
  const aboutMessage = new Map(input.messages.map((m) => [m.id, m]));
  for (const r of input.replies ?? []) {
    entries.push({
      at: r.receivedAt, source: 'message', type: 'reply_received', invoiceIds: aboutMessage.get(r.messageId)?.invoiceIds ?? [],
      code: 'REPLY_RECEIVED', params: { from: r.fromAddress, withSubject: yesNo(r.subject), ...(r.subject ? { subject: r.subject } : {}) },
      summary: `Reply from ${r.fromAddress}${r.subject ? `: ${r.subject}` : ''}`,
      details: { replyId: r.id, messageId: r.messageId, from: r.fromAddress, subject: r.subject, text: r.text, attachmentNames: r.attachmentNames },
    });
  }
  for (const d of input.disputes) {
    for (const e of d.events) {
      entries.push({
        at: e.at.toISOString(), source: 'dispute', type: `dispute_${e.event}`, invoiceIds: d.invoiceIds,
        code: 'DISPUTE_EVENT', params: { reason: d.reasonCode, event: e.event, actor: e.actor },
        summary: `Dispute (${d.reasonCode}) ${e.event.replace(/_/g, ' ')} by ${e.actor}`, details: { disputeId: d.id, status: e.status, comment: e.comment },
      });
    }
  }
  for (const p of input.pauses) {
    const invoiceIds = p.invoiceId ? [p.invoiceId] : [];
    const what = p.scope === 'customer' ? 'all dunning' : `dunning of ${number(p.invoiceId!)}`;
    const scope: TimelineParams = p.scope === 'customer' ? { scope: 'customer' } : { scope: 'invoice', invoice: number(p.invoiceId!) };
    entries.push({
      at: p.since.toISOString(), source: 'pause', type: 'dunning_paused', invoiceIds, code: 'DUNNING_PAUSED', params: { ...scope, reason: p.reason },
      summary: `Paused ${what}: ${p.reason}`, details: { pauseId: p.id, scope: p.scope, until: p.until?.toISOString() ?? null },
    });
    if (p.resumedAt) {
      entries.push({
        at: p.resumedAt.toISOString(), source: 'pause', type: 'dunning_resumed', invoiceIds, code: 'DUNNING_RESUMED', params: scope,
        summary: `Resumed ${what}`, details: { pauseId: p.id },
      });
    }
  }
  for (const l of input.limits) {
    const amount = l.amountMinor === null ? 'none' : `${formatAmount(l.amountMinor, l.currency)} ${l.currency}`;
    entries.push({
      at: l.createdAt.toISOString(), source: 'credit_limit', type: 'credit_limit_changed', invoiceIds: [], code: 'CREDIT_LIMIT_CHANGED',
      params: {
        withLimit: yesNo(l.amountMinor !== null), ...(l.amountMinor === null ? {} : { amount: formatAmount(l.amountMinor, l.currency) }), currency: l.currency,
        kind: l.kind, withValidUntil: yesNo(l.validUntil), ...(l.validUntil ? { validUntil: l.validUntil } : {}),
      },
      summary: `Credit limit ${amount} (${l.kind}${l.validUntil ? ` until ${l.validUntil}` : ''})`, details: { kind: l.kind, validUntil: l.validUntil, requestId: l.requestId },
    });
  }
  for (const n of input.notes ?? []) {
    entries.push({
      at: n.createdAt.toISOString(), source: 'note', type: 'note', invoiceIds: n.invoiceId ? [n.invoiceId] : [],
      code: 'NOTE', params: { author: n.authorName, onInvoice: yesNo(n.invoiceId), ...(n.invoiceId ? { invoice: number(n.invoiceId) } : {}), body: clip(n.body) },
      summary: `Note by ${n.authorName}${n.invoiceId ? ` on ${number(n.invoiceId)}` : ''}: ${clip(n.body)}`,
      details: { noteId: n.id, author: n.authorName, body: n.body },
    });
  }
  for (const t of input.tasks ?? []) {
    const invoiceIds = Array.isArray(t.data.invoiceIds) ? (t.data.invoiceIds as string[]) : t.invoiceId ? [t.invoiceId] : [];
    const outcome = (t.outcome ?? 'done').replace(/_/g, ' ');
    entries.push({
      at: t.closedAt.toISOString(), source: 'task', type: `${t.kind}_${t.outcome ?? 'done'}`, invoiceIds, code: 'TASK_CLOSED',
      params: { kind: t.kind, title: t.title, by: t.closedBy, outcome: t.outcome ?? 'done', withNote: yesNo(t.note), ...(t.note ? { note: clip(t.note) } : {}) },
      summary: `${t.kind === 'call' ? 'Call' : t.title} by ${t.closedBy}: ${outcome}${t.note ? ` — ${clip(t.note)}` : ''}`,
      details: { taskId: t.id, kind: t.kind, outcome: t.outcome, note: t.note, closedBy: t.closedBy, ...(t.data.callBackOn ? { callBackOn: t.data.callBackOn } : {}), ...(t.data.promiseTerms ? { promiseTerms: t.data.promiseTerms, promiseId: t.data.promiseId ?? null } : {}) },
    });
  }
  for (const e of input.portal ?? []) {
    const about = e.invoiceIds.length > 0 ? ` ${e.invoiceIds.map(number).join(', ')}` : '';
    entries.push({
      at: e.at.toISOString(), source: 'portal', type: e.type, invoiceIds: e.invoiceIds, code: 'PORTAL_ACTION',
      params: { actor: e.actor, action: e.type, invoices: e.invoiceIds.map(number).join(', '), count: e.invoiceIds.length },
      summary: `${e.actor} ${PORTAL_SUMMARY[e.type]}${about} (customer portal)`, details: { actor: e.actor, ...e.data },
    });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at) || a.source.localeCompare(b.source) || a.type.localeCompare(b.type));
}
