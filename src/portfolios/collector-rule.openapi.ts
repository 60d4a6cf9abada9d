import { ApiProperty } from '@nestjs/swagger';
import { DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import { RISK_CLASSES } from '../../workflows/domain/scenario.js';

// Response schemas of the collector rule routes. The controller's return types check them against what PortfolioService answers.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;
const NULLABLE_AMOUNT = { type: 'string', nullable: true, pattern: DECIMAL_AMOUNT_PATTERN, example: '1250.00' } as const;

class CollectorRuleCollectorResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'null: the user no longer exists' }) name!: string | null;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
}

export class CollectorRuleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Legal entity code; null: any entity' }) entity!: string | null;
  @ApiProperty(NULLABLE_STRING) segment!: string | null;
  @ApiProperty(NULLABLE_STRING) salespersonEmail!: string | null;
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true }) riskClass!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, example: 'EUR', description: 'Currency of the open-balance band; null without a band' }) currency!: string | null;
  @ApiProperty({ ...NULLABLE_AMOUNT, description: 'Open-balance band [minAmount, maxAmount); null: unbounded' }) minAmount!: string | null;
  @ApiProperty(NULLABLE_AMOUNT) maxAmount!: string | null;
  @ApiProperty({ type: CollectorRuleCollectorResponse }) collector!: CollectorRuleCollectorResponse;
  @ApiProperty({ description: 'Names no segment, salesperson, risk class or band: holds (in its entity) the customers no other rule matches' }) fallback!: boolean;
  @ApiProperty({ example: 'rule: segment retail, risk class C' }) description!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A rule created or replaced: customers it now wins moved to its collector with their open tasks. */
export class CollectorRuleChangeResponse extends CollectorRuleResponse {
  @ApiProperty({ type: 'integer', description: 'Open tasks that changed hands' }) tasksMoved!: number;
}
