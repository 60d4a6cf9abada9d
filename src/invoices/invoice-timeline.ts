import type { EntityManager } from 'typeorm';
import { InvoiceEvent } from './invoice-event.entity.js';

type TimelineEvent = { type: string; dedupeKey: string; data?: Record<string, unknown>; occurredAt?: Date };

/** Appends a timeline event once: a second append with the same dedupe key does nothing. */
export async function appendInvoiceEvent(manager: EntityManager, invoiceId: string, event: TimelineEvent): Promise<void> {
  await appendInvoiceEvents(manager, invoiceId, [event]);
}

/** Appends several timeline events in one statement, each once (see appendInvoiceEvent). */
export async function appendInvoiceEvents(manager: EntityManager, invoiceId: string, events: readonly TimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(InvoiceEvent)
    .values(events.map((event) => ({
      invoiceId,
      type: event.type,
      dedupeKey: event.dedupeKey,
      // TypeORM's deep-partial typing rejects an open record; the column is jsonb.
      data: (event.data ?? {}) as never,
      occurredAt: event.occurredAt ?? new Date(),
    })))
    .orIgnore()
    .updateEntity(false)
    .execute();
}
