/**
 * Delivers one ERP outbox event, on its own: retried until the ERP
 * acknowledges (network errors, 408, 429, 5xx), or ended as `failed` when the
 * ERP refuses it for good (other 4xx; the activity marks the event and alerts
 * admins). Started (through an activity) by the workflow that produced the
 * event, which does not wait for it, and again by an operator's retry.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { ErpOutboxActivities } from '../activities/erp-outbox.activities.js';
import {
  ERP_DELIVERY_ACTIVITY_OPTIONS, ERP_WEBHOOK_REJECTED, type ErpDeliveryWorkflowResult,
} from './erp-outbox.definitions.js';

const erp = proxyActivities<ErpOutboxActivities>(ERP_DELIVERY_ACTIVITY_OPTIONS);
const starter = proxyActivities<ErpOutboxActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** True when the delivery failed because the ERP refused the event for good. */
export function isErpRejection(err: unknown): boolean {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === ERP_WEBHOOK_REJECTED;
}

/** For a delivery awaited in place (workflows started before ERP_DELIVERY_WORKFLOW_PATCH): a refusal is recorded and alerted, not the caller's failure. */
export function ignoreErpRejection(err: unknown): void {
  if (!isErpRejection(err)) throw err;
}

export async function erpDeliveryWorkflow(outboxId: string): Promise<ErpDeliveryWorkflowResult> {
  try {
    return { outcome: await erp.deliverErpEvent(outboxId) };
  } catch (err) {
    if (isErpRejection(err)) return { outcome: 'failed' };
    throw err;
  }
}

/**
 * Starts the event's delivery workflow (a workflow of its own, started by an
 * activity): the caller goes on, and may complete, while the delivery
 * retries. A delivery already running for the event is left to finish.
 */
export async function startErpDelivery(outboxId: string): Promise<void> {
  await starter.startErpDeliveryWorkflow(outboxId);
}
