/**
 * The contract between the API, the worker and the workflows: task queue,
 * workflow ids, signals and queries. Node-free: `src/` imports it too.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar, SendingWindow } from './domain/business-calendar.js';
import type { InFlightPolicy, ScenarioAction, ScenarioChannel, ScenarioDefinition, ScenarioStepDefinition } from './domain/scenario.js';
import type { DunningChannel } from './domain/dunning-schedule.js';
import type { PauseScope } from './domain/dunning-pause.js';

export const DEFAULT_TASK_QUEUE = 'relance-dunning';

/** Business-key workflow id: one workflow per invoice, ever. */
export function invoiceWorkflowId(entityCode: string, invoiceExternalId: string): string {
  return `invoice-${entityCode}-${invoiceExternalId}`;
}

export type InvoiceDunningStatus = 'open' | 'paid' | 'cancelled';

export interface InvoiceDunningInput {
  invoiceId: string;
  dueDate: string;
  currency: string;
  /** Minor units, as a decimal string. */
  openAmountMinor: string;
  timeZone: string;
  sendHour: number;
  /** Steps already handled (sent or superseded); carried over continue-as-new. */
  handledSteps?: string[];
  /** The scenario version to run; absent or null: the built-in scenario. */
  scenario?: ScenarioRef | null;
  /** The entity's business calendar; absent: no holidays, Saturday and Sunday off. */
  calendar?: BusinessCalendar;
  /** The entity's sending window; absent or null: no window (steps keep their raw dates). */
  window?: SendingWindow | null;
  /** Step key → local date it was executed; anchors "days after the previous step". */
  executedOn?: Record<string, string>;
  /** Pauses in force at start (a paused customer) or carried over continue-as-new. */
  pauses?: DunningPausedSignal[];
  /** When the current pause began (ISO), carried over continue-as-new. */
  pausedSince?: string | null;
  /** Days the dunning clock has stood still so far. */
  pausedDays?: number;
  /**
   * Set by the API when its intake starts a new invoice's workflow: the
   * scenario version was resolved just now, and the first next action, when
   * there is one to wait for, is already in the projection (absent: not written).
   */
  intake?: { projectedNextAction?: { at: string; step: string } | null };
}

export interface ScenarioRef {
  scenarioId: string;
  version: number;
  inFlightPolicy: InFlightPolicy;
  definition: ScenarioDefinition;
}

/** A collector's answer to a step waiting for approval. */
export interface CheckpointDecision {
  stepKey: string;
  decision: 'approve' | 'reject';
  by?: string;
  comment?: string;
}

export interface DunningPausedSignal {
  pauseId: string;
  scope: PauseScope;
  reason: string;
  /** ISO instant at which the pause lifts by itself, or null. */
  until: string | null;
}

export interface DunningResumedSignal {
  scope: PauseScope;
}

export interface InvoiceChangedSignal {
  dueDate: string;
  openAmountMinor: string;
}

export interface PaymentAppliedSignal {
  /** The document's key: a payment id, `credit-note:<id>`, `write-off:<id>`. */
  paymentId: string;
  openAmountMinor: string;
  /** What lowered the open amount; absent: a payment. */
  cause?: SettlementCause;
}

export type SettlementCause = 'payment' | 'credit_note' | 'dispute_credit_note' | 'write_off';

/** Why an invoice's dunning stopped: the timeline's `dunning_stopped` entry carries it. */
export interface DunningStopCause {
  kind: SettlementCause | 'cancellation';
  /** The document that settled the invoice (payment, credit note, write-off); null for a cancellation. */
  ref: string | null;
  /** The ERP's reason for a cancellation. */
  reason?: string;
}

export interface InvoiceCancelledSignal {
  reason: string;
}

export interface NextAction {
  /** ISO instant. */
  at: string;
  step: string;
  channels: DunningChannel[];
}

export interface InvoiceDunningState {
  status: InvoiceDunningStatus;
  dueDate: string;
  openAmountMinor: string;
  handledSteps: string[];
  nextAction: NextAction | null;
  /** null: the built-in scenario. */
  scenario: { scenarioId: string; version: number } | null;
  /** The step waiting for a collector's approval, if any. */
  awaitingCheckpoint: { stepKey: string; timeoutAt: string } | null;
  executedOn: Record<string, string>;
  pauses: DunningPausedSignal[];
  pausedDays: number;
}

