/**
 * The batch send of a customer's communications workflow: one message per
 * channel for every invoice step of the batch, then each invoice's timeline.
 */
import type { ConsolidatedAction, CustomerMessageRequest } from '../workflows/definitions.js';
import { daysBetween } from '../workflows/domain/calendar.js';
import { DEFAULT_STEP_RECIPIENTS, SCENARIO_CHANNELS, type ScenarioChannel } from '../workflows/domain/scenario.js';
import type { BatchMessage, BatchMessagePort, MessageItem } from './customer-message-ports.js';
import { withPortalLink } from './portal-link.js';
import type { ComposedMessage, DunningActivityPorts, MessageStatus, StatementLine } from './ports.js';
import type { ScenarioInvoiceView, ScenarioStepPort } from './scenario-ports.js';
import { forRecipient, openMissingContactTask, sendClaimedMessage } from './step-delivery.js';
import { planRecipients, recipientKeySuffix, type StepRecipient } from './step-recipients.js';

export interface SendCustomerMessagesInput {
  customerId: string;
  /** The batch's step date (YYYY-MM-DD). */
  date: string;
  action: ConsolidatedAction;
  requests: CustomerMessageRequest[];
}

export interface SendCustomerMessagesResult {
  messages: { channel: ScenarioChannel; messageId: string; status: MessageStatus; invoiceIds: string[] }[];
  /** Invoices left out: settled (or gone) since their step handed them over. */
  droppedInvoiceIds: string[];
}

interface StepReport {
  messageIds: string[];
  skippedChannels: string[];
  failedChannels: string[];
  /** Channel → the message that lists this invoice with others. */
  consolidated: Partial<Record<ScenarioChannel, string>>;
  errors: string[];
  taskIds: string[];
}

interface Item {
  request: CustomerMessageRequest;
  item: MessageItem;
}

/** A scenario template that cannot render (TemplateRenderError in src/): retrying would fail the same way. */
function isTemplateInvalid(err: unknown): err is Error {
  return err instanceof Error && (err as { code?: unknown }).code === 'TEMPLATE_INVALID';
}

