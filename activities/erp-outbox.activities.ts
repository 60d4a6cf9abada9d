import type { ErpDeliveryOutcome, ErpOutboxPort } from './erp-outbox-port.js';

/**
 * Delivers one outbox event to the ERP. Throws (retryable) until the ERP
 * acknowledges; workflows call it with ERP_DELIVERY_ACTIVITY_OPTIONS
 * (no attempt limit), so an ERP outage delays the event but never loses it.
 */
export function createErpOutboxActivities(ports: { erpOutbox: ErpOutboxPort }) {
  return {
    async deliverErpEvent(outboxId: string): Promise<ErpDeliveryOutcome> {
      return ports.erpOutbox.deliver(outboxId);
    },
  };
}

export type ErpOutboxActivities = ReturnType<typeof createErpOutboxActivities>;
