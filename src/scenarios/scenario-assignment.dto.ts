import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { RISK_CLASSES, type RiskClass } from '../../workflows/domain/scenario.js';

const TRIMMED = /^\S(.*\S)?$/;

/** Every assignment rule belongs to a legal entity: the default one when absent. */
export class EntityQueryDto {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

export class AssignScenarioDto extends EntityQueryDto {
  @IsUUID('all', { message: 'scenarioId must be a scenario id (UUID)' })
  scenarioId!: string;
}

export class SegmentRuleQueryDto extends EntityQueryDto {
  @IsOptional() @IsString() @Length(1, 64) @Matches(TRIMMED, { message: 'segment must not be blank or padded with spaces' })
  segment?: string;

  @IsOptional() @IsIn(RISK_CLASSES, { message: 'riskClass must be one of A, B, C, D, E' })
  riskClass?: RiskClass;
}

/** PUT /api/v1/scenario-assignments/segments: a segment, a risk class, or both. */
export class AssignSegmentScenarioDto extends SegmentRuleQueryDto {
  @IsUUID('all', { message: 'scenarioId must be a scenario id (UUID)' })
  scenarioId!: string;
}