export const invoiceChangedSignal = defineSignal<[InvoiceChangedSignal]>('invoiceChanged');
export const paymentAppliedSignal = defineSignal<[PaymentAppliedSignal]>('paymentApplied');
export const invoiceCancelledSignal = defineSignal<[InvoiceCancelledSignal]>('invoiceCancelled');
export const dunningPausedSignal = defineSignal<[DunningPausedSignal]>('dunningPaused');
export const dunningResumedSignal = defineSignal<[DunningResumedSignal]>('dunningResumed');
export const decideCheckpointUpdate = defineUpdate<{ accepted: true }, [CheckpointDecision]>('decideCheckpoint');
export const dunningStateQuery = defineQuery<InvoiceDunningState>('dunningState');

/*
 * Customer communications: one workflow per customer batches the messages
 * its invoices' steps hand over, so a customer whose invoices reach a step on
 * the same day gets one message per channel listing them all.
 */

/** Business-key workflow id: one communications workflow per customer (a new run when the last one closed). */
export function customerCommsWorkflowId(customerId: string): string {
  return `customer-comms-${customerId}`;
}

/**
 * How long a batch stays open after its first message request. The steps of
 * a customer's invoices that fall on one day fire at the same instant (same
 * send hour, calendar and window), so their hand-offs arrive seconds apart;
 * the margin covers a busy or restarting worker.
 */
export const CUSTOMER_MESSAGE_BATCH_DELAY_MS = 15 * 60_000;

/**
 * The actions whose messages are consolidated per customer. A formal notice
 * (mise en demeure) stays per invoice: it is a legal act about one claim,
 * states that claim's statutory penalties, and must be provable on its own.
 */
export const CONSOLIDATED_ACTIONS = ['reminder', 'account_statement'] as const;
export type ConsolidatedAction = (typeof CONSOLIDATED_ACTIONS)[number];

export function isConsolidatedAction(action: ScenarioAction): action is ConsolidatedAction {
  return (CONSOLIDATED_ACTIONS as readonly string[]).includes(action);
}

/** One invoice's step, handed to its customer's communications workflow. */
export interface CustomerMessageRequest {
  /** Business key `invoice:<invoiceId>:step:<stepKey>`: a retried hand-off is recognised and ignored. */
  key: string;
  invoiceId: string;
  /** The step as the invoice's scenario version defines it (a lone invoice keeps the step's own template). */
  step: ScenarioStepDefinition;
  channels: ScenarioChannel[];
  /** ISO instant the step was scheduled for. */
  scheduledAt: string;
  /** Local date of the step (YYYY-MM-DD): batches group on it. */
  scheduledDate: string;
  scenario: { scenarioId: string; version: number } | null;
}

/** Requests of one (date, action) waiting for their batch to close. */
export interface PendingMessageBatch {
  date: string;
  action: ConsolidatedAction;
  /** ISO instant the batch closes and its messages leave. */
  sendAt: string;
  /** ISO instant of its first request: the batch closes at most `batchDelayMs` after it. */
  firstAt?: string;
  requests: CustomerMessageRequest[];
}

export interface CustomerCommsInput {
  customerId: string;
  /** Overrides CUSTOMER_MESSAGE_BATCH_DELAY_MS (configuration: RELANCE_MESSAGE_BATCH_SECONDS). */
  batchDelayMs?: number;
  /**
   * A batch closes this long after its latest request (configuration:
   * RELANCE_MESSAGE_BATCH_QUIET_SECONDS), and never later than `batchDelayMs`
   * after its first: steps firing together are gathered, a lone one leaves at once.
   */
  batchQuietMs?: number;
  /** Batches not sent yet, carried over continue-as-new. */
  pending?: PendingMessageBatch[];
  continueAsNewAfterEvents?: number;
}

export interface CustomerCommsState {
  customerId: string;
  pending: { date: string; action: ConsolidatedAction; sendAt: string; invoiceIds: string[] }[];
  batchesSent: number;
}

export const customerMessageRequestedSignal = defineSignal<[CustomerMessageRequest]>('customerMessageRequested');
export const customerCommsStateQuery = defineQuery<CustomerCommsState>('customerCommsState');
