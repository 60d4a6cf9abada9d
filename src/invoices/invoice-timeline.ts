import type { EntityManager } from 'typeorm';
import { InvoiceEvent } from './invoice-event.entity.js';

/** Appends a timeline event once: a second append with the same dedupe key does nothing. */
export async function appendInvoiceEvent(
  manager: EntityManager,
  invoiceId: string,
  event: { type: string; dedupeKey: string; data?: Record<string, unknown>; occurredAt?: Date },
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(InvoiceEvent)
    .values({
      invoiceId,
      type: event.type,
      dedupeKey: event.dedupeKey,
      // TypeORM's deep-partial typing rejects an open record; the column is jsonb.
      data: (event.data ?? {}) as never,
      occurredAt: event.occurredAt ?? new Date(),
    })
    .orIgnore()
    .updateEntity(false)
    .execute();
}
