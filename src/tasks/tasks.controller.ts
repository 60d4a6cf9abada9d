import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CheckpointDecisionDto, ListTasksQuery } from './checkpoint-decision.dto.js';
import { TasksService } from './tasks.service.js';
import { InvoiceParam } from '../invoices/invoice-ref.js';

@Controller('api/v1')
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  @Get('tasks')
  @Roles('collector', 'credit_manager')
  list(@Query() query: ListTasksQuery) {
    return this.tasks.list(query);
  }

  /** Approves or rejects a dunning step that waits for a collector (a scenario checkpoint). */
  @Post('invoices/:id/checkpoints/:stepKey/decision')
  @Roles('collector', 'credit_manager')
  @HttpCode(200)
  decide(@InvoiceParam() id: string, @Param('stepKey') stepKey: string, @Body() dto: CheckpointDecisionDto) {
    return this.tasks.decideCheckpoint(id, stepKey, dto);
  }
}
