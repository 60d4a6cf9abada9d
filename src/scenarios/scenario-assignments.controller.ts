import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import {
  AssignScenarioDto, AssignSegmentScenarioDto, EntityQueryDto, SegmentRuleQueryDto,
} from './scenario-assignment.dto.js';
import {
  customerRule, defaultRule, ScenarioAssignmentsService, segmentRule,
} from './scenario-assignments.service.js';
import { ScenarioAssignmentResponse } from './scenario-assignment.openapi.js';

/** Which scenario drives which invoices; `entity` (body or query) defaults to the default entity. */
@Controller('api/v1/scenario-assignments')
export class ScenarioAssignmentsController {
  constructor(@Inject(ScenarioAssignmentsService) private readonly assignments: ScenarioAssignmentsService) {}

  @Get()
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The rules of `entity` (absent: of every entity), by entity then priority', type: [ScenarioAssignmentResponse] })
  list(@Query() query: EntityQueryDto): Promise<ScenarioAssignmentResponse[]> {
    return this.assignments.list(query.entity);
  }

  @Put('default')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'The entity\'s default rule, created or changed', type: ScenarioAssignmentResponse })
  assignDefault(@Body() dto: AssignScenarioDto): Promise<ScenarioAssignmentResponse> {
    return this.assignments.assign(dto.entity, defaultRule(), dto.scenarioId);
  }

  @Delete('default')
  @Roles('credit_manager')
  @HttpCode(204)
  removeDefault(@Query() query: EntityQueryDto): Promise<void> {
    return this.assignments.remove(query.entity, defaultRule());
  }

  @Put('customers/:customerExternalId')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'The customer\'s rule, created or changed', type: ScenarioAssignmentResponse })
  assignCustomer(@Param('customerExternalId') externalId: string, @Body() dto: AssignScenarioDto): Promise<ScenarioAssignmentResponse> {
    return this.assignments.assign(dto.entity, customerRule(externalId), dto.scenarioId);
  }

  @Delete('customers/:customerExternalId')
  @Roles('credit_manager')
  @HttpCode(204)
  removeCustomer(@Param('customerExternalId') externalId: string, @Query() query: EntityQueryDto): Promise<void> {
    return this.assignments.remove(query.entity, customerRule(externalId));
  }

  @Put('segments')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'The segment and/or risk class rule, created or changed', type: ScenarioAssignmentResponse })
  assignSegment(@Body() dto: AssignSegmentScenarioDto): Promise<ScenarioAssignmentResponse> {
    return this.assignments.assign(dto.entity, segmentRule(dto.segment, dto.riskClass), dto.scenarioId);
  }

  /** `?segment=&riskClass=` name the rule, as in its PUT. */
  @Delete('segments')
  @Roles('credit_manager')
  @HttpCode(204)
  removeSegment(@Query() query: SegmentRuleQueryDto): Promise<void> {
    return this.assignments.remove(query.entity, segmentRule(query.segment, query.riskClass));
  }
}
