import { ApiProperty } from '@nestjs/swagger';
import { SCENARIO_ACTIONS, SCENARIO_CHANNELS, type ScenarioAction, type ScenarioChannel } from '../../workflows/domain/scenario.js';
import type { SimulatedOutcome } from './dunning-simulation.js';
import type { Forecast } from './dunning-forecast.service.js';
import type { ForecastAction, ForecastDay, ForecastTotals } from './forecast-report.js';

// Response schemas of the forecast routes (simulation and calendar). `implements` keeps them in step with ForecastReport.

const OUTCOMES: readonly SimulatedOutcome[] = ['run', 'skipped_condition', 'superseded', 'awaits_approval'];
const COUNT = { type: 'integer', minimum: 0 } as const;

/** What runs, counted: each non-reminder action, each checkpoint opened, each step skipped, messages per channel (a batch counts once). */
class ForecastTotalsResponse implements ForecastTotals {
  @ApiProperty(COUNT) email!: number;
  @ApiProperty(COUNT) sms!: number;
  @ApiProperty(COUNT) letter!: number;
  @ApiProperty(COUNT) call_task!: number;
  @ApiProperty(COUNT) checkpoint!: number;
  @ApiProperty(COUNT) litigation_handover!: number;
  @ApiProperty(COUNT) internal_notification!: number;
  @ApiProperty(COUNT) account_statement!: number;
  @ApiProperty(COUNT) formal_notice!: number;
  @ApiProperty({ ...COUNT, description: 'Steps skipped (conditions) or superseded (catch-up)' }) skipped!: number;
}

class ForecastActionResponse implements ForecastAction {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty() stepKey!: string;
  @ApiProperty({ enum: SCENARIO_ACTIONS }) action!: ScenarioAction;
  @ApiProperty({ enum: SCENARIO_CHANNELS, isArray: true, description: 'The customer messages it sends: the step\'s channels the primary contact can receive' })
  channels!: ScenarioChannel[];
  @ApiProperty({ enum: SCENARIO_CHANNELS, isArray: true, description: 'The step\'s channels nobody can receive: running it opens a contact_missing task' })
  unreachableChannels!: ScenarioChannel[];
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: OUTCOMES }) outcome!: SimulatedOutcome;
}

class ForecastDayResponse implements ForecastDay {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: ForecastTotalsResponse }) totals!: ForecastTotalsResponse;
  @ApiProperty({ type: [ForecastActionResponse], description: 'By instant' }) actions!: ForecastActionResponse[];
}

export class ForecastResponse implements Forecast {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ ...COUNT, description: 'Open invoices forecast' }) invoices!: number;
  @ApiProperty({ type: [ForecastDayResponse], description: 'Every day from `from` to `to`' }) days!: ForecastDayResponse[];
  @ApiProperty({ type: ForecastTotalsResponse }) totals!: ForecastTotalsResponse;
  @ApiProperty({ type: [String], description: 'What the forecast takes for granted' }) assumptions!: readonly string[];
}

export class SimulationResponse extends ForecastResponse {
  @ApiProperty({ format: 'uuid' }) scenarioId!: string;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['draft'] }], description: 'The version simulated, or the draft' }) version!: number | 'draft';
}
