import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import {
  AssignScenarioDto, AssignSegmentScenarioDto, EntityQueryDto, SegmentRuleQueryDto,
} from './scenario-assignment.dto.js';
import {
  customerRule, defaultRule, ScenarioAssignmentsService, segmentRule,
} from './scenario-assignments.service.js';
import type { AssignmentView } from './scenario.views.js';

/** Which scenario drives which invoices; `entity` (body or query) defaults to the default entity. */
@Controller('api/v1/scenario-assignments')
export class ScenarioAssignmentsController {
  constructor(@Inject(ScenarioAssignmentsService) private readonly assignments: ScenarioAssignmentsService) {}

  @Get()
  list(@Query() query: EntityQueryDto): Promise<AssignmentView[]> {
    return this.assignments.list(query.entity);
  }

  @Put('default')
  assignDefault(@Body() dto: AssignScenarioDto): Promise<AssignmentView> {
    return this.assignments.assign(dto.entity, defaultRule(), dto.scenarioId);
  }

  @Delete('default')
  @HttpCode(204)
  removeDefault(@Query() query: EntityQueryDto): Promise<void> {
    return this.assignments.remove(query.entity, defaultRule());
  }

  @Put('customers/:customerExternalId')
  assignCustomer(@Param('customerExternalId') externalId: string, @Body() dto: AssignScenarioDto): Promise<AssignmentView> {
    return this.assignments.assign(dto.entity, customerRule(externalId), dto.scenarioId);
  }

  @Delete('customers/:customerExternalId')
  @HttpCode(204)
  removeCustomer(@Param('customerExternalId') externalId: string, @Query() query: EntityQueryDto): Promise<void> {
    return this.assignments.remove(query.entity, customerRule(externalId));
  }

  @Put('segments')
  assignSegment(@Body() dto: AssignSegmentScenarioDto): Promise<AssignmentView> {
    return this.assignments.assign(dto.entity, segmentRule(dto.segment, dto.riskClass), dto.scenarioId);
  }

  /** `?segment=&riskClass=` name the rule, as in its PUT. */
  @Delete('segments')
  @HttpCode(204)
  removeSegment(@Query() query: SegmentRuleQueryDto): Promise<void> {
    return this.assignments.remove(query.entity, segmentRule(query.segment, query.riskClass));
  }
}
