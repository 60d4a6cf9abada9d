import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  MessageItemsAlreadyClaimedError,
  type BatchMessage, type BatchMessageDraft, type BatchMessagePort, type MessageItem,
} from '../../activities/customer-message-ports.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { OutboundMessageItem } from './outbound-message-item.entity.js';

interface MessageRow {
  id: string;
  idempotency_key: string;
  status: BatchMessage['status'];
  channel: BatchMessage['channel'];
  recipient: string;
  subject: string | null;
  body: string;
  invoice_count: number;
}

const MESSAGE_COLUMNS = `m.id, m.idempotency_key, m.status, m.channel, m.recipient, m.subject, m.body,
  (SELECT count(DISTINCT x.invoice_id)::int FROM outbound_message_items x WHERE x.message_id = m.id) AS invoice_count`;

function toBatchMessage(row: MessageRow): BatchMessage {
  return {
    id: row.id, idempotencyKey: row.idempotency_key, status: row.status, channel: row.channel, recipient: row.recipient,
    subject: row.subject, body: row.body, invoiceCount: row.invoice_count,
  };
}

/** Messages of customers' communications workflows and the invoice steps they carry, over PostgreSQL. */
@Injectable()
export class BatchMessageStore implements BatchMessagePort {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async messagesForItems(itemKeys: string[]): Promise<Map<string, BatchMessage>> {
    if (itemKeys.length === 0) return new Map();
    const rows: (MessageRow & { item_key: string })[] = await this.dataSource.query(
      `SELECT i.item_key, ${MESSAGE_COLUMNS}
         FROM outbound_message_items i JOIN outbound_messages m ON m.id = i.message_id
        WHERE i.item_key = ANY($1)`,
      [itemKeys],
    );
    return new Map(rows.map((r) => [r.item_key, toBatchMessage(r)]));
  }

  async claim(draft: BatchMessageDraft, key: { keyBase: string } | { exactKey: string }, items: MessageItem[]): Promise<BatchMessage> {
    return this.dataSource.transaction(async (m) => {
      // One customer's batches claim one after the other (an overlapping retry waits here).
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`customer-messages:${draft.customerId}`]);
      let messageId = 'exactKey' in key
        ? (await m.findOne(OutboundMessage, { where: { idempotencyKey: key.exactKey }, select: { id: true } }))?.id ?? null
        : null;
      const taken: { item_key: string; message_id: string }[] = await m.query(
        'SELECT item_key, message_id FROM outbound_message_items WHERE item_key = ANY($1)', [items.map((i) => i.itemKey)],
      );
      const elsewhere = taken.filter((t) => t.message_id !== messageId).map((t) => t.item_key);
      if (elsewhere.length > 0) throw new MessageItemsAlreadyClaimedError(elsewhere);
      if (!messageId) {
        const idempotencyKey = 'exactKey' in key ? key.exactKey : await this.freeKey(m, key.keyBase);
        const inserted = await m.insert(OutboundMessage, { ...draft, idempotencyKey, status: 'pending' });
        messageId = inserted.identifiers[0]!.id as string;
      }
      await m.createQueryBuilder().insert().into(OutboundMessageItem)
        .values(items.map((i) => ({ messageId: messageId!, invoiceId: i.invoiceId, step: i.stepKey, itemKey: i.itemKey })))
        .orIgnore()
        .updateEntity(false)
        .execute();
      const [row]: MessageRow[] = await m.query(`SELECT ${MESSAGE_COLUMNS} FROM outbound_messages m WHERE m.id = $1`, [messageId]);
      return toBatchMessage(row!);
    });
  }

  /** `base` for the day's first batch of a channel and action, then `base:2`, `base:3`… */
  private async freeKey(m: EntityManager, base: string): Promise<string> {
    const rows: { idempotency_key: string }[] = await m.query(
      'SELECT idempotency_key FROM outbound_messages WHERE idempotency_key = $1 OR starts_with(idempotency_key, $2)',
      [base, `${base}:`],
    );
    const used = new Set(rows.map((r) => r.idempotency_key));
    let n = 1;
    while (used.has(n === 1 ? base : `${base}:${n}`)) n++;
    return n === 1 ? base : `${base}:${n}`;
  }
}
