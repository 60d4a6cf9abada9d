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

/** One line of the customer's activity, newest first. `source` names the capability it came from. */
export interface TimelineEntry {
  at: string;
  source: (typeof TIMELINE_SOURCES)[number];
  type: string;
  invoiceIds: string[];
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

/** Merges every capability's facts about the customer into one list, newest first (ties: source, then type). */
export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const number = (id: string) => input.numbers.get(id) ?? id;
  const entries: TimelineEntry[] = [];
  for (const e of input.events) {
    if (ECHOED_EVENTS.has(e.type)) continue;
    entries.push({ at: e.at.toISOString(), source: 'invoice', type: e.type, invoiceIds: [e.invoiceId], summary: `${e.type.replace(/_/g, ' ')} on ${number(e.invoiceId)}`, details: e.data });
  }
  const payments = new Map<string, InvoicePaymentAllocation[]>();
  for (const a of input.allocations) payments.set(a.paymentId, [...(payments.get(a.paymentId) ?? []), a]);
  for (const parts of payments.values()) {
    const first = parts[0]!;
    const total = parts.reduce((s, p) => s + p.amountMinor, 0n);
    entries.push({
      at: first.receivedAt.toISOString(), source: 'payment', type: 'payment_received', invoiceIds: parts.map((p) => p.invoiceId),
      summary: `Payment ${first.paymentExternalId}: ${formatAmount(total, first.currency)} ${first.currency} on ${parts.map((p) => number(p.invoiceId)).join(', ')}`,
      details: { paymentExternalId: first.paymentExternalId, currency: first.currency, allocations: parts.map((p) => ({ invoiceId: p.invoiceId, amount: formatAmount(p.amountMinor, p.currency) })) },
    });
  }
  for (const m of input.messages) {
    entries.push({
      at: m.sentAt ?? m.createdAt, source: 'message', type: m.channel === 'letter' ? 'letter' : `${m.channel}_${m.status}`, invoiceIds: m.invoiceIds,
      summary: `${m.channel} to ${m.recipient}${m.subject ? `: ${m.subject}` : ''} (${m.status})`,
      details: { messageId: m.id, channel: m.channel, status: m.status, deliveryStatus: m.deliveryStatus, step: m.step, documentUrl: m.documentUrl },
    });
  }
  const aboutMessage = new Map(input.messages.map((m) => [m.id, m]));
  for (const r of input.replies ?? []) {
    entries.push({
      at: r.receivedAt, source: 'message', type: 'reply_received', invoiceIds: aboutMessage.get(r.messageId)?.invoiceIds ?? [],
      summary: `Reply from ${r.fromAddress}${r.subject ? `: ${r.subject}` : ''}`,
      details: { replyId: r.id, messageId: r.messageId, from: r.fromAddress, subject: r.subject, text: r.text, attachmentNames: r.attachmentNames },
    });
  }
  for (const d of input.disputes) {
    for (const e of d.events) {
      entries.push({
        at: e.at.toISOString(), source: 'dispute', type: `dispute_${e.event}`, invoiceIds: d.invoiceIds,
        summary: `Dispute (${d.reasonCode}) ${e.event.replace(/_/g, ' ')} by ${e.actor}`, details: { disputeId: d.id, status: e.status, comment: e.comment },
      });
    }
  }
  for (const p of input.pauses) {
    const invoiceIds = p.invoiceId ? [p.invoiceId] : [];
    const what = p.scope === 'customer' ? 'all dunning' : `dunning of ${number(p.invoiceId!)}`;
    entries.push({ at: p.since.toISOString(), source: 'pause', type: 'dunning_paused', invoiceIds, summary: `Paused ${what}: ${p.reason}`, details: { pauseId: p.id, scope: p.scope, until: p.until?.toISOString() ?? null } });
    if (p.resumedAt) entries.push({ at: p.resumedAt.toISOString(), source: 'pause', type: 'dunning_resumed', invoiceIds, summary: `Resumed ${what}`, details: { pauseId: p.id } });
  }
  for (const l of input.limits) {
    const amount = l.amountMinor === null ? 'none' : `${formatAmount(l.amountMinor, l.currency)} ${l.currency}`;
    entries.push({
      at: l.createdAt.toISOString(), source: 'credit_limit', type: 'credit_limit_changed', invoiceIds: [],
      summary: `Credit limit ${amount} (${l.kind}${l.validUntil ? ` until ${l.validUntil}` : ''})`, details: { kind: l.kind, validUntil: l.validUntil, requestId: l.requestId },
    });
  }
  for (const n of input.notes ?? []) {
    entries.push({
      at: n.createdAt.toISOString(), source: 'note', type: 'note', invoiceIds: n.invoiceId ? [n.invoiceId] : [],
      summary: `Note by ${n.authorName}${n.invoiceId ? ` on ${number(n.invoiceId)}` : ''}: ${n.body.length > 200 ? `${n.body.slice(0, 199)}…` : n.body}`,
      details: { noteId: n.id, author: n.authorName, body: n.body },
    });
  }
  for (const t of input.tasks ?? []) {
    const invoiceIds = Array.isArray(t.data.invoiceIds) ? (t.data.invoiceIds as string[]) : t.invoiceId ? [t.invoiceId] : [];
    const outcome = (t.outcome ?? 'done').replace(/_/g, ' ');
    entries.push({
      at: t.closedAt.toISOString(), source: 'task', type: `${t.kind}_${t.outcome ?? 'done'}`, invoiceIds,
      summary: `${t.kind === 'call' ? 'Call' : t.title} by ${t.closedBy}: ${outcome}${t.note ? ` — ${t.note.length > 200 ? `${t.note.slice(0, 199)}…` : t.note}` : ''}`,
      details: { taskId: t.id, kind: t.kind, outcome: t.outcome, note: t.note, closedBy: t.closedBy, ...(t.data.callBackOn ? { callBackOn: t.data.callBackOn } : {}), ...(t.data.promiseTerms ? { promiseTerms: t.data.promiseTerms, promiseId: t.data.promiseId ?? null } : {}) },
    });
  }
  for (const e of input.portal ?? []) {
    const about = e.invoiceIds.length > 0 ? ` ${e.invoiceIds.map(number).join(', ')}` : '';
    entries.push({
      at: e.at.toISOString(), source: 'portal', type: e.type, invoiceIds: e.invoiceIds,
      summary: `${e.actor} ${PORTAL_SUMMARY[e.type]}${about} (customer portal)`, details: { actor: e.actor, ...e.data },
    });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at) || a.source.localeCompare(b.source) || a.type.localeCompare(b.type));
}
