import { ApiProperty } from '@nestjs/swagger';
import { COLLECTOR_SOURCES, type CollectorSource } from './collector-rules.js';
import type { PortfolioService } from './portfolio.service.js';

// Response schemas of GET /portfolio and the customer's collector routes; `implements` and the controller's return types keep them in step with the service.

type Portfolio = Awaited<ReturnType<PortfolioService['portfolio']>>;
type CustomerCollector = Awaited<ReturnType<PortfolioService['customerCollector']>>;
type Holder = Awaited<ReturnType<PortfolioService['holders']>>[number];

class PortfolioCollectorResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

class PortfolioCustomerResponse {
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: COLLECTOR_SOURCES, description: 'Why the customer is theirs: an explicit assignment, a rule or the fallback rule' }) source!: CollectorSource;
  @ApiProperty({ description: 'Why, in words' }) reason!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The rule that gives the customer; null for an explicit assignment' }) ruleId!: string | null;
}

export class PortfolioResponse implements Portfolio {
  @ApiProperty({ type: PortfolioCollectorResponse }) collector!: PortfolioCollectorResponse;
  @ApiProperty({ type: [PortfolioCustomerResponse], description: 'By name' }) customers!: PortfolioCustomerResponse[];
}

class CollectorCustomerResponse {
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
}

export class CustomerCollectorResponse implements CustomerCollector {
  @ApiProperty({ type: CollectorCustomerResponse }) customer!: CollectorCustomerResponse;
  @ApiProperty({ type: PortfolioCollectorResponse, nullable: true, description: 'null: no collector holds the customer (a shared pool), or that user no longer exists' })
  collector!: PortfolioCollectorResponse | null;
  @ApiProperty({ enum: COLLECTOR_SOURCES, description: "An explicit assignment, a rule, the entity's fallback rule, or none" }) source!: CollectorSource;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The rule that chose the collector (rule or fallback)' }) ruleId!: string | null;
  @ApiProperty({ description: 'Why, in words' }) reason!: string;
}

export class CustomerCollectorChangeResponse extends CustomerCollectorResponse {
  @ApiProperty({ type: 'integer', description: 'Open tasks that moved to the new holder' }) tasksMoved!: number;
}

/** GET /api/v1/collectors: someone a rule or an assignment may name. */
export class PortfolioHolderResponse implements Holder {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: [String], enum: ['collector', 'credit_manager', 'admin'], description: 'Their roles that let them hold a portfolio' }) roles!: string[];
}
