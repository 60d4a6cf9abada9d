import { ApiProperty } from '@nestjs/swagger';
import { EXPERIMENT_ARMS, type ExperimentArm } from './experiment-split.js';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from './scenario-experiment.entity.js';
import type { ExperimentView } from './scenario-experiment.views.js';

// Response schemas of the experiment routes. `implements` keeps them in step with ExperimentView.

const NULLABLE_ARM = { type: 'string', enum: EXPERIMENT_ARMS, nullable: true } as const;

/** What every experiment answer says of the experiment itself; its arms differ (versions only, or with figures). */
export class ExperimentFieldsResponse implements Omit<ExperimentView, 'arms'> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) scenarioId!: string;
  @ApiProperty({ enum: EXPERIMENT_STATUSES }) status!: ExperimentStatus;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 99, description: 'Percent of customers on arm B' }) shareB!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty(NULLABLE_ARM) promotedArm!: ExperimentArm | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The version promotion published (the winner\'s definition)' }) promotedVersion!: number | null;
}

class ExperimentArmVersionResponse {
  @ApiProperty({ enum: EXPERIMENT_ARMS }) arm!: ExperimentArm;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class ExperimentResponse extends ExperimentFieldsResponse implements ExperimentView {
  @ApiProperty({ type: [ExperimentArmVersionResponse], description: 'A, then B' }) arms!: ExperimentArmVersionResponse[];
}
