import { ApplicationFailure } from '@temporalio/activity';
import { ERP_WEBHOOK_REJECTED } from '../workflows/erp-outbox.definitions.js';
import type { ErpDeliveryOutcome, ErpDeliveryStartPort, ErpOutboxPort } from './erp-outbox-port.js';

/**
 * Delivers one outbox event to the ERP. Throws (retryable) until the ERP
 * acknowledges; workflows call it with ERP_DELIVERY_ACTIVITY_OPTIONS (no
 * attempt limit), so an ERP outage delays the event but never loses it. An
 * answer no retry can change (a 4xx other than 408/429) is non-retryable,
 * typed ERP_WEBHOOK_REJECTED: the port has marked the event failed and alerted admins.
 */
export function createErpOutboxActivities(ports: { erpOutbox: ErpOutboxPort; erpDeliveries: ErpDeliveryStartPort }) {
  return {
    /** Hands the event to its own delivery workflow, which the calling workflow does not wait for. */
    async startErpDeliveryWorkflow(outboxId: string): Promise<'started' | 'running'> {
      return ports.erpDeliveries.start(outboxId);
    },

    async deliverErpEvent(outboxId: string): Promise<ErpDeliveryOutcome> {
      try {
        return await ports.erpOutbox.deliver(outboxId);
      } catch (err) {
        if ((err as { code?: string }).code === ERP_WEBHOOK_REJECTED) {
          throw ApplicationFailure.create({ type: ERP_WEBHOOK_REJECTED, message: (err as Error).message, nonRetryable: true });
        }
        throw err;
      }
    },
  };
}

export type ErpOutboxActivities = ReturnType<typeof createErpOutboxActivities>;
