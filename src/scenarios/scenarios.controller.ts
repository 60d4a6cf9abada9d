import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ScenarioResponse, ScenarioSummaryResponse, ScenarioVersionResponse } from './scenario.openapi.js';
import { CreateScenarioDto, PublishScenarioDto, UpdateScenarioDto } from './scenario.dto.js';
import { PromoteExperimentDto, StartExperimentDto } from './scenario-experiment.dto.js';
import { ExperimentResponse } from './scenario-experiment.openapi.js';
import { ScenarioExperimentsService } from './scenario-experiments.service.js';
import { ScenarioPublisher } from './scenario-publisher.js';
import { ScenariosService } from './scenarios.service.js';
import type { ScenarioSummaryView, ScenarioVersionView, ScenarioView } from './scenario.views.js';
import { IdPipe } from '../common/uuid.js';

/** Dunning scenarios as data: a draft is edited, publishing freezes a numbered version. */
@Controller('api/v1/scenarios')
export class ScenariosController {
  constructor(
    @Inject(ScenariosService) private readonly scenarios: ScenariosService,
    @Inject(ScenarioPublisher) private readonly publisher: ScenarioPublisher,
    @Inject(ScenarioExperimentsService) private readonly experiments: ScenarioExperimentsService,
  ) {}

  @ApiResponse({ status: 201, description: 'The new scenario with its empty draft', type: ScenarioResponse })
  @Post()
  @Roles('credit_manager')
  create(@Body() dto: CreateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.create(dto);
  }

  @ApiResponse({ status: 200, description: 'Every scenario', type: [ScenarioSummaryResponse] })
  @Get()
  @Roles('collector', 'credit_manager')
  list(): Promise<ScenarioSummaryView[]> {
    return this.scenarios.list();
  }

  @ApiResponse({ status: 200, description: 'The scenario, its draft and versions', type: ScenarioResponse })
  @Get(':id')
  @Roles('collector', 'credit_manager')
  get(@Param('id', new IdPipe('Scenario')) id: string): Promise<ScenarioView> {
    return this.scenarios.get(id);
  }

  @ApiResponse({ status: 200, description: 'The saved draft', type: ScenarioResponse })
  @Put(':id')
  @Roles('credit_manager')
  update(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: UpdateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.update(id, dto);
  }

  /** 201: a version is a new resource. */
  @ApiResponse({ status: 201, description: 'The published version', type: ScenarioVersionResponse })
  @Post(':id/publish')
  @Roles('credit_manager')
  publish(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: PublishScenarioDto): Promise<ScenarioVersionView> {
    return this.publisher.publish(id, dto.inFlightPolicy);
  }

  /** 201: an A/B test of two versions (the draft published as B unless `versionB` is named). */
  @ApiResponse({ status: 201, description: 'The experiment, running', type: ExperimentResponse })
  @Post(':id/experiment')
  @Roles('credit_manager')
  startExperiment(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: StartExperimentDto): Promise<ExperimentResponse> {
    return this.experiments.start(id, dto);
  }

  /** 201: the winner's definition published as the next version; the experiment ends. */
  @ApiResponse({ status: 201, description: 'The experiment, promoted: `promotedVersion` is the version published', type: ExperimentResponse })
  @Post(':id/experiment/promote')
  @Roles('credit_manager')
  promoteExperiment(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: PromoteExperimentDto): Promise<ExperimentResponse> {
    return this.experiments.promote(id, dto);
  }

  @ApiResponse({ status: 200, description: 'A published version', type: ScenarioVersionResponse })
  @Get(':id/versions/:version')
  @Roles('collector', 'credit_manager')
  getVersion(@Param('id', new IdPipe('Scenario')) id: string, @Param('version') version: string): Promise<ScenarioVersionView> {
    return this.scenarios.getVersion(id, version);
  }
}
