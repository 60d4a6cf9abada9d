/** Node-free: how workflows call the ERP delivery activity, and what `src/` shares with them. */
import type { ActivityOptions } from '@temporalio/workflow';

/**
 * The ERP refused the event for good (a 4xx other than 408/429): the event is
 * marked `failed`, admins are alerted, and only an operator's retry sends it again.
 */
export const ERP_WEBHOOK_REJECTED = 'ERP_WEBHOOK_REJECTED';

/** Retried every 10 s doubling to hourly, with no attempt limit: until the ERP acknowledges or refuses for good. */
export const ERP_DELIVERY_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', nonRetryableErrorTypes: [ERP_WEBHOOK_REJECTED] },
};

/**
 * Patch: workflows hand each ERP event to its own delivery workflow (started
 * by an activity, not a child) instead of awaiting the delivery activity, so
 * an ERP outage never holds them open.
 */
export const ERP_DELIVERY_WORKFLOW_PATCH = 'erp-delivery-workflow';

/** One delivery workflow id per outbox event: a second start while one runs is refused, an operator's retry reuses it once closed. */
export const erpDeliveryWorkflowId = (outboxId: string): string => `erp-delivery:${outboxId}`;

export type ErpDeliveryWorkflowResult = { outcome: 'delivered' | 'held' | 'failed' };
