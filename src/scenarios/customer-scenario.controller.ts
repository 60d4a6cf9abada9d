import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { EntityQueryDto } from './scenario-assignment.dto.js';
import { CustomerScenarioResponse } from './scenario.openapi.js';
import { ScenarioResolver } from './scenario-resolver.js';

/** Lives with scenarios: it answers from the assignment rules. */
@Controller('api/v1/customers')
export class CustomerScenarioController {
  constructor(@Inject(ScenarioResolver) private readonly resolver: ScenarioResolver) {}

  /** Which scenario and version drive this customer's invoices, and which rule chose them. */
  @Get(':externalId/scenario')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The scenario and version in force for the customer, and the rule that chose them', type: CustomerScenarioResponse })
  explain(@Param('externalId') externalId: string, @Query() query: EntityQueryDto): Promise<CustomerScenarioResponse> {
    return this.resolver.explain(externalId, query.entity);
  }
}
