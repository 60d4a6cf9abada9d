/**
 * Delivers one ERP outbox event, on its own: retried until the ERP
 * acknowledges (network errors, 408, 429, 5xx), or ended as `failed` when the
 * ERP refuses it for good (other 4xx; the activity marks the event and alerts
 * admins). Started by the workflow that produced the event, which does not
 * wait for it, and again by an operator's retry.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { ErpOutboxActivities } from '../activities/erp-outbox.activities.js';
import {
  ERP_DELIVERY_ACTIVITY_OPTIONS, ERP_WEBHOOK_REJECTED, erpDeliveryWorkflowId, type ErpDeliveryWorkflowResult,
} from './erp-outbox.definitions.js';

const erp = proxyActivities<ErpOutboxActivities>(ERP_DELIVERY_ACTIVITY_OPTIONS);

/** True when the delivery failed because the ERP refused the event for good. */
export function isErpRejection(err: unknown): boolean {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === ERP_WEBHOOK_REJECTED;
}

/** For a delivery awaited in place (workflows started before ERP_DELIVERY_CHILD_PATCH): a refusal is recorded and alerted, not the caller's failure. */
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
 * Starts the event's delivery workflow as a child the caller abandons: the
 * caller goes on (and may complete) while the delivery retries. A delivery
 * already running for the event is left to finish.
 */
export async function startErpDelivery(outboxId: string): Promise<void> {
  try {
    await startChild(erpDeliveryWorkflow, {
      workflowId: erpDeliveryWorkflowId(outboxId),
      args: [outboxId],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
