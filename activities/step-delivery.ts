import type { ScenarioChannel } from '../workflows/domain/scenario.js';
import type { ComposedMessage, DunningActivityPorts, DunningInvoiceView } from './ports.js';

export interface StepDelivery {
  messageIds: string[];
  /** Channels with no recipient (no phone for SMS…). */
  skippedChannels: string[];
  /** Channels a provider refused for good. */
  failedChannels: string[];
}

function recipientFor(channel: ScenarioChannel, invoice: DunningInvoiceView): string | null {
  switch (channel) {
    case 'email':
      return invoice.customer.email;
    case 'sms':
      return invoice.customer.phone;
    case 'letter':
      return invoice.customer.name;
  }
}

function isNonRetryableDelivery(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retryable?: unknown }).retryable === false;
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
): Promise<StepDelivery> {
  const { messages, notifier } = ports;
  const delivery: StepDelivery = { messageIds: [], skippedChannels: [], failedChannels: [] };
  for (const channel of channels) {
    const recipient = recipientFor(channel, invoice);
    if (!recipient) {
      delivery.skippedChannels.push(channel);
      continue;
    }
    const composed = compose(channel);
    const idempotencyKey = `invoice:${invoice.id}:step:${stepKey}:${channel}`;
    const stored = await messages.claim({
      idempotencyKey, invoiceId: invoice.id, customerId: invoice.customer.id,
      step: stepKey, channel, recipient, subject: composed.subject, body: composed.body,
    });
    delivery.messageIds.push(stored.id);
    if (stored.status !== 'pending') {
      // Already handled by an earlier attempt; a refusal it recorded stays in this step's report.
      if (stored.status === 'failed') delivery.failedChannels.push(channel);
      continue;
    }
    if (channel === 'letter') {
      await ports.letters.storeLetter(stored.id);
      await messages.markDelivered(stored.id, 'to_post', null);
      continue;
    }
    try {
      const receipt = await notifier.send({
        channel, to: recipient, subject: composed.subject ?? undefined, body: composed.body, idempotencyKey,
      });
      await messages.markDelivered(stored.id, receipt.status, receipt.providerMessageId);
    } catch (err) {
      if (!isNonRetryableDelivery(err)) throw err; // the activity retry policy takes over
      // A provider refusal (bad address…) will not heal by retrying: record it and move on.
      await messages.markFailed(stored.id, err instanceof Error ? err.message : String(err));
      delivery.failedChannels.push(channel);
    }
  }
  return delivery;
}
