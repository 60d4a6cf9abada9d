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

  /**
   * One row per (invoice, step, channel, message), one query. From the provider's events:
   * `delivered` is null with no event yet, else whether a `delivered` came; `opened` (email
   * only: an SMS is never opened) likewise from `open` or `click`.
   */
  forInvoices(invoiceIds: readonly string[]): Promise<StepMessageRecord[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `WITH carried AS (
         SELECT i.invoice_id, i.step, m.channel, m.id, m.status
           FROM outbound_message_items i JOIN outbound_messages m ON m.id = i.message_id
          WHERE i.invoice_id = ANY($1::uuid[]) AND m.audience = 'customer'
         UNION
         SELECT m.invoice_id, m.step, m.channel, m.id, m.status
           FROM outbound_messages m
          WHERE m.invoice_id = ANY($1::uuid[]) AND m.step IS NOT NULL AND m.audience = 'customer'
            AND NOT EXISTS (SELECT 1 FROM outbound_message_items x WHERE x.message_id = m.id)
       )
       SELECT c.invoice_id AS "invoiceId", c.step, c.channel, c.id AS "messageId", c.status,
              CASE WHEN e.events = 0 THEN NULL ELSE e.delivered END AS delivered,
              CASE WHEN e.events = 0 OR c.channel <> 'email' THEN NULL ELSE e.opened END AS opened
         FROM carried c
         CROSS JOIN LATERAL (
           SELECT count(*) AS events,
                  coalesce(bool_or(d.event = 'delivered'), false) AS delivered,
                  coalesce(bool_or(d.event IN ('open', 'click')), false) AS opened
             FROM message_delivery_events d WHERE d.message_id = c.id
         ) e`,
      [invoiceIds],
    );
  }
}
