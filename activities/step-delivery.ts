import type { ScenarioChannel } from '../workflows/domain/scenario.js';
import type { ComposedMessage, DunningActivityPorts, DunningInvoiceView, MessageStatus } from './ports.js';

export interface StepDelivery {
  messageIds: string[];
  /** Channels with no recipient (no phone for SMS…). */
  skippedChannels: string[];
  /** Channels a provider refused for good. */
  failedChannels: string[];
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
 * Sends one step's messages on each channel, exactly once per (invoice, step,
 * channel): the idempotency key is that business key under a unique index, so
 * a retried activity finds its rows and does not send again.
 */
export async function deliverStepMessages(
  ports: Pick<DunningActivityPorts, 'messages' | 'notifier' | 'letters'>,
  invoice: DunningInvoiceView,
  stepKey: string,
  channels: readonly ScenarioChannel[],
  compose: (channel: ScenarioChannel) => ComposedMessage,
  audience: 'customer' | 'internal' = 'customer',
): Promise<StepDelivery> {
  const { messages } = ports;
  const delivery: StepDelivery = { messageIds: [], skippedChannels: [], failedChannels: [] };
  for (const channel of channels) {
    const recipient = recipientFor(channel, invoice.customer);
    if (!recipient) {
      delivery.skippedChannels.push(channel);
      continue;
    }
    const composed = compose(channel);
    const idempotencyKey = `invoice:${invoice.id}:step:${stepKey}:${channel}`;
    const stored = await messages.claim({
      idempotencyKey, invoiceId: invoice.id, customerId: invoice.customer.id,
      step: stepKey, channel, recipient, subject: composed.subject, body: composed.body, audience,
    });
    delivery.messageIds.push(stored.id);
    // Already handled by an earlier attempt, a refusal it recorded stays in this step's report.
    const status = await sendClaimedMessage(ports, { ...stored, channel, recipient, subject: composed.subject, body: composed.body, idempotencyKey });
    if (status === 'failed') delivery.failedChannels.push(channel);
  }
  return delivery;
}
