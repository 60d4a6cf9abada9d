import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IN_FLIGHT_POLICIES, type InFlightPolicy } from '../../workflows/domain/scenario.js';
import { EXPERIMENT_ARMS, type ExperimentArm } from './experiment-split.js';

/**
 * POST /api/v1/scenarios/:id/experiment: an A/B test of two versions. Without
 * `versionB`, the draft is published as version B (policy `keep_version`: no
 * in-flight invoice moves to it).
 */
export class StartExperimentDto {
  /** Percent of customers on arm B, 1–99 (50: an even split). */
  @IsInt() @Min(1) @Max(99)
  shareB!: number;

  /** Arm A's version; default: the latest published version. */
  @IsOptional() @IsInt() @Min(1)
  versionA?: number;

  /** Arm B's version, already published; default: the draft, published now. */
  @IsOptional() @IsInt() @Min(1)
  versionB?: number;
}

/** POST /api/v1/scenarios/:id/experiment/promote: the winner becomes the scenario's next version. */
export class PromoteExperimentDto {
  @IsIn(EXPERIMENT_ARMS, { message: `arm must be one of ${EXPERIMENT_ARMS.join(', ')}` })
  arm!: ExperimentArm;

  /** What invoices already running do, as for a publish. */
  @IsIn(IN_FLIGHT_POLICIES, { message: `inFlightPolicy must be one of ${IN_FLIGHT_POLICIES.join(', ')}` })
  inFlightPolicy!: InFlightPolicy;
}
