import { ApiProperty } from '@nestjs/swagger';
import { RISK_CLASSES } from '../../workflows/domain/scenario.js';
import { ASSIGNMENT_KINDS, type AssignmentKind } from './scenario-assignment.rules.js';
import type { AssignmentView } from './scenario.views.js';

// Response schemas of the scenario assignment routes. `implements` keeps them in step with toAssignmentView.

const NULLABLE_STRING = { type: 'string', nullable: true } as const;

class AssignedScenarioResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: never published' }) latestVersion!: number | null;
}

export class ScenarioAssignmentResponse implements AssignmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Legal entity code' }) entity!: string;
  @ApiProperty({ enum: ASSIGNMENT_KINDS, description: 'Which criteria the rule names' }) kind!: AssignmentKind;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: ASSIGNMENT_KINDS.length, description: '1 wins over 2… (customer, segment+risk, segment, risk, default)' })
  priority!: number;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Set for a customer rule' }) customerExternalId!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Set for segment and segment+risk rules' }) segment!: string | null;
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true, description: 'Set for risk and segment+risk rules' }) riskClass!: string | null;
  @ApiProperty({ type: AssignedScenarioResponse }) scenario!: AssignedScenarioResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
