import type { Client } from '@temporalio/client';
import type { CustomerCommsPort } from '../../activities/customer-message-ports.js';
import type { customerCommunicationsWorkflow } from '../../workflows/customer-communications.workflow.js';
import {
  customerCommsWorkflowId, customerMessageRequestedSignal, type CustomerMessageRequest,
} from '../../workflows/definitions.js';
import { startPriority } from '../temporal/task-priority.js';

/**
 * Hands invoice steps to their customer's communications workflow with
 * signal-with-start: the signal reaches the running workflow, or starts one
 * (a closed run is followed by a new one under the same id).
 */
export class TemporalCustomerComms implements CustomerCommsPort {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    /** How long a batch stays open at most after its first request. */
    private readonly batchDelayMs: number,
    /** How long a batch waits for more after its latest request. */
    private readonly batchQuietMs: number,
  ) {}

  async enqueue(customerId: string, request: CustomerMessageRequest): Promise<{ workflowId: string }> {
    const workflowId = customerCommsWorkflowId(customerId);
    await this.client.workflow.signalWithStart<typeof customerCommunicationsWorkflow, [CustomerMessageRequest]>(
      'customerCommunicationsWorkflow',
      {
        workflowId,
        taskQueue: this.taskQueue,
        // A message is due: ahead of starts that only set a timer (a run keeps the priority it started with).
        priority: startPriority('live', 'due_now'),
        args: [{ customerId, batchDelayMs: this.batchDelayMs, batchQuietMs: this.batchQuietMs }],
        signal: customerMessageRequestedSignal,
        signalArgs: [request],
      },
    );
    return { workflowId };
  }
}
