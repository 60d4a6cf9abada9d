import { ApiProperty } from '@nestjs/swagger';
import { TASK_TITLE_CODES, type TaskTitleCode, type TaskTitleParams } from '../../activities/task-titles.js';
import { ApiTaskTitleParams } from '../tasks/task-title.openapi.js';
import { ApiDecimalAmount } from '../openapi/dto-schemas.js';
import { ApiReasonParams } from '../openapi/reason-params.js';
import { SCORE_REASON_CODES, type RankedTask, type ScoreReason, type ScoreReasonParams } from './worklist-ranking.js';

// Response schema of GET /worklist. `implements` keeps it in step with the ranking's types.

class WorklistScoreReasonResponse implements ScoreReason {
  @ApiProperty({ enum: SCORE_REASON_CODES }) code!: ScoreReason['code'];
  @ApiProperty({ description: 'What it multiplies the score by (1: no effect)' }) factor!: number;
  @ApiReasonParams('RISK_CLASS: riskClass (or "none" and countedAs); OPEN_AMOUNT: invoices (0: nothing open), amount, currency; '
    + 'LATENESS: basis ("none", "overdue", "predicted"), invoice, days, expectedDate; OVERDUE_TASKS: tasks', { basis: 'overdue', invoice: 'F2026-001', days: 10 }) params!: ScoreReasonParams;
  @ApiProperty({ example: 'F2026-001 is 10 days past due', description: 'The same reason in English' }) detail!: string;
}

class WorklistCustomerRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
}

class WorklistRankedCustomerRefResponse extends WorklistCustomerRefResponse {
  @ApiProperty({ type: 'string', nullable: true, enum: ['A', 'B', 'C', 'D', 'E'] }) riskClass!: string | null;
}

class WorklistAmountResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() amount!: string;
}

class WorklistInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The ERP's id of the invoice" }) externalId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() openAmount!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty() predictedDaysLate!: number;
  @ApiProperty({ format: 'date' }) expectedPaymentDate!: string;
}

class WorklistTaskResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'call' }) kind!: string;
  @ApiProperty({ description: 'In plain English: a fallback for integrators, and all a task stored before titles had codes has (titleCode null)' })
  title!: string;
  @ApiProperty({ type: 'string', enum: TASK_TITLE_CODES, nullable: true, description: 'The title as a code, to write from titleParams in the reader\'s language; null: use title' })
  titleCode!: TaskTitleCode | null;
  @ApiTaskTitleParams() titleParams!: TaskTitleParams | null;
  @ApiProperty({ format: 'date-time', description: 'The effective due instant (the snooze\'s end when later)' }) dueAt!: string;
  @ApiProperty() overdue!: boolean;
}

class WorklistRankedCustomerResponse {
  @ApiProperty() rank!: number;
  @ApiProperty({ description: 'risk × amount × lateness (× 1.2 with an overdue task)' }) score!: number;
  @ApiProperty({ type: [WorklistScoreReasonResponse] }) reasons!: WorklistScoreReasonResponse[];
  @ApiProperty({ type: WorklistRankedCustomerRefResponse }) customer!: WorklistRankedCustomerRefResponse;
  @ApiProperty({ type: [WorklistAmountResponse], description: 'Open balance per currency' }) openAmounts!: WorklistAmountResponse[];
  @ApiProperty({ type: [WorklistInvoiceResponse] }) invoices!: WorklistInvoiceResponse[];
  @ApiProperty({ type: [WorklistTaskResponse] }) tasks!: WorklistTaskResponse[];
}

class WorklistRankedTaskResponse extends WorklistTaskResponse implements RankedTask {
  @ApiProperty() rank!: number;
  @ApiProperty({ type: WorklistCustomerRefResponse }) customer!: WorklistCustomerRefResponse;
  @ApiProperty() customerScore!: number;
}

class WorklistPriorityReasonResponse {
  @ApiProperty({ example: 'OVERDUE' }) code!: string;
  @ApiProperty() points!: number;
  @ApiProperty() detail!: string;
}

class WorklistItemInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount() openAmount!: string;
}

class WorklistItemResponse {
  @ApiProperty() rank!: number;
  @ApiProperty() priority!: number;
  @ApiProperty({ type: [WorklistPriorityReasonResponse] }) reasons!: WorklistPriorityReasonResponse[];
  @ApiProperty({ type: WorklistItemInvoiceResponse }) invoice!: WorklistItemInvoiceResponse;
  @ApiProperty({ type: WorklistCustomerRefResponse }) customer!: WorklistCustomerRefResponse;
  @ApiProperty() openTasks!: number;
}

class WorklistCollectorResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class WorklistResponse {
  @ApiProperty({ example: 'default' }) entity!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: WorklistCollectorResponse, nullable: true, description: 'null: every customer of the entity (credit manager)' })
  collector!: WorklistCollectorResponse | null;
  @ApiProperty({ type: [WorklistRankedCustomerResponse], description: 'Highest score first' }) customers!: WorklistRankedCustomerResponse[];
  @ApiProperty({ type: [WorklistRankedTaskResponse], description: 'Overdue first, then by the customer\'s score, then by due instant' })
  tasks!: WorklistRankedTaskResponse[];
  @ApiProperty({ description: 'Open tasks left out until their snooze ends' }) snoozedTasks!: number;
  @ApiProperty({ type: [WorklistItemResponse], description: 'Open invoices overdue or due within 30 days, by priority' }) items!: WorklistItemResponse[];
}
