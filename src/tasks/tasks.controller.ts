import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { answerList } from '../common/lists/list-response.js';
import { IdPipe } from '../common/uuid.js';
import { CheckpointDecisionDto, type CheckpointDecisionView } from './checkpoint-decision.dto.js';
import { CheckpointDecisionResponse } from './checkpoint.openapi.js';
import { AssignTaskDto, CompleteTaskDto, CallEntityQuery, LogCallDto, SnoozeTaskDto, TaskListQuery } from './task.dto.js';
import { TasksService } from './tasks.service.js';
import { TaskCompletionResponse, TaskListPageResponse, TaskResponse } from './task.openapi.js';
import { InvoiceParam } from '../invoices/invoice-ref.js';

@Controller('api/v1')
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  /**
   * Tasks filtered (assignee, kind, status, overdue, due range, customer, invoice), sorted and paged
   * by cursor; CSV with `Accept: text/csv`. A collector sees their own work and the unassigned pool.
   */
  @Get('tasks')
  @Roles('collector', 'credit_manager')
  @ApiExtraModels(TaskListPageResponse)
  @ApiResponse({
    status: 200, description: 'A page of tasks; with `Accept: text/csv`, every matching task (one row each)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(TaskListPageResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async list(@Query() query: TaskListQuery, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerList(req, res, query, await this.tasks.source(query, principal));
  }

  @Get('tasks/:id')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The task', type: TaskResponse })
  get(@Param('id', new IdPipe('Task')) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskResponse> {
    return this.tasks.get(id, principal);
  }

  /** Assigns or reassigns an open task (`assignee`: `me`, a user id, or null for the portfolio's holder). */
  @Post('tasks/:id/assignment')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The task, assigned', type: TaskResponse })
  assign(@Param('id', new IdPipe('Task')) id: string, @Body() dto: AssignTaskDto, @CurrentPrincipal() principal: Principal): Promise<TaskResponse> {
    return this.tasks.assign(id, dto, principal);
  }

  /** Snoozes an open task until an instant: off the worklist and not overdue until then. */
  @Post('tasks/:id/snooze')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The task, snoozed', type: TaskResponse })
  snooze(@Param('id', new IdPipe('Task')) id: string, @Body() dto: SnoozeTaskDto, @CurrentPrincipal() principal: Principal): Promise<TaskResponse> {
    return this.tasks.snooze(id, dto, principal);
  }

  /** Completes an open task with an outcome its kind allows and a note (a checkpoint's outcome decides the dunning step). */
  @Post('tasks/:id/completion')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The task, closed, with the call-back task or promise its outcome opened', type: TaskCompletionResponse })
  complete(@Param('id', new IdPipe('Task')) id: string, @Body() dto: CompleteTaskDto, @CurrentPrincipal() principal: Principal): Promise<TaskCompletionResponse> {
    return this.tasks.complete(id, dto, principal);
  }

  /** Logs a call to the customer: a completed call task with its outcome and note. */
  @Post('customers/:externalId/calls')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 201, description: 'The call, recorded as a completed call task', type: TaskCompletionResponse })
  logCall(@Param('externalId') externalId: string, @Query() query: CallEntityQuery, @Body() dto: LogCallDto, @CurrentPrincipal() principal: Principal): Promise<TaskCompletionResponse> {
    return this.tasks.logCall(dto.entity ?? query.entity, externalId, dto, principal);
  }

  /** Approves or rejects a dunning step that waits for a collector (a scenario checkpoint). */
  @Post('invoices/:id/checkpoints/:stepKey/decision')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: "The decision, passed to the invoice's workflow", type: CheckpointDecisionResponse })
  decide(@InvoiceParam() id: string, @Param('stepKey') stepKey: string, @Body() dto: CheckpointDecisionDto): Promise<CheckpointDecisionView> {
    return this.tasks.decideCheckpoint(id, stepKey, dto);
  }
}
