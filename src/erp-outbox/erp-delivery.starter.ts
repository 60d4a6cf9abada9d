import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ErpDeliveryStartPort } from '../../activities/erp-outbox-port.js';
import { AppConfig } from '../config/app-config.js';
import { erpDeliveryWorkflowId } from '../../workflows/erp-outbox.definitions.js';
import type { erpDeliveryWorkflow } from '../../workflows/erp-delivery.workflow.js';

/** Starts an event's delivery workflow: from the API (an operator's retry) and from the worker (the activity workflows call). */
@Injectable()
export class ErpDeliveryStarter implements ErpDeliveryStartPort {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** `running` when a delivery of the event is already under way: it carries the retry. */
  async start(outboxId: string): Promise<'started' | 'running'> {
    try {
      await this.client.workflow.start<typeof erpDeliveryWorkflow>('erpDeliveryWorkflow', {
        workflowId: erpDeliveryWorkflowId(outboxId),
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [outboxId],
      });
      return 'started';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
      throw err;
    }
  }
}
