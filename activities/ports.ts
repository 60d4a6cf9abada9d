import type { PortalLinkPort } from './portal-link.js';
/**
 * Ports the dunning activities need. `src/` implements them and the worker
 * injects them: activities never import the application.
 */
import type { DunningChannel, DunningStepKey } from '../workflows/domain/dunning-schedule.js';
import type { LatePaymentPenalty } from './late-payment-penalties.js';
import type { ScenarioChannel, ScenarioStepDefinition } from '../workflows/domain/scenario.js';

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
  /** Several entries in one statement (each recorded once per dedupe key). */
  appendTimelineEntries(invoiceId: string, entries: readonly TimelineEntry[]): Promise<void>;
  setNextAction(invoiceId: string, next: { at: Date; step: string } | null): Promise<void>;
}

export type MessageStatus = 'pending' | 'sent' | 'recorded' | 'to_post' | 'failed';

export interface MessageDraft {
  idempotencyKey: string;
  invoiceId: string;
  customerId: string;
  /** The scenario step's key. */
  step: string;
  channel: DunningChannel;
  recipient: string;
  /** The customer contact written to; null for the built-in schedule's primary contact and staff mail. */
  contactId?: string | null;
  subject: string | null;
  body: string;
  /** `internal`: a note to staff (salesperson…); customer-facing otherwise. */
  audience?: 'customer' | 'internal';
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

/** One open item of an account statement. */
export interface StatementLine {
  invoiceId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  openAmountMinor: bigint;
  /** As of the statement date; negative when not yet due. */
  daysOverdue: number;
}

export interface StepCompositionInput {
  step: ScenarioStepDefinition;
  channel: ScenarioChannel;
  invoice: DunningInvoiceView;
  /** The step's scheduled local date (YYYY-MM-DD): a late retry still says the same thing. */
  asOf: string;
  /** account_statement: every open item of the customer, oldest due first. */
  statement?: StatementLine[];
  /** formal_notice: the statutory penalties as of `asOf`. */
  penalty?: LatePaymentPenalty;
}

/** A message listing several invoices of one customer (see CONSOLIDATED_ACTIONS). */
export interface ConsolidatedCompositionInput {
  action: 'reminder' | 'account_statement';
  channel: ScenarioChannel;
  customer: DunningCustomerView;
  /** The batch's step date (YYYY-MM-DD). */
  asOf: string;
  /** reminder: the batch's invoices; account_statement: every open item of the customer. Oldest due first. */
  lines: StatementLine[];
}

export interface MessageComposerPort {
  /** `asOf`: the step's scheduled date (YYYY-MM-DD). */
  compose(step: DunningStepKey, channel: DunningChannel, invoice: DunningInvoiceView, asOf: string): ComposedMessage;
  /**
   * A scenario step's message: the step's own template for the contact's
   * language and the channel when the scenario has one, else the built-in
   * template of the step key (built-in scenario) or of its action.
   */
  composeStep(input: StepCompositionInput): ComposedMessage;
  /**
   * One message for several invoices of a customer, from the built-in
   * consolidated templates in the contact's language (a scenario step's own
   * template speaks of one invoice).
   */
  composeConsolidated(input: ConsolidatedCompositionInput): ComposedMessage;
}

/** Structural twin of the notification port in src/notifications. */
export interface NotifierPort {
  send(notification: {
    channel: 'email' | 'sms';
    to: string;
    subject?: string;
    body: string;
    idempotencyKey: string;
    /** Customer messages: the stored message's id (delivery events and replies find the message by it). */
    messageId?: string;
  }): Promise<{ status: 'sent' | 'recorded'; providerMessageId: string | null }>;
}

/** Letters become PDFs kept with their message, ready to print and post. */
export interface LetterDocumentPort {
  storeLetter(messageId: string): Promise<{ documentId: string }>;
}

export interface DunningActivityPorts {
  invoices: InvoiceProjectionPort;
  messages: OutboundMessagePort;
  composer: MessageComposerPort;
  notifier: NotifierPort;
  letters: LetterDocumentPort;
  /** Customer emails carry their contact's portal link (absent: no link, e.g. in unit tests). */
  portalLinks?: PortalLinkPort;
}
