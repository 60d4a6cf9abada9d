import type { DeliveryReceipt, NotificationSender, OutboundNotification } from './notification.port.js';

export type NotificationLog = (line: string) => void;

/**
 * Development adapter: nothing leaves the machine. The caller stores the message for a person to
 * read; this only prints one line so a developer sees that something would have been sent.
 */
export class RecordingSender implements NotificationSender {
  constructor(private readonly log: NotificationLog = (line) => console.log(line)) {}

  async send(notification: OutboundNotification): Promise<DeliveryReceipt> {
    const subject = notification.channel === 'email' ? ` subject=${JSON.stringify(notification.subject ?? '')}` : '';
    this.log(`[notifications] recorded ${notification.channel} to ${notification.to}${subject} (not sent: no provider configured)`);
    return { status: 'recorded', providerMessageId: null };
  }
}