export function createCustomerMessageActivities(
  ports: DunningActivityPorts & { scenarios: ScenarioStepPort; batchMessages: BatchMessagePort },
) {
  const { composer, scenarios, batchMessages } = ports;

  /**
   * Sends a closed batch: per channel, one message listing every invoice of
   * the batch still open (a lone invoice gets its step's own message, under
   * the step's usual key), then records the step in each invoice's timeline.
   * Idempotent: each (invoice, step, channel) item belongs to at most one
   * message, so a retry, or a hand-off repeated after its batch left, finds
   * the message that already carries it and sends nothing new.
   */
  async function sendCustomerMessages(input: SendCustomerMessagesInput): Promise<SendCustomerMessagesResult> {
    const requests = [...new Map(input.requests.map((r) => [r.key, r])).values()];
    // Read again now: an invoice paid since its step handed it over is left out.
    const views = new Map<string, ScenarioInvoiceView | null>();
    for (const r of requests) if (!views.has(r.invoiceId)) views.set(r.invoiceId, await scenarios.findForScenario(r.invoiceId));
    const isOpen = (invoiceId: string): boolean => {
      const view = views.get(invoiceId);
      return Boolean(view && view.status === 'open' && view.openAmountMinor > 0n);
    };
    const reports = new Map<string, StepReport>(
      requests.map((r) => [r.key, { messageIds: [], skippedChannels: [], failedChannels: [], consolidated: {}, errors: [], taskIds: [] }]),
    );
    const result: SendCustomerMessagesResult = { messages: [], droppedInvoiceIds: [] };
    let openItems: StatementLine[] | undefined;
    const statement = async () => (openItems ??= await scenarios.openItems(input.customerId, input.date));

    const note = (message: BatchMessage, status: MessageStatus, carried: Item[]) => {
      for (const { request } of carried) {
        const report = reports.get(request.key)!;
        if (!report.messageIds.includes(message.id)) report.messageIds.push(message.id);
        if (status === 'failed' && !report.failedChannels.includes(message.channel)) report.failedChannels.push(message.channel);
        if (message.invoiceCount > 1) report.consolidated[message.channel] = message.id;
      }
      result.messages.push({
        channel: message.channel, messageId: message.id, status, invoiceIds: [...new Set(carried.map((c) => c.request.invoiceId))],
      });
    };

    // Who each step writes to: the contacts of its roles, each in its own message and language.
    const contacts = await scenarios.contacts(input.customerId);
    const customerName = [...views.values()].find((v) => v)?.customer.name ?? '';
    const plans = new Map(requests.map((r) => [
      r.key, planRecipients(r.channels, r.step.recipients ?? DEFAULT_STEP_RECIPIENTS, contacts, customerName),
    ]));

    for (const channel of SCENARIO_CHANNELS) {
      // One group per contact reached on the channel, with the invoice steps its message carries.
      const groups = new Map<string, { recipient: StepRecipient; items: Item[] }>();
      for (const r of requests) {
        for (const recipient of plans.get(r.key)!.recipients) {
          if (recipient.channel !== channel) continue;
          const groupKey = recipient.contactId ?? 'customer';
          const group = groups.get(groupKey) ?? { recipient, items: [] };
          group.items.push({ request: r, item: { itemKey: `${r.key}:${channel}${recipientKeySuffix(recipient)}`, invoiceId: r.invoiceId, stepKey: r.step.key } });
          groups.set(groupKey, group);
        }
      }
      for (const { recipient, items } of groups.values()) await sendGroup(channel, recipient, items);
    }

    async function sendGroup(channel: ScenarioChannel, recipient: StepRecipient, items: Item[]): Promise<void> {
      // Items an earlier attempt (or batch) already put in a message: finish that send if it was cut short.
      const carried = await batchMessages.messagesForItems(items.map((i) => i.item.itemKey));
      for (const message of new Map([...carried.values()].map((m) => [m.id, m])).values()) {
        const status = await sendClaimedMessage(ports, message);
        note(message, status, items.filter((i) => carried.get(i.item.itemKey)?.id === message.id));
      }

      const fresh = items.filter((i) => !carried.has(i.item.itemKey) && isOpen(i.request.invoiceId));
      if (fresh.length === 0) return;
      const invoices = [...new Set(fresh.map((i) => i.request.invoiceId))]
        .map((id) => forRecipient(views.get(id)!, recipient))
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1));
      const customer = invoices[0]!.customer;

      let composed: ComposedMessage;
      try {
        composed = invoices.length === 1
          // Nothing to consolidate: the step's own message, as the invoice's workflow would send it.
          ? composer.composeStep({
              step: fresh[0]!.request.step, channel, invoice: invoices[0]!, asOf: input.date,
              statement: input.action === 'account_statement' ? await statement() : undefined,
            })
          : composer.composeConsolidated({
              action: input.action, channel, customer, asOf: input.date,
              lines: input.action === 'account_statement'
                ? await statement()
                : invoices.map((i) => ({
                    invoiceId: i.id, number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, currency: i.currency,
                    openAmountMinor: i.openAmountMinor, daysOverdue: daysBetween(i.dueDate, input.date),
                  })),
            });
      } catch (err) {
        if (!isTemplateInvalid(err)) throw err;
        for (const { request } of fresh) {
          const report = reports.get(request.key)!;
          if (!report.failedChannels.includes(channel)) report.failedChannels.push(channel);
          report.errors.push(`${channel}: ${err.message}`);
        }
        return;
      }

      composed = await withPortalLink(ports, composed, {
        channel, customerId: input.customerId, contactId: recipient.contactId, address: recipient.address,
      });
      const stepKeys = new Set(fresh.map((i) => i.item.stepKey));
      const message = await batchMessages.claim(
        {
          customerId: input.customerId,
          invoiceId: invoices.length === 1 ? invoices[0]!.id : null,
          step: stepKeys.size === 1 ? [...stepKeys][0]! : null,
          channel, recipient: recipient.address, contactId: recipient.contactId, subject: composed.subject, body: composed.body,
        },
        invoices.length === 1
          // A lone invoice's message keeps the per-invoice key `invoice:<id>:step:<step>:<channel>[:contact:<id>]`.
          ? { exactKey: fresh[0]!.item.itemKey }
          : { keyBase: `customer:${input.customerId}:${input.date}:${channel}:${input.action}${recipientKeySuffix(recipient)}` },
        fresh.map((i) => i.item),
      );
      note(message, await sendClaimedMessage(ports, message), fresh);
    }

    // A channel no contact of the step's roles can be reached on: a collector finds one.
    for (const request of requests) {
      const plan = plans.get(request.key)!;
      const view = views.get(request.invoiceId);
      if (plan.missingChannels.length === 0 || !view || !isOpen(request.invoiceId)) continue;
      const report = reports.get(request.key)!;
      for (const c of plan.missingChannels) if (!report.skippedChannels.includes(c)) report.skippedChannels.push(c);
      report.taskIds.push(await openMissingContactTask(
        scenarios, view, request.step, request.scheduledAt, plan.missingChannels, request.step.recipients ?? DEFAULT_STEP_RECIPIENTS,
      ));
    }

    for (const request of requests) {
      const report = reports.get(request.key)!;
      const base = { step: request.step.key, action: request.step.action, scheduledAt: request.scheduledAt };
      if (report.messageIds.length === 0 && !isOpen(request.invoiceId)) {
        result.droppedInvoiceIds.push(request.invoiceId);
        if (!views.get(request.invoiceId)) continue;
        await ports.invoices.appendTimeline(request.invoiceId, {
          type: 'step_skipped', dedupeKey: `step:${request.step.key}`,
          data: { ...base, reasons: ['invoice no longer open when the customer\'s messages left'] },
        });
        continue;
      }
      const consolidatedIds = request.channels.flatMap((c) => report.consolidated[c] ?? []);
      await ports.invoices.appendTimeline(request.invoiceId, {
        type: 'reminder_sent', dedupeKey: `step:${request.step.key}`,
        data: {
          ...base, scenario: request.scenario, channels: request.channels, taskIds: report.taskIds,
          messageIds: report.messageIds, skippedChannels: report.skippedChannels, failedChannels: report.failedChannels,
          // The message (first channel's) listing this invoice with the customer's others; null when it went alone.
          consolidatedMessageId: consolidatedIds[0] ?? null,
          consolidatedMessageIds: report.consolidated,
          batch: { date: input.date, action: input.action },
          ...(report.errors.length > 0 ? { errors: report.errors } : {}),
        },
      });
    }
    return result;
  }

  return { sendCustomerMessages };
}

export type CustomerMessageActivities = ReturnType<typeof createCustomerMessageActivities>;
