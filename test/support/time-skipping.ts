/**
 * Harness for workflow tests on Temporal's time-skipping test server: the real
 * worker (real activities over a fresh PostgreSQL database, real SDK senders
 * pointed at the provider stand-in), a client whose clock the test drives,
 * and helpers to seed invoices, start their workflows and read what they did.
 */
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  WorkflowClient, WorkflowNotFoundError, type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { startWorker, type RunningWorker } from '../../src/bootstrap/create-worker.js';
import { ActivityTimeClock } from '../../src/temporal/activity-time.clock.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { CustomerContact } from '../../src/customers/customer-contact.entity.js';
import { Customer } from '../../src/customers/customer.entity.js';
import { InvoiceEvent } from '../../src/invoices/invoice-event.entity.js';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import { OutboundMessage } from '../../src/messages/outbound-message.entity.js';
import { LegalEntity } from '../../src/organization/legal-entity.entity.js';
import {
  CUSTOMER_MESSAGE_BATCH_DELAY_MS, customerCommsStateQuery, customerCommsWorkflowId, dunningStateQuery, invoiceWorkflowId,
  type CustomerCommsState, type InvoiceDunningInput, type InvoiceDunningState,
} from '../../workflows/definitions.js';
import type { invoiceDunningWorkflow, InvoiceDunningResult } from '../../workflows/invoice-dunning.workflow.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { quietTemporalRuntime } from './quiet-runtime.js';
import { uniqueId } from './platform.js';
import {
  startProviderStandIn, type ProviderStandIn, type RecordedProviderRequest, type SendGridMailBody,
} from './provider-stand-in.js';
import { suiteState } from './suite-state.js';

export const TEST_TIME_ZONE = 'Europe/Paris';
export const TEST_SEND_HOUR = 9;
export const DAY_MS = 86_400_000;

/**
 * From a step's instant to just after its messages left: reminders and
 * account statements go out with the customer's batch, which closes
 * CUSTOMER_MESSAGE_BATCH_DELAY_MS after the step (formal notices go at once).
 */
export const AFTER_BATCH_MS = CUSTOMER_MESSAGE_BATCH_DELAY_MS + 60_000;

export type DunningWorkflowHandle = WorkflowHandleWithFirstExecutionRunId<typeof invoiceDunningWorkflow>;

export interface DunningHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  dataSource: DataSource;
  providers: ProviderStandIn;
  config: AppConfig;
  worker: RunningWorker;
  taskQueue: string;
  /** `startInvoiceWorkflow` on this harness, remembering the handle for `terminateOpenWorkflows`. */
  startWorkflow(invoice: SeededInvoice, extra?: WorkflowExtra): Promise<DunningWorkflowHandle>;
  /** The customer of an invoice workflow started here: `settled` then also waits for its communications workflow. */
  customerOf(workflowId: string): string | undefined;
  /**
   * The clock is shared by every workflow of the harness: a test's leftover
   * workflow (invoice or customer communications) would otherwise keep
   * sending while later tests move time.
   */
  terminateOpenWorkflows(): Promise<void>;
  close(): Promise<void>;
}

// Calendar helpers written independently of workflows/domain, so the tests check the schedule rather than restate it.
const PARIS = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TEST_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

/** Wall clock in Paris at an instant: `YYYY-MM-DD HH:mm`. */
export function parisWallClock(epochMs: number): string {
  return PARIS.format(new Date(epochMs));
}

/** The calendar date in Paris at an instant. */
export function parisDate(epochMs: number): string {
  return parisWallClock(epochMs).slice(0, 10);
}

/** `date` plus `days` calendar days (YYYY-MM-DD). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant it is 09:00 in Paris on `date` (CET or CEST, whichever applies that day). */
export function parisSendInstant(date: string): number {
  for (const offset of ['+01:00', '+02:00']) {
    const at = Date.parse(`${date}T0${TEST_SEND_HOUR}:00:00${offset}`);
    if (parisWallClock(at) === `${date} 0${TEST_SEND_HOUR}:00`) return at;
  }
  throw new Error(`no 09:00 in Paris on ${date}`);
}

