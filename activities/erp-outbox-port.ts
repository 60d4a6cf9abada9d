/**
 * Events for the ERP (credit-note requests, credit-limit changes): an outbox
 * row written in the same transaction as the business change, then delivered
 * as a signed webhook by an activity retried until the ERP acknowledges.
 */
export interface ErpEvent {
  /** Business key under a unique index: enqueuing twice keeps one row. */
  idempotencyKey: string;
  /** e.g. `credit_note.requested`, `credit_limit.changed`. */
  type: string;
  data: Record<string, unknown>;
}

export type ErpDeliveryOutcome = 'delivered' | 'held';

export interface ErpOutboxPort {
  /**
   * Posts the event to the configured ERP webhook; `held` when no webhook is
   * configured. Throws on a non-2xx answer: with code ERP_WEBHOOK_REJECTED
   * (after marking the event failed and alerting admins) when the answer is a
   * 4xx other than 408/429, which no retry can change.
   */
  deliver(outboxId: string): Promise<ErpDeliveryOutcome>;
}

/** Starts an event's own delivery workflow (erp-delivery:<eventId>); `running` when one already runs. */
export interface ErpDeliveryStartPort {
  start(outboxId: string): Promise<'started' | 'running'>;
}
