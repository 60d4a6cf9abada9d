import { ApplicationFailure } from '@temporalio/common';
import nunjucks from 'nunjucks';
import { isConsolidatedAction } from '../workflows/definitions.js';
import { computeLatePaymentPenalty, penaltyInput } from './late-payment-penalties.js';
import { formatAmount } from '../workflows/domain/money.js';
import { DEFAULT_STEP_RECIPIENTS, type ScenarioStepDefinition } from '../workflows/domain/scenario.js';
import { unmetConditions } from '../workflows/domain/scenario-schedule.js';
import type { CustomerCommsPort } from './customer-message-ports.js';
import type { DunningActivityPorts } from './ports.js';
import type { PublishedScenarioVersion, ScenarioInvoiceView, ScenarioStepPort } from './scenario-ports.js';
import { deliverStepMessages, deliverToRecipients, forRecipient, openMissingContactTask, type StepDelivery } from './step-delivery.js';
import { planRecipients } from './step-recipients.js';
import { taskTitle } from './task-titles.js';

export const INVOICE_NOT_FOUND = 'INVOICE_NOT_FOUND';

export interface ScenarioStepInput {
  invoiceId: string;
  scenario: { scenarioId: string; version: number } | null;
  step: ScenarioStepDefinition;
  /** ISO instant the step was scheduled for. */
  scheduledAt: string;
  /** Local date of the step (YYYY-MM-DD). */
  scheduledDate: string;
}

/** `handed_off`: the step's messages go out with the customer's batch (customer-communications workflow). */
export type ScenarioStepOutcome = 'executed' | 'handed_off' | 'skipped_condition' | 'skipped_not_open';

export interface ScenarioStepResult {
  outcome: ScenarioStepOutcome;
  /** The invoice's status as the projection knows it. */
  invoiceStatus: 'open' | 'paid' | 'cancelled';
  reasons: string[];
  messageIds: string[];
  taskIds: string[];
}

// Internal notes go to colleagues, not customers: one plain template, in English and French.
const notes = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
const INTERNAL_NOTE = {
  subject: '[Relance] {{ customer }}: invoice {{ number }} — {{ what }}',
  body: `Invoice {{ number }} of {{ customer }} ({{ openAmount }} {{ currency }} open, due {{ dueDate }}): {{ what }}.
Facture {{ number }} de {{ customer }} ({{ openAmount }} {{ currency }} restant dus, échéance {{ dueDate }}) : {{ quoi }}.`,
};

export const STEP_NOT_CONSOLIDATED = 'STEP_NOT_CONSOLIDATED';

