import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OutboundChannel, OutboundStatus } from './outbound-message.entity.js';

/** A customer message that carried one invoice's scenario step on one channel. */
export interface StepMessageRecord {
  invoiceId: string;
  step: string;
  channel: OutboundChannel;
  messageId: string;
  status: OutboundStatus;
  /** Whether the provider reported it delivered / opened; null: delivery is not tracked. */
  delivered: boolean | null;
  opened: boolean | null;
}

/**
 * The customer messages that carried invoices' steps, sent alone or consolidated with
 * the customer's other invoices (outbound_message_items), for scenario effectiveness.
 */
@Injectable()
export class StepMessageReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row per (invoice, step, channel, message), one query. */
  forInvoices(invoiceIds: readonly string[]): Promise<StepMessageRecord[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT i.invoice_id AS "invoiceId", i.step, m.channel, m.id AS "messageId", m.status,
              NULL::boolean AS delivered, NULL::boolean AS opened
         FROM outbound_message_items i JOIN outbound_messages m ON m.id = i.message_id
        WHERE i.invoice_id = ANY($1::uuid[]) AND m.audience = 'customer'
       UNION
       SELECT m.invoice_id, m.step, m.channel, m.id, m.status, NULL::boolean, NULL::boolean
         FROM outbound_messages m
        WHERE m.invoice_id = ANY($1::uuid[]) AND m.step IS NOT NULL AND m.audience = 'customer'
          AND NOT EXISTS (SELECT 1 FROM outbound_message_items x WHERE x.message_id = m.id)`,
      [invoiceIds],
    );
  }
}