/** The default scenario as the product specifies it (restated, not imported, so a change to it fails the tests). */
export const SPECIFIED_STEPS = [
  { step: 'courtesy_notice', offsetDays: -3, channels: ['email'] },
  { step: 'reminder_1', offsetDays: 1, channels: ['email'] },
  { step: 'reminder_2', offsetDays: 7, channels: ['email', 'sms'] },
  { step: 'final_notice', offsetDays: 15, channels: ['email', 'sms'] },
  { step: 'formal_notice', offsetDays: 30, channels: ['email', 'letter'] },
] as const;

export type SpecifiedStep = (typeof SPECIFIED_STEPS)[number];

export function specifiedStep(step: SpecifiedStep['step']): SpecifiedStep {
  return SPECIFIED_STEPS.find((s) => s.step === step)!;
}

/** When `step` fires for an invoice due on `dueDate`. */
export function stepInstant(dueDate: string, step: SpecifiedStep['step']): number {
  return parisSendInstant(shiftDate(dueDate, specifiedStep(step).offsetDays));
}


export interface HarnessOptions {
  /** The instant the server's clock starts at (epoch ms): the test's "now". Default: the process clock. */
  startAt?: number;
}

/**
 * A time-skipping server whose clock starts at `startAt`. The server always
 * starts at the machine's real time (it cannot be faked: see
 * docs/development.md, "Clock independence"); a later start is reached by
 * skipping time before any workflow exists. Tests then read "now" from the
 * server (`env.currentTimeMs()`), never from the wall clock.
 */
export async function createTimeSkippingEnvironment(startAt = Date.now()): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: suiteState().testServerPath } },
  });
  try {
    const serverNow = await env.currentTimeMs();
    if (startAt < serverNow - 60_000) {
      throw new Error(`the time-skipping server cannot start in the past: ${new Date(startAt).toISOString()} < ${new Date(serverNow).toISOString()}`);
    }
    if (startAt > serverNow) await env.sleep(startAt - serverNow);
    return env;
  } catch (err) {
    await env.teardown();
    throw err;
  }
}