export function createScenarioStepActivities(ports: DunningActivityPorts & { scenarios: ScenarioStepPort; comms: CustomerCommsPort }) {
  const { invoices, composer, scenarios, comms } = ports;

  async function load(invoiceId: string): Promise<ScenarioInvoiceView> {
    const invoice = await scenarios.findForScenario(invoiceId);
    if (!invoice) throw ApplicationFailure.nonRetryable(`Invoice ${invoiceId} not found`, INVOICE_NOT_FOUND);
    return invoice;
  }

  /** Not open any more, or the step's conditions do not hold: the reasons why not; null: go on. */
  async function gate(invoice: ScenarioInvoiceView, input: ScenarioStepInput): Promise<Omit<ScenarioStepResult, 'messageIds' | 'taskIds'> | null> {
    if (invoice.status !== 'open' || invoice.openAmountMinor <= 0n) {
      return { outcome: 'skipped_not_open', invoiceStatus: invoice.status === 'open' ? 'paid' : invoice.status, reasons: [] };
    }
    const reasons = unmetConditions(input.step.conditions, {
      openAmountMinor: invoice.openAmountMinor, currency: invoice.currency, segment: invoice.segment, riskClass: invoice.riskClass,
    });
    if (reasons.length === 0) return null;
    await invoices.appendTimeline(invoice.id, {
      type: 'step_skipped', dedupeKey: `step:${input.step.key}`,
      data: { step: input.step.key, action: input.step.action, scheduledAt: input.scheduledAt, reasons },
    });
    return { outcome: 'skipped_condition', invoiceStatus: 'open', reasons };
  }

  async function internalNote(invoice: ScenarioInvoiceView, stepKey: string, what: string, quoi: string): Promise<StepDelivery> {
    if (!invoice.salespersonEmail) return { messageIds: [], skippedChannels: ['salesperson'], failedChannels: [] };
    const context = {
      customer: invoice.customer.name, number: invoice.number, currency: invoice.currency, dueDate: invoice.dueDate,
      openAmount: formatAmount(invoice.openAmountMinor, invoice.currency), what, quoi,
    };
    const salesperson = { ...invoice, customer: { ...invoice.customer, email: invoice.salespersonEmail } };
    return deliverStepMessages(ports, salesperson, `${stepKey}.internal`, ['email'], () => ({
      subject: notes.renderString(INTERNAL_NOTE.subject, context),
      body: notes.renderString(INTERNAL_NOTE.body, context),
    }), 'internal');
  }

  async function task(invoice: ScenarioInvoiceView, input: ScenarioStepInput, kind: 'call' | 'litigation_handover') {
    const about = { customer: invoice.customer.name, invoice: invoice.number };
    return scenarios.createTask({
      idempotencyKey: `invoice:${invoice.id}:step:${input.step.key}:${kind}`,
      kind, invoiceId: invoice.id, customerId: invoice.customer.id, step: input.step.key,
      ...(kind === 'call' ? taskTitle('CALL_ABOUT_INVOICE', about) : taskTitle('LITIGATION_HANDOVER', about)),
      dueAt: new Date(input.scheduledAt),
      data: { action: input.step.action, openAmount: formatAmount(invoice.openAmountMinor, invoice.currency), currency: invoice.currency },
    });
  }

  /**
   * Executes one scenario step for one invoice: messages, tasks or a stage
   * change depending on the action. Every effect has a business key, so a
   * retried activity repeats nothing.
   */
  async function executeScenarioStep(input: ScenarioStepInput): Promise<ScenarioStepResult> {
    const invoice = await load(input.invoiceId);
    const gated = await gate(invoice, input);
    if (gated) return { ...gated, messageIds: [], taskIds: [] };
    const { step } = input;
    const data: Record<string, unknown> = { step: step.key, action: step.action, scheduledAt: input.scheduledAt, scenario: input.scenario };
    let delivery: StepDelivery = { messageIds: [], skippedChannels: [], failedChannels: [] };
    const taskIds: string[] = [];
    let type = 'reminder_sent';

    switch (step.action) {
      case 'reminder':
      case 'account_statement':
      case 'formal_notice': {
        const statement = step.action === 'account_statement' ? await scenarios.openItems(invoice.customer.id, input.scheduledDate) : undefined;
        const penalty = step.action === 'formal_notice'
          ? computeLatePaymentPenalty(penaltyInput(
              { amountMinor: invoice.openAmountMinor, currency: invoice.currency, dueDate: invoice.dueDate, asOf: input.scheduledDate },
              invoice.penaltyPolicy,
              invoice.entityCountry,
            ))
          : undefined;
        if (penalty) {
          data.penalty = {
            daysLate: penalty.daysLate,
            interest: formatAmount(penalty.interestMinor, invoice.currency),
            indemnity: formatAmount(penalty.indemnityMinor, invoice.currency),
            total: formatAmount(penalty.totalMinor, invoice.currency),
            rates: penalty.periods.map((p) => ({ from: p.from, to: p.to, rateBp: p.rateBp })),
          };
        }
        const roles = step.recipients ?? DEFAULT_STEP_RECIPIENTS;
        const plan = planRecipients(step.channels, roles, await scenarios.contacts(invoice.customer.id), invoice.customer.name);
        delivery = await deliverToRecipients(ports, invoice, step.key, plan.recipients, (r) =>
          composer.composeStep({ step, channel: r.channel, invoice: forRecipient(invoice, r), asOf: input.scheduledDate, statement, penalty }),
        );
        delivery.skippedChannels.push(...plan.missingChannels);
        if (plan.missingChannels.length > 0) {
          taskIds.push(await openMissingContactTask(scenarios, invoice, step, input.scheduledAt, plan.missingChannels, roles));
        }
        break;
      }
      case 'call_task': {
        type = 'task_created';
        taskIds.push((await task(invoice, input, 'call')).id);
        break;
      }
      case 'litigation_handover': {
        type = 'litigation_handover';
        const changed = await scenarios.setCollectionStage(invoice.id, 'litigation');
        data.stageChanged = changed;
        taskIds.push((await task(invoice, input, 'litigation_handover')).id);
        delivery = await internalNote(invoice, step.key, 'handed over to litigation', 'transmise au contentieux');
        break;
      }
      case 'internal_notification': {
        type = 'internal_notification_sent';
        delivery = await internalNote(invoice, step.key, `dunning step ${step.key}`, `étape de relance ${step.key}`);
        break;
      }
    }
    await invoices.appendTimeline(invoice.id, {
      type, dedupeKey: `step:${step.key}`,
      data: { ...data, channels: step.channels, taskIds, ...delivery },
    });
    return { outcome: 'executed', invoiceStatus: 'open', reasons: [], messageIds: delivery.messageIds, taskIds };
  }

  /**
   * A step whose messages are consolidated per customer (reminder, account
   * statement): checks, in the invoice's context, that it still applies, then
   * hands it to the customer's communications workflow, which sends one
   * message per channel for all the customer's invoices reaching a step that
   * day and records the step in each invoice's timeline. A retried hand-off
   * is recognised by its business key.
   */
  async function handOffScenarioStep(input: ScenarioStepInput): Promise<ScenarioStepResult> {
    if (!isConsolidatedAction(input.step.action)) {
      throw ApplicationFailure.nonRetryable(`A ${input.step.action} step is sent per invoice`, STEP_NOT_CONSOLIDATED);
    }
    const invoice = await load(input.invoiceId);
    const gated = await gate(invoice, input);
    if (gated) return { ...gated, messageIds: [], taskIds: [] };
    await comms.enqueue(invoice.customer.id, {
      key: `invoice:${invoice.id}:step:${input.step.key}`,
      invoiceId: invoice.id,
      step: input.step,
      channels: [...input.step.channels],
      scheduledAt: input.scheduledAt,
      scheduledDate: input.scheduledDate,
      scenario: input.scenario,
    });
    return { outcome: 'handed_off', invoiceStatus: 'open', reasons: [], messageIds: [], taskIds: [] };
  }

  /** A step with a checkpoint: checks it still applies, then asks a collector. */
  async function openCheckpoint(input: ScenarioStepInput & { timeoutAt: string }): Promise<ScenarioStepResult> {
    const invoice = await load(input.invoiceId);
    const gated = await gate(invoice, input);
    if (gated) return { ...gated, messageIds: [], taskIds: [] };
    const created = await scenarios.createTask({
      idempotencyKey: `invoice:${invoice.id}:step:${input.step.key}:checkpoint`,
      kind: 'checkpoint', invoiceId: invoice.id, customerId: invoice.customer.id, step: input.step.key,
      ...taskTitle('CHECKPOINT_APPROVAL', { customer: invoice.customer.name, invoice: invoice.number, step: input.step.key, action: input.step.action }),
      dueAt: new Date(input.timeoutAt),
      data: { action: input.step.action, channels: input.step.channels, scheduledAt: input.scheduledAt, timeoutAt: input.timeoutAt },
    });
    await invoices.appendTimeline(invoice.id, {
      type: 'checkpoint_opened', dedupeKey: `checkpoint:${input.step.key}`,
      data: { step: input.step.key, taskId: created.id, timeoutAt: input.timeoutAt },
    });
    return { outcome: 'executed', invoiceStatus: 'open', reasons: [], messageIds: [], taskIds: [created.id] };
  }

  async function closeCheckpoint(input: {
    invoiceId: string;
    stepKey: string;
    outcome: 'approved' | 'rejected' | 'timed_out' | 'cancelled';
    by: string | null;
    comment: string | null;
    then: 'proceed' | 'skip';
  }): Promise<void> {
    await scenarios.closeTask(`invoice:${input.invoiceId}:step:${input.stepKey}:checkpoint`, input.outcome);
    await invoices.appendTimeline(input.invoiceId, {
      type: 'checkpoint_closed', dedupeKey: `checkpoint_closed:${input.stepKey}`,
      data: { step: input.stepKey, outcome: input.outcome, by: input.by, comment: input.comment, then: input.then },
    });
  }

  /** Moves an in-flight invoice to the newest version published with `migrate_at_next_step`. */
  async function migrateScenarioVersion(input: {
    invoiceId: string;
    scenarioId: string;
    currentVersion: number;
  }): Promise<PublishedScenarioVersion | null> {
    const target = await scenarios.migrationTarget(input.scenarioId, input.currentVersion, input.invoiceId);
    if (!target) return null;
    await scenarios.setScenarioVersion(input.invoiceId, target.scenarioId, target.version);
    await invoices.appendTimeline(input.invoiceId, {
      type: 'scenario_migrated', dedupeKey: `scenario:${target.scenarioId}:v${target.version}`,
      data: { scenarioId: target.scenarioId, from: input.currentVersion, to: target.version },
    });
    return target;
  }

  return { executeScenarioStep, handOffScenarioStep, openCheckpoint, closeCheckpoint, migrateScenarioVersion };
}

export type ScenarioStepActivities = ReturnType<typeof createScenarioStepActivities>;
