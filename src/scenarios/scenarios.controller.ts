import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, Inject, Param, Post, Put } from '@nestjs/common';
import { CreateScenarioDto, PublishScenarioDto, UpdateScenarioDto } from './scenario.dto.js';
import { PromoteExperimentDto, StartExperimentDto } from './scenario-experiment.dto.js';
import type { ExperimentView } from './scenario-experiment.views.js';
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

  @Post()
  @Roles('credit_manager')
  create(@Body() dto: CreateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.create(dto);
  }

  @Get()
  @Roles('collector', 'credit_manager')
  list(): Promise<ScenarioSummaryView[]> {
    return this.scenarios.list();
  }

  @Get(':id')
  @Roles('collector', 'credit_manager')
  get(@Param('id', new IdPipe('Scenario')) id: string): Promise<ScenarioView> {
    return this.scenarios.get(id);
  }

  @Put(':id')
  @Roles('credit_manager')
  update(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: UpdateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.update(id, dto);
  }

  /** 201: a version is a new resource. */
  @Post(':id/publish')
  @Roles('credit_manager')
  publish(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: PublishScenarioDto): Promise<ScenarioVersionView> {
    return this.publisher.publish(id, dto.inFlightPolicy);
  }

  /** 201: an A/B test of two versions (the draft published as B unless `versionB` is named). */
  @Post(':id/experiment')
  @Roles('credit_manager')
  startExperiment(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: StartExperimentDto): Promise<ExperimentView> {
    return this.experiments.start(id, dto);
  }

  /** 201: the winner's definition published as the next version; the experiment ends. */
  @Post(':id/experiment/promote')
  @Roles('credit_manager')
  promoteExperiment(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: PromoteExperimentDto): Promise<ExperimentView> {
    return this.experiments.promote(id, dto);
  }

  @Get(':id/versions/:version')
  @Roles('collector', 'credit_manager')
  getVersion(@Param('id', new IdPipe('Scenario')) id: string, @Param('version') version: string): Promise<ScenarioVersionView> {
    return this.scenarios.getVersion(id, version);
  }
}
