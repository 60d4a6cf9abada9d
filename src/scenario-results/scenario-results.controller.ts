import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { IdPipe } from '../common/uuid.js';
import { EffectivenessResponse, ExperimentComparisonResponse } from './scenario-results.openapi.js';
import { ScenarioResultsService } from './scenario-results.service.js';

/** What scenarios achieve: per step (effectiveness) and per experiment arm. Credit managers own scenarios. */
@Controller('api/v1/scenarios')
export class ScenarioResultsController {
  constructor(@Inject(ScenarioResultsService) private readonly results: ScenarioResultsService) {}

  /** Per version, step and channel: messages, delivery, invoices paid within 3/7/14 days, cash, promises, disputes, days late. */
  @Get(':id/effectiveness')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'Per version, step and channel: what the step achieved', type: EffectivenessResponse })
  effectiveness(@Param('id', new IdPipe('Scenario')) id: string): Promise<EffectivenessResponse> {
    return this.results.effectiveness(id);
  }

  /** The running (else latest) experiment: each arm's paid-within-14-days rate and days to pay, with 95 % intervals. */
  @Get(':id/experiment')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'The running (else latest) experiment, each arm with its figures, and B − A', type: ExperimentComparisonResponse })
  experiment(@Param('id', new IdPipe('Scenario')) id: string): Promise<ExperimentComparisonResponse> {
    return this.results.experiment(id);
  }
}
