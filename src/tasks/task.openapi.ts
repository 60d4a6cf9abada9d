import { ApiProperty } from '@nestjs/swagger';
import { TASK_TITLE_CODES, type TaskTitleCode, type TaskTitleParams } from '../../activities/task-titles.js';
import { ApiTaskTitleParams } from './task-title.openapi.js';
import { TASK_KINDS, TASK_STATUSES } from './task-rules.js';
import type { TaskView } from './tasks.service.js';

// Response schemas of the task routes. `implements` and the controller's return types keep them in step with TasksService.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;
const NULLABLE_UUID = { type: 'string', format: 'uuid', nullable: true } as const;

class TaskAssigneeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
}

export class TaskResponse implements TaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ description: 'In plain English: a fallback for integrators, and all a task stored before titles had codes has (titleCode null)' })
  title!: string;
  @ApiProperty({ type: 'string', enum: TASK_TITLE_CODES, nullable: true, description: 'The title as a code, to write from titleParams in the reader\'s language; null: use title' })
  titleCode!: TaskTitleCode | null;
  @ApiTaskTitleParams() titleParams!: TaskTitleParams | null;
  @ApiProperty({ description: 'The scenario step (or call_logged, call_back…) that opened it' }) step!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) snoozedUntil!: string | null;
  @ApiProperty({ format: 'date-time', description: 'The snooze\'s end when later than dueAt, else dueAt' }) effectiveDueAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() snoozed!: boolean;
  @ApiProperty({ type: TaskAssigneeResponse, nullable: true, description: 'The task\'s own assignee, else the holder of the customer\'s portfolio' })
  assignee!: TaskAssigneeResponse | null;
  @ApiProperty({ type: 'string', enum: ['task', 'portfolio'], nullable: true }) assigneeSource!: 'task' | 'portfolio' | null;
  @ApiProperty(NULLABLE_UUID) invoiceId!: string | null;
  @ApiProperty(NULLABLE_STRING) invoiceNumber!: string | null;
  @ApiProperty(NULLABLE_STRING) invoiceExternalId!: string | null;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty(NULLABLE_STRING) customerExternalId!: string | null;
  @ApiProperty(NULLABLE_STRING) customerName!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'How it was closed (an outcome its kind allows, or what the workflow recorded)' }) outcome!: string | null;
  @ApiProperty(NULLABLE_STRING) note!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty(NULLABLE_STRING) closedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Details of its kind (invoice ids, call-back day, promise terms…)' })
  data!: Record<string, unknown>;
}

export class TaskListPageResponse {
  @ApiProperty({ type: [TaskResponse] }) items!: TaskResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Matching tasks; null when asked total=false' }) total!: number | null;
  @ApiProperty() limit!: number;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: string | null;
}

/** A completion (or a logged call): the task closed, and what its outcome opened. */
export class TaskCompletionResponse {
  @ApiProperty({ type: TaskResponse }) task!: TaskResponse;
  @ApiProperty({ ...NULLABLE_UUID, description: 'The call-back task a call_back_on outcome opened' }) followUpTaskId!: string | null;
  @ApiProperty({ ...NULLABLE_UUID, description: 'The promise a promise outcome made' }) promiseId!: string | null;
}
