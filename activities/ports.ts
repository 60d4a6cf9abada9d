/**
 * Ports the dunning activities need. `src/` implements them and the worker
 * injects them: activities never import the application.
 */
import type { DunningChannel, DunningStepKey } from '../workflows/domain/dunning-schedule.js';

export interface DunningCustomerView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
}

export interface DunningInvoiceView {
  id: string;
  number: string;
  status: 'open' | 'paid' | 'cancelled';
  currency: string;
  amountMinor: bigint;
  openAmountMinor: bigint;
  issueDate: string;
  dueDate: string;
  customer: DunningCustomerView;
}

export interface TimelineEntry {
  type: string;
  /** Unique per invoice: appending twice with one key records once. */
  dedupeKey: string;
  data: Record<string, unknown>;
}

export interface InvoiceProjectionPort {
  findForDunning(invoiceId: string): Promise<DunningInvoiceView | null>;
  appendTimeline(invoiceId: string, entry: TimelineEntry): Promise<void>;
  setNextAction(invoiceId: string, next: { at: Date; step: DunningStepKey } | null): Promise<void>;
}

export type MessageStatus = 'pending' | 'sent' | 'recorded' | 'to_post' | 'failed';

export interface MessageDraft {
  idempotencyKey: string;
  invoiceId: string;
  customerId: string;
  step: DunningStepKey;
  channel: DunningChannel;
  recipient: string;
  subject: string | null;
  body: string;
}

export interface StoredMessage {
  id: string;
  status: MessageStatus;
}

export interface OutboundMessagePort {
  /** Inserts the message, or returns the one already stored under its idempotency key. */
  claim(draft: MessageDraft): Promise<StoredMessage>;
  markDelivered(id: string, status: 'sent' | 'recorded' | 'to_post', providerMessageId: string | null): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
}

export interface ComposedMessage {
  subject: string | null;
  body: string;
}

export interface MessageComposerPort {
  /** `asOf`: the step's scheduled date (YYYY-MM-DD). */
  compose(step: DunningStepKey, channel: DunningChannel, invoice: DunningInvoiceView, asOf: string): ComposedMessage;
}

/** Structural twin of the notification port in src/notifications. */
export interface NotifierPort {
  send(notification: {
    channel: 'email' | 'sms';
    to: string;
    subject?: string;
    body: string;
    idempotencyKey: string;
  }): Promise<{ status: 'sent' | 'recorded'; providerMessageId: string | null }>;
}

export interface DunningActivityPorts {
  invoices: InvoiceProjectionPort;
  messages: OutboundMessagePort;
  composer: MessageComposerPort;
  notifier: NotifierPort;
}