export async function startDunningHarness(options: HarnessOptions = {}): Promise<DunningHarness> {
  quietTemporalRuntime();
  const state = suiteState();
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  };
  try {
    const env = await createTimeSkippingEnvironment(options.startAt);
    cleanups.push(() => env.teardown());
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const providers = await startProviderStandIn();
    cleanups.push(() => providers.close());
    const config = loadConfig({
      DATABASE_URL: db.url,
      TEMPORAL_TASK_QUEUE: uniqueId('relance-ts'),
      LOG_LEVEL: 'error',
      ...providers.env(),
    });
    const worker = await startWorker(config, {
      workflowBundlePath: state.workflowBundlePath,
      logger: false,
      connection: env.nativeConnection,
      // Activities stamp rows with the server's (skipped) time, as the workflows see it.
      clock: new ActivityTimeClock(),
    });
    cleanups.push(() => worker.shutdown());
    // A worker that dies mid-file says why here; the tests then fail on their `settled` deadline.
    worker.done.catch((err: unknown) => console.error('dunning test worker stopped', err));
    const started: DunningWorkflowHandle[] = [];
    const customers = new Map<string, string>();
    return {
      env, db, dataSource: db.dataSource, providers, config, worker, taskQueue: config.TEMPORAL_TASK_QUEUE,
      async startWorkflow(invoice, extra) {
        const handle = await startInvoiceWorkflow(env, invoice, config, extra);
        started.push(handle);
        customers.set(invoice.workflowId, invoice.customerId);
        return handle;
      },
      customerOf: (workflowId) => customers.get(workflowId),
      async terminateOpenWorkflows() {
        const ids = [...started.splice(0).map((h) => h.workflowId), ...new Set([...customers.values()].map(customerCommsWorkflowId))];
        customers.clear();
        for (const workflowId of ids) {
          // Without a run id the handle follows continue-as-new to the latest run.
          const latest = env.client.workflow.getHandle(workflowId);
          const status = await latest.describe().then((d) => d.status.name, () => 'NOT_FOUND');
          if (status === 'RUNNING') await latest.terminate('test over');
        }
      },
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export interface SeedInvoiceOptions {
  dueDate: string;
  amountMinor?: bigint;
  currency?: string;
  /** null: the contact has no phone. */
  phone?: string | null;
  language?: string;
  /** null: the contact has no email. */
  email?: string | null;
  /** Another invoice of this invoice's customer (same contact): a new customer when absent. */
  sameCustomerAs?: SeededInvoice;
}

export interface SeededInvoice {
  id: string;
  externalId: string;
  number: string;
  workflowId: string;
  customerId: string;
  dueDate: string;
  currency: string;
  amountMinor: bigint;
  email: string | null;
  phone: string | null;
}

/** A customer of the default legal entity, its primary contact and one open invoice. */
export async function seedInvoice(dataSource: DataSource, options: SeedInvoiceOptions): Promise<SeededInvoice> {
  return dataSource.transaction(async (m) => {
    const entity = await m.findOneByOrFail(LegalEntity, { code: 'default' });
    const same = options.sameCustomerAs;
    const customerId = same?.customerId ?? (await m.save(
      m.create(Customer, { entityId: entity.id, externalId: uniqueId('CUST'), name: 'Acme SARL', timeZone: null }),
    )).id;
    let { email, phone } = same ?? { email: null, phone: null };
    if (!same) {
      const customer = await m.findOneByOrFail(Customer, { id: customerId });
      email = options.email === undefined ? `ap+${customer.externalId.toLowerCase()}@acme.example` : options.email;
      // Unique recipients: the stand-in's requests can then be told apart per invoice.
      phone = options.phone === undefined ? `+3361${randomInt(1_000_000, 10_000_000)}` : options.phone;
      await m.save(
        m.create(CustomerContact, {
          customerId, name: 'Camille Martin', email, phone, language: options.language ?? 'en', isPrimary: true,
        }),
      );
    }
    const externalId = uniqueId('INV');
    const amountMinor = options.amountMinor ?? 125_000n;
    const currency = options.currency ?? 'EUR';
    const invoice = await m.save(
      m.create(Invoice, {
        entityId: entity.id,
        customerId,
        externalId,
        number: `F-${externalId.slice(4)}`,
        issueDate: shiftDate(options.dueDate, -30),
        dueDate: options.dueDate,
        currency,
        amountMinor,
        openAmountMinor: amountMinor,
        status: 'open',
        workflowId: invoiceWorkflowId(entity.code, externalId),
        nextActionAt: null,
        nextActionStep: null,
      }),
    );
    return {
      id: invoice.id, externalId, number: invoice.number, workflowId: invoice.workflowId, customerId,
      dueDate: options.dueDate, currency, amountMinor, email, phone,
    };
  });
}

export type WorkflowExtra = Partial<InvoiceDunningInput> & { continueAsNewAfterEvents?: number };

export function dunningInput(invoice: SeededInvoice, extra: WorkflowExtra = {}): InvoiceDunningInput & WorkflowExtra {
  return {
    invoiceId: invoice.id,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    openAmountMinor: invoice.amountMinor.toString(),
    timeZone: TEST_TIME_ZONE,
    sendHour: TEST_SEND_HOUR,
    ...extra,
  };
}

/** Starts the invoice's dunning workflow on the harness task queue, as the API would. */
export function startInvoiceWorkflow(
  env: TestWorkflowEnvironment,
  invoice: SeededInvoice,
  config: AppConfig,
  extra: WorkflowExtra = {},
): Promise<DunningWorkflowHandle> {
  return env.client.workflow.start<typeof invoiceDunningWorkflow>('invoiceDunningWorkflow', {
    workflowId: invoice.workflowId,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [dunningInput(invoice, extra)],
  });
}

/** Outbound messages of an invoice, oldest first. */
export function messages(dataSource: DataSource, invoiceId: string): Promise<OutboundMessage[]> {
  return dataSource.manager.find(OutboundMessage, { where: { invoiceId }, order: { createdAt: 'ASC', channel: 'ASC' } });
}

/** `step/channel` of each message, sorted: compact to assert on. */
export async function sentSteps(dataSource: DataSource, invoiceId: string): Promise<string[]> {
  return (await messages(dataSource, invoiceId)).map((m) => `${m.step}/${m.channel}`).sort();
}

/** Timeline events of an invoice, oldest first. */
export function timeline(dataSource: DataSource, invoiceId: string): Promise<InvoiceEvent[]> {
  return dataSource.manager.find(InvoiceEvent, { where: { invoiceId }, order: { occurredAt: 'ASC' } });
}

export function loadInvoice(dataSource: DataSource, invoiceId: string): Promise<Invoice> {
  return dataSource.manager.findOneByOrFail(Invoice, { id: invoiceId });
}

/**
 * The workflow's result without moving the clock. The time-skipping client's
 * `handle.result()` unlocks time skipping while it waits, and the test server
 * then jumps to its next timer, even one a finished activity left behind (we
 * saw a leap of exactly the 10-year schedule-to-close timeout): every other
 * open workflow would fire its steps. This plain client never unlocks.
 */
export async function workflowResult(
  harness: Pick<DunningHarness, 'env'>,
  handle: DunningWorkflowHandle,
): Promise<InvoiceDunningResult> {
  const client = new WorkflowClient({ connection: harness.env.connection });
  return client.getHandle<typeof invoiceDunningWorkflow>(handle.workflowId).result();
}

/** Moves the test server's clock forward to `epochMs` (firing every timer on the way). */
export async function advanceTo(env: TestWorkflowEnvironment, epochMs: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (epochMs <= now) throw new Error(`cannot go back in time: ${new Date(epochMs).toISOString()} <= ${new Date(now).toISOString()}`);
  await env.sleep(epochMs - now);
}

/**
 * Whether the run's history ends with the workflow waiting: its last workflow
 * task completed and, after it, at most timer commands and markers (no
 * activity, signal or workflow task still to process).
 */
function isWaiting(events: readonly temporal.api.history.v1.IHistoryEvent[]): boolean {
  // Commands recorded with the last task (timers, patch markers and their search attribute) do not mean work is pending.
  let i = events.length - 1;
  const trailing = (e: temporal.api.history.v1.IHistoryEvent) =>
    e.timerStartedEventAttributes || e.timerCanceledEventAttributes || e.markerRecordedEventAttributes || e.upsertWorkflowSearchAttributesEventAttributes;
  while (i >= 0 && trailing(events[i]!)) i--;
  return Boolean(events[i]?.workflowTaskCompletedEventAttributes);
}

/**
 * Waits in real time (the server clock stays put while time skipping is
 * locked) until the workflow has done everything it can do now: closed, or
 * waiting for a timer or a signal. Returns the queried state, null if closed.
 * `until` also waits for the state to satisfy it (e.g. a signal's effect).
 * On a harness, the invoice's customer communications workflow must be
 * quiet as well (closed, or waiting for its batch to close).
 */
export async function settled(
  harness: Pick<DunningHarness, 'env'> & Partial<Pick<DunningHarness, 'customerOf'>>,
  handle: DunningWorkflowHandle,
  options: { until?: (state: InvoiceDunningState) => boolean; timeoutMs?: number } = {},
): Promise<InvoiceDunningState | null> {
  const { until = () => true, timeoutMs = 15_000 } = options;
  const state = await quiet<InvoiceDunningState>(harness, handle.workflowId, timeoutMs, async (latest) => {
    const state = await latest.query(dunningStateQuery);
    return until(state) ? { done: state } : { last: `state ${JSON.stringify(state)}` };
  });
  const customerId = harness.customerOf?.(handle.workflowId);
  if (customerId) await customerCommsSettled(harness, customerId, timeoutMs);
  return state;
}

/** `settled` for a customer's communications workflow: its state, or null when it has closed (or never started). */
export async function customerCommsSettled(
  harness: Pick<DunningHarness, 'env'>,
  customerId: string,
  timeoutMs = 15_000,
): Promise<CustomerCommsState | null> {
  return quiet(harness, customerCommsWorkflowId(customerId), timeoutMs, async (latest) => ({ done: await latest.query(customerCommsStateQuery) }), true);
}

async function quiet<T>(
  harness: Pick<DunningHarness, 'env'>,
  workflowId: string,
  timeoutMs: number,
  check: (latest: WorkflowHandle) => Promise<{ done: T } | { last: string }>,
  absentIsClosed = false,
): Promise<T | null> {
  // Without a run id the handle follows continue-as-new to the latest run.
  const latest = harness.env.client.workflow.getHandle(workflowId);
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const description = await latest.describe();
      // A run caught between continue-as-new and its successor is not closed: look again.
      const continuing = description.status.name === 'CONTINUED_AS_NEW';
      if (!continuing && description.status.name !== 'RUNNING') return null;
      const history = continuing ? null : await harness.env.client.workflow.getHandle(workflowId, description.runId).fetchHistory();
      if (!history) {
        last = 'continuing as new';
      } else if (isWaiting(history.events ?? [])) {
        const outcome = await check(latest);
        if ('done' in outcome) return outcome.done;
        last = outcome.last;
      } else {
        const tail = (history.events ?? []).slice(-3).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes')) ?? '?');
        last = `busy after ${history.events?.length} events (last: ${tail.join(', ')})`;
      }
    } catch (err) {
      if (absentIsClosed && err instanceof WorkflowNotFoundError) return null;
      last = String(err);
    }
    if (Date.now() > deadline) throw new Error(`workflow ${workflowId} not settled within ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface InvoiceTraffic {
  /** SendGrid requests addressed to the invoice's contact, answered or refused. */
  email: (RecordedProviderRequest & { body: SendGridMailBody })[];
  /** Twilio requests addressed to the invoice's contact. */
  sms: (RecordedProviderRequest & { body: Record<string, string> })[];
}

/** What the provider stand-in received for one invoice's contact. */
export function providerTraffic(providers: ProviderStandIn, invoice: SeededInvoice): InvoiceTraffic {
  const email = providers.requests.filter(
    (r) => r.provider === 'sendgrid' && (r.body as SendGridMailBody | null)?.personalizations?.some(
      (p) => p.to?.some((t) => t.email === invoice.email),
    ),
  ) as InvoiceTraffic['email'];
  const sms = providers.requests.filter(
    (r) => r.provider === 'twilio' && (r.body as Record<string, string> | null)?.To === invoice.phone,
  ) as InvoiceTraffic['sms'];
  return { email, sms };
}

/*
 * Histories in Temporal's JSON format (what `temporal workflow show --output json`
 * prints). Not @temporalio/common's historyToJSON/historyFromJSON: in this install
 * @temporalio/common and @temporalio/proto each get their own copy of protobufjs 8
 * (protobufjs 7 sits at the root for @grpc/proto-loader), so protojson's
 * `instanceof Type` check fails across the copies ("type must be a Type").
 * Here the types and protojson both come from @temporalio/proto's copy.
 */
type HistoryType = { encode(h: unknown): { finish(): Uint8Array }; decode(b: Uint8Array): temporal.api.history.v1.IHistory };
interface ProtoJson {
  toJson(type: HistoryType, message: unknown): unknown;
  fromJson(type: HistoryType, json: unknown, options?: { ignoreUnknownFields?: boolean }): temporal.api.history.v1.IHistory;
}
function historyCodec(): { type: HistoryType; protojson: ProtoJson } {
  const nodeRequire = createRequire(import.meta.url);
  const protoEntry = nodeRequire.resolve('@temporalio/proto');
  const proto = nodeRequire(protoEntry) as { temporal: { api: { history: { v1: { History: HistoryType } } } } };
  return { type: proto.temporal.api.history.v1.History, protojson: createRequire(protoEntry)('protobufjs/ext/protojson') as ProtoJson };
}

/** A fetched history as indented Temporal JSON. */
export function historyToJson(history: temporal.api.history.v1.IHistory): string {
  const { type, protojson } = historyCodec();
  // Through the wire format: the fetched message comes from another copy of the proto classes.
  return JSON.stringify(protojson.toJson(type, type.decode(type.encode(history).finish())), null, 2) + '\n';
}

/** A Temporal JSON history, decoded for `Worker.runReplayHistories`. */
export function historyFromJson(json: unknown): temporal.api.history.v1.IHistory {
  const { type, protojson } = historyCodec();
  return protojson.fromJson(type, json, { ignoreUnknownFields: true });
}

/**
 * One harness per test file: started before the tests, open workflows
 * terminated after each (they share one clock), torn down at the end.
 */
export function useDunningHarness(): DunningHarness {
  let harness: DunningHarness | undefined;
  beforeAll(async () => {
    harness = await startDunningHarness();
  });
  afterEach(async () => {
    await harness?.terminateOpenWorkflows();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return new Proxy({} as DunningHarness, {
    get(_, property) {
      if (!harness) throw new Error('The dunning harness starts in beforeAll: use it inside tests');
      return Reflect.get(harness, property);
    },
  });
}
