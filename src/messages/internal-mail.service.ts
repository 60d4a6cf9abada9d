import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { InternalMail, InternalMailPort } from '../../activities/internal-mail-port.js';
import type { MessageStatus } from '../../activities/ports.js';
import { sendClaimedMessage } from '../../activities/step-delivery.js';
import { NOTIFICATION_SENDER, type NotificationSender } from '../notifications/notification.port.js';
import { LetterDocumentStore } from './letter-document.store.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { OutboundMessageStore } from './outbound-message.store.js';

/**
 * Mail to staff, stored like customer messages (audience `internal`) and sent
 * once per idempotency key: a retried activity finds its row and does not send again.
 */
@Injectable()
export class InternalMailService implements InternalMailPort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboundMessageStore) private readonly messages: OutboundMessageStore,
    @Inject(LetterDocumentStore) private readonly letters: LetterDocumentStore,
    @Inject(NOTIFICATION_SENDER) private readonly notifier: NotificationSender,
  ) {}

  async send(mail: InternalMail): Promise<{ messageId: string; status: MessageStatus }> {
    const recipient = mail.to.toLowerCase();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(OutboundMessage)
      .values({
        idempotencyKey: mail.idempotencyKey, invoiceId: mail.invoiceId ?? null, customerId: mail.customerId, step: mail.topic,
        channel: 'email', audience: 'internal', recipient, subject: mail.subject, body: mail.body, status: 'pending',
      })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const row = await this.dataSource.manager.findOneByOrFail(OutboundMessage, { idempotencyKey: mail.idempotencyKey });
    const status = await sendClaimedMessage(
      { messages: this.messages, notifier: this.notifier, letters: this.letters },
      { id: row.id, status: row.status, channel: 'email', recipient: row.recipient, subject: row.subject, body: row.body, idempotencyKey: row.idempotencyKey },
    );
    return { messageId: row.id, status };
  }
}
