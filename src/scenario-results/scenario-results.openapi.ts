import { ApiProperty } from '@nestjs/swagger';
import { MoneyResponse } from '../openapi/common-responses.js';
import { EXPERIMENT_ARMS, type ExperimentArm } from '../scenarios/experiment-split.js';
import { ExperimentFieldsResponse } from '../scenarios/scenario-experiment.openapi.js';
import type { ArmFigures, DaysFigures, RateFigures } from './experiment-comparison.js';
import type { MessageFigures, OutcomeFigures, StepEffectiveness, VersionEffectiveness, WindowFigures } from './effectiveness.js';
import type { EffectivenessView, ExperimentComparisonView } from './scenario-results.service.js';

// Response schemas of the scenario results routes. `implements` keeps them in step with the pure functions' figures.

const NULLABLE_COUNT = { type: 'integer', nullable: true } as const;
const RATE = { type: 'number', nullable: true, minimum: 0, maximum: 1, description: 'paid / decided, 4 decimals; null when nothing is decided yet' } as const;

class WindowFiguresResponse implements WindowFigures {
  @ApiProperty({ type: 'integer', description: 'Reached invoices paid in full at most N days after the step' }) paid!: number;
  @ApiProperty({ type: 'integer', description: 'Reached invoices whose N-day window is over, or that were paid within it' }) decided!: number;
  @ApiProperty(RATE) rate!: number | null;
}

type PaidWithin = OutcomeFigures['paidWithin'];

class PaidWithinResponse implements PaidWithin {
  @ApiProperty({ type: WindowFiguresResponse }) days3!: WindowFiguresResponse;
  @ApiProperty({ type: WindowFiguresResponse }) days7!: WindowFiguresResponse;
  @ApiProperty({ type: WindowFiguresResponse }) days14!: WindowFiguresResponse;
}

class MessageFiguresResponse implements MessageFigures {
  @ApiProperty({ type: 'integer' }) sent!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiProperty({ ...NULLABLE_COUNT, description: 'null while delivery is not tracked' }) delivered!: number | null;
  @ApiProperty({ ...NULLABLE_COUNT, description: 'null while delivery is not tracked' }) opened!: number | null;
}

class OutcomeFiguresResponse implements OutcomeFigures {
  @ApiProperty({ type: 'integer', description: 'Invoices the step ran for' }) invoices!: number;
  @ApiProperty({ type: MessageFiguresResponse, description: 'Distinct messages: one consolidated message counts once' }) messages!: MessageFiguresResponse;
  @ApiProperty({ type: PaidWithinResponse }) paidWithin!: PaidWithinResponse;
  @ApiProperty({ type: [MoneyResponse], description: 'Cash received on those invoices attributed to this step, per currency' }) collected!: MoneyResponse[];
  @ApiProperty({ type: 'integer' }) promises!: number;
  @ApiProperty({ type: 'integer' }) disputes!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Mean days late of the reached invoices now paid in full, 2 decimals' }) averageDaysLate!: number | null;
  @ApiProperty({ type: 'integer', description: 'How many invoices averageDaysLate is over' }) paidInvoices!: number;
}

class ChannelEffectivenessResponse extends OutcomeFiguresResponse {
  @ApiProperty({ example: 'email' }) channel!: string;
}

class StepEffectivenessResponse extends OutcomeFiguresResponse implements StepEffectiveness {
  @ApiProperty() step!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'null: the step is no longer in the version\'s definition' }) action!: string | null;
  @ApiProperty({ type: [ChannelEffectivenessResponse] }) channels!: ChannelEffectivenessResponse[];
}

class VersionEffectivenessResponse implements VersionEffectiveness {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer', description: 'Invoices at least one step of this version ran for' }) invoices!: number;
  @ApiProperty({ type: [StepEffectivenessResponse] }) steps!: StepEffectivenessResponse[];
}

class TrackedResponse {
  @ApiProperty({ description: 'false: `delivered` and `opened` are null' }) delivery!: boolean;
}

export class EffectivenessResponse implements EffectivenessView {
  @ApiProperty({ format: 'uuid' }) scenarioId!: string;
  @ApiProperty({ format: 'date', description: 'Today where the scenario\'s entity is: windows not over by then are left out of the rates' }) asOf!: string;
  @ApiProperty({ type: TrackedResponse }) tracked!: TrackedResponse;
  @ApiProperty({ type: [VersionEffectivenessResponse] }) versions!: VersionEffectivenessResponse[];
}

class IntervalResponse {
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
}

class RateFiguresResponse implements RateFigures {
  @ApiProperty({ type: 'integer', description: 'Paid in full at most 14 days after the due date' }) paid!: number;
  @ApiProperty({ type: 'integer', description: 'Paid in time, or 14 days past due without being paid' }) decided!: number;
  @ApiProperty({ type: 'integer', description: 'Still open and not yet 14 days past due' }) pending!: number;
  @ApiProperty({ type: 'integer', description: 'Cancelled or written off' }) excluded!: number;
  @ApiProperty(RATE) rate!: number | null;
  @ApiProperty({ type: IntervalResponse, nullable: true, description: 'Wilson score interval, 95 %' }) ci95!: IntervalResponse | null;
}

class DaysFiguresResponse implements DaysFigures {
  @ApiProperty({ type: 'integer', description: 'Invoices paid in full (the sample)' }) n!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Mean days from issue to full payment, 2 decimals' }) mean!: number | null;
  @ApiProperty({ type: IntervalResponse, nullable: true, description: 'Student\'s t interval of the mean, 95 % (n ≥ 2)' }) ci95!: IntervalResponse | null;
}

class ArmFiguresResponse implements ArmFigures {
  @ApiProperty({ enum: EXPERIMENT_ARMS }) arm!: ExperimentArm;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer' }) invoices!: number;
  @ApiProperty({ type: 'integer' }) customers!: number;
  @ApiProperty({ type: RateFiguresResponse }) paidWithin14Days!: RateFiguresResponse;
  @ApiProperty({ type: DaysFiguresResponse }) daysToPay!: DaysFiguresResponse;
}

class RateDifferenceResponse {
  @ApiProperty() estimate!: number;
  @ApiProperty({ type: IntervalResponse }) ci95!: IntervalResponse;
}

class DaysDifferenceResponse extends RateDifferenceResponse {
  @ApiProperty({ type: 'number', nullable: true, description: 'Welch–Satterthwaite degrees of freedom' }) df!: number | null;
}

class ArmDifferenceResponse {
  @ApiProperty({ type: RateDifferenceResponse, nullable: true, description: 'Newcombe\'s hybrid score interval, 95 %; rates as fractions (0.1 = 10 points)' })
  paidWithin14DaysRate!: RateDifferenceResponse | null;
  @ApiProperty({ type: DaysDifferenceResponse, nullable: true, description: 'Welch\'s interval, 95 %' }) daysToPay!: DaysDifferenceResponse | null;
}

export class ExperimentComparisonResponse extends ExperimentFieldsResponse implements ExperimentComparisonView {
  @ApiProperty({ type: [ArmFiguresResponse], description: 'A, then B' }) arms!: ArmFiguresResponse[];
  @ApiProperty({ type: ArmDifferenceResponse, description: 'B − A' }) difference!: ArmDifferenceResponse;
  @ApiProperty({ format: 'date', description: 'Today where the scenario\'s entity is' }) asOf!: string;
  @ApiProperty({ type: 'integer', description: 'Days after the due date an invoice has to be paid in full to count as paid on time' }) paidWithinDays!: number;
}
