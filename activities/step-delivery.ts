import type { ContactRole, ScenarioChannel } from '../workflows/domain/scenario.js';
import type { ComposedMessage, DunningActivityPorts, DunningInvoiceView, MessageStatus } from './ports.js';
import type { ScenarioStepPort } from './scenario-ports.js';
import { withPortalLink } from './portal-link.js';
import { recipientKeySuffix, type StepRecipient } from './step-recipients.js';
import { taskTitle } from './task-titles.js';

export interface StepDelivery {
  messageIds: string[];
  /** Channels with no recipient (no phone for SMS…). */
  skippedChannels: string[];
  /** Channels a provider refused for good. */
  failedChannels: string[];
  /** Who each message went to (contact, channel). */
  recipients?: { contactId: string | null; channel: ScenarioChannel; messageId: string }[];
}

/** The invoice as one recipient's message speaks of it: in the contact's language, to its address. */
export function forRecipient<T extends DunningInvoiceView>(invoice: T, recipient: StepRecipient): T {
  const customer = { ...invoice.customer, language: recipient.language };
  if (recipient.channel === 'email') customer.email = recipient.address;
  if (recipient.channel === 'sms') customer.phone = recipient.address;
  return { ...invoice, customer };
}

/**
 * A step that could not reach anyone on some of its channels (no contact of its roles with an
 * address there, or all opted out) asks a collector to find one: never a silent skip.
 */
export async function openMissingContactTask(
  scenarios: Pick<ScenarioStepPort, 'createTask'>,
  invoice: Pick<DunningInvoiceView, 'id' | 'number' | 'customer'>,
  step: { key: string; action: string },
  scheduledAt: string,
  missingChannels: readonly ScenarioChannel[],
  roles: readonly ContactRole[],
): Promise<string> {
  const created = await scenarios.createTask({
    idempotencyKey: `invoice:${invoice.id}:step:${step.key}:contact_missing`,
    kind: 'contact_missing', invoiceId: invoice.id, customerId: invoice.customer.id, step: step.key,
    ...taskTitle('CONTACT_MISSING', {
      customer: invoice.customer.name, invoice: invoice.number, step: step.key, channels: missingChannels.join('/'), roles: roles.join(', '),
    }),
    dueAt: new Date(scheduledAt),
    data: { action: step.action, channels: missingChannels, roles },
  });
  return created.id;
}

export function recipientFor(channel: ScenarioChannel, customer: DunningInvoiceView['customer']): string | null {
  switch (channel) {
    case 'email':
      return customer.email;
    case 'sms':
      return customer.phone;
    case 'letter':
      return customer.name;
  }
}

function isNonRetryableDelivery(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retryable?: unknown }).retryable === false;
}

/** A stored message as the send needs it. */
export interface ClaimedMessage {
  id: string;
  status: MessageStatus;
  channel: ScenarioChannel;
  recipient: string;
  subject: string | null;
  body: string;
  idempotencyKey: string;
  /** `internal`: mail to staff, sent without a reply-to threading replies onto the customer. Default customer. */
  audience?: 'customer' | 'internal';
}

/**
 * Sends a claimed message that is still pending: a letter becomes a PDF to
 * post, an email or SMS goes to its provider. A message an earlier attempt
 * handled is left as it is. Returns the message's status afterwards.
 */
export async function sendClaimedMessage(
  ports: Pick<DunningActivityPorts, 'messages' | 'notifier' | 'letters'>,
  message: ClaimedMessage,
): Promise<MessageStatus> {
  const { messages, notifier } = ports;
  if (message.status !== 'pending') return message.status;
  if (message.channel === 'letter') {
    await ports.letters.storeLetter(message.id);
    await messages.markDelivered(message.id, 'to_post', null);
    return 'to_post';
  }
  try {
    const receipt = await notifier.send({
      channel: message.channel, to: message.recipient, subject: message.subject ?? undefined, body: message.body,
      idempotencyKey: message.idempotencyKey,
      // Customer messages: the provider echoes the id in its events, and emails get a reply-to carrying it.
      ...(message.audience !== 'internal' && { messageId: message.id }),
    });
    await messages.markDelivered(message.id, receipt.status, receipt.providerMessageId);
    return receipt.status;
  } catch (err) {
    if (!isNonRetryableDelivery(err)) throw err; // the activity retry policy takes over
    // A provider refusal (bad address…) will not heal by retrying: record it and move on.
    await messages.markFailed(message.id, err instanceof Error ? err.message : String(err));
    return 'failed';
  }
}

/**
 * Sends one step's messages on each channel to the customer's primary contact
 * (built-in schedule, internal notes), exactly once per (invoice, step, channel).
 */
export async function deliverStepMessages(
  ports: Pick<DunningActivityPorts, 'messages' | 'notifier' | 'letters' | 'portalLinks'>,
  invoice: DunningInvoiceView,
  stepKey: string,
  channels: readonly ScenarioChannel[],
  compose: (channel: ScenarioChannel) => ComposedMessage,
  audience: 'customer' | 'internal' = 'customer',
): Promise<StepDelivery> {
  const recipients: StepRecipient[] = [];
  const skippedChannels: string[] = [];
  for (const channel of channels) {
    const address = recipientFor(channel, invoice.customer);
    if (address) recipients.push({ channel, address, contactId: null, primary: true, language: invoice.customer.language });
    else skippedChannels.push(channel);
  }
  const delivery = await deliverToRecipients(ports, invoice, stepKey, recipients, (r) => compose(r.channel), audience);
  return { ...delivery, skippedChannels: [...skippedChannels, ...delivery.skippedChannels] };
}

/**
 * Sends one step's message to each recipient, exactly once per (invoice, step,
 * channel, contact): the idempotency key is that business key under a unique
 * index, so a retried activity finds its rows and does not send again.
 */
export async function deliverToRecipients(
  ports: Pick<DunningActivityPorts, 'messages' | 'notifier' | 'letters' | 'portalLinks'>,
  invoice: DunningInvoiceView,
  stepKey: string,
  recipients: readonly StepRecipient[],
  compose: (recipient: StepRecipient) => ComposedMessage,
  audience: 'customer' | 'internal' = 'customer',
): Promise<StepDelivery> {
  const { messages } = ports;
  const delivery: StepDelivery = { messageIds: [], skippedChannels: [], failedChannels: [], recipients: [] };
  for (const r of recipients) {
    const { channel, address: recipient } = r;
    const composed = await withPortalLink(ports, compose(r), {
      channel, customerId: invoice.customer.id, contactId: r.contactId, address: recipient, audience,
    });
    const idempotencyKey = `invoice:${invoice.id}:step:${stepKey}:${channel}${recipientKeySuffix(r)}`;
    const stored = await messages.claim({
      idempotencyKey, invoiceId: invoice.id, customerId: invoice.customer.id, contactId: r.contactId,
      step: stepKey, channel, recipient, subject: composed.subject, body: composed.body, audience,
    });
    delivery.messageIds.push(stored.id);
    delivery.recipients!.push({ contactId: r.contactId, channel, messageId: stored.id });
    // Already handled by an earlier attempt, a refusal it recorded stays in this step's report.
    const status = await sendClaimedMessage(ports, { ...stored, channel, recipient, subject: composed.subject, body: composed.body, idempotencyKey, audience });
    if (status === 'failed' && !delivery.failedChannels.includes(channel)) delivery.failedChannels.push(channel);
  }
  return delivery;
}
