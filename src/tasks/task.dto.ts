import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO4217CurrencyCode, IsOptional, IsString, IsUUID, Length, ValidateNested, ValidateIf,
} from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { IsInstant, IsIsoDate } from '../common/iso-date.js';
import { BooleanParameter, ListQuery, sortParameterValues } from '../common/lists/list-query.js';
import { ALL_OUTCOMES, CALL_OUTCOMES, TASK_KINDS, TASK_STATUSES, type CallOutcome, type TaskKind } from './task-rules.js';

export const TASK_SORT_KEYS = { dueAt: true, createdAt: true } as const;

/** GET /api/v1/tasks. */
export class TaskListQuery extends ListQuery {
  /** `dueAt` (the effective due instant: a snooze's end when later; default) or `createdAt`; `-` first for descending. */
  @IsOptional() @IsIn(sortParameterValues(TASK_SORT_KEYS))
  sort?: string;

  @IsOptional() @IsIn(TASK_STATUSES)
  status?: (typeof TASK_STATUSES)[number];

  @IsOptional() @IsIn(TASK_KINDS)
  kind?: TaskKind;

  /** `me`, a user id (their own tasks and their portfolio's unassigned ones), or `unassigned` (customers no collector holds). */
  @IsOptional() @IsString() @Length(1, 64)
  assignee?: string;

  /** Open and past the effective due instant (true), or not (false), at the server's "now". */
  @IsOptional() @BooleanParameter() @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  /** Effective due instant before / on or after (ISO 8601 with an offset). */
  @IsOptional() @IsInstant() dueBefore?: string;
  @IsOptional() @IsInstant() dueFrom?: string;

  /** The customer's externalId (in `entity`, default the default entity). */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsOptional() @IsUUID('all', { message: 'invoiceId must be an invoice id (UUID)' })
  invoiceId?: string;
}

/** POST /api/v1/tasks/:id/assignment. */
export class AssignTaskDto {
  /** `me`, a user id, or null: back to whoever holds the customer's portfolio. */
  @ValidateIf((_o, v) => v !== null) @IsString() @Length(1, 64)
  assignee!: string | null;
}

/** POST /api/v1/tasks/:id/snooze. */
export class SnoozeTaskDto {
  @IsInstant()
  until!: string;
}

/** The promise a `promise` outcome records. */
export class CallPromiseDto {
  @DecimalAmount({ currencyField: 'currency' })
  amount!: string;

  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;

  @IsIsoDate()
  promisedFor!: string;

  /** The invoices promised (externalIds); default: the task's invoice, or every open invoice of the customer. */
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Length(1, 128, { each: true })
  invoiceExternalIds?: string[];
}

/** POST /api/v1/tasks/:id/completion. */
export class CompleteTaskDto {
  /** Allowed per kind: see task-rules.ts (`TASK_OUTCOMES`). */
  @IsIn(ALL_OUTCOMES)
  outcome!: string;

  @IsOptional() @IsString() @Length(1, 4000)
  note?: string;

  /** With `call_back_on`: the day to call back (a new call task is opened for it). */
  @IsOptional() @IsIsoDate()
  callBackOn?: string;

  /** With `promise`. */
  @IsOptional() @ValidateNested() @Type(() => CallPromiseDto)
  promise?: CallPromiseDto;
}

/** POST /api/v1/customers/:externalId/calls: a call made, recorded as a completed call task. */
export class LogCallDto {
  @IsIn(CALL_OUTCOMES)
  outcome!: CallOutcome;

  @IsOptional() @IsString() @Length(1, 4000)
  note?: string;

  /** When the call took place (default: now). */
  @IsOptional() @IsInstant()
  calledAt?: string;

  /** The invoices the call was about (externalIds). */
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @Length(1, 128, { each: true })
  invoiceExternalIds?: string[];

  @IsOptional() @IsIsoDate()
  callBackOn?: string;

  @IsOptional() @ValidateNested() @Type(() => CallPromiseDto)
  promise?: CallPromiseDto;

  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

export class CallEntityQuery {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}
