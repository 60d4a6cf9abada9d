import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MessageDraft, OutboundMessagePort, StoredMessage } from '../../activities/ports.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { Clock, systemClock } from '../clock/clock.js';

/** The outbound-message port of the dunning activities, over PostgreSQL. */
@Injectable()
export class OutboundMessageStore implements OutboundMessagePort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async claim(draft: MessageDraft): Promise<StoredMessage> {
    // The unique idempotency key makes a retried activity find its earlier row.
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(OutboundMessage)
      .values({ ...draft, status: 'pending' })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const row = await this.dataSource.manager.findOneByOrFail(OutboundMessage, { idempotencyKey: draft.idempotencyKey });
    return { id: row.id, status: row.status };
  }

  async markDelivered(id: string, status: 'sent' | 'recorded' | 'to_post', providerMessageId: string | null): Promise<void> {
    await this.dataSource.manager.update(OutboundMessage, { id }, { status, providerMessageId, sentAt: this.clock.now(), error: null });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.manager.update(OutboundMessage, { id }, { status: 'failed', error: error.slice(0, 2000) });
  }
}
