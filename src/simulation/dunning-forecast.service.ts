import { Inject, Injectable, Optional } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { ScenarioVersionReader } from '../scenarios/scenario-version.reader.js';
import { addDays, dateInZone, daysBetween, zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { simulateInvoiceDunning } from './dunning-simulation.js';
import type { ScenarioDefinition } from '../../workflows/domain/scenario.js';
import type { SimulateScenarioDto } from './forecast.dto.js';
import { FORECAST_ASSUMPTIONS, ForecastReport, type ForecastDay, type ForecastTotals } from './forecast-report.js';
import { memoisedPlanner } from './memoised-planner.js';
import { PortfolioStateReader, type PortfolioFilter } from './portfolio-state.reader.js';
import { Clock, systemClock } from '../clock/clock.js';

/** The calendar spans at most a quarter. */
export const MAX_CALENDAR_DAYS = 92;
const DEFAULT_CALENDAR_DAYS = 15;

export interface Forecast {
  from: string;
  to: string;
  /** Open invoices forecast. */
  invoices: number;
  days: ForecastDay[];
  totals: ForecastTotals;
  assumptions: readonly string[];
}

/**
 * Forecasts of what the invoice workflows will do: the scenario simulation
 * (every filtered open invoice on one scenario) and the collections calendar
 * (each invoice on its own version). Reads only: no row is written, no
 * workflow is started, signalled or queried.
 */
@Injectable()
export class DunningForecastService {
  constructor(
    @Inject(ScenarioVersionReader) private readonly scenarios: ScenarioVersionReader,
    @Inject(PortfolioStateReader) private readonly portfolio: PortfolioStateReader,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async simulateScenario(scenarioId: string, dto: SimulateScenarioDto, now = this.clock.nowMs()) {
    const scenario = await this.scenarios.draftOf(scenarioId);
    let definition: ScenarioDefinition = scenario.draft;
    if (dto.version !== undefined) {
      const row = await this.scenarios.find(scenario.id, dto.version);
      if (!row) throw new NotFoundError(`Scenario ${scenario.id} version`, String(dto.version));
      definition = row.definition;
    }
    const from = this.today(now);
    // Scenarios belong to an entity: they are simulated on its invoices.
    const filter: PortfolioFilter = { entityId: scenario.entityId, ...dto.filter };
    const forecast = await this.forecast(filter, from, addDays(from, dto.horizonDays - 1), now, definition);
    return { scenarioId: scenario.id, version: dto.version ?? ('draft' as const), ...forecast };
  }

  /**
   * Actions due per day across the portfolio (or the part `filter` keeps: CalendarFilterResolver), each invoice on
   * its own scenario version (or the built-in one).
   */
  async calendar(query: { from?: string; to?: string; filter?: PortfolioFilter }, now = this.clock.nowMs()): Promise<Forecast> {
    const from = query.from ?? this.today(now);
    const to = query.to ?? addDays(from, DEFAULT_CALENDAR_DAYS - 1);
    if (daysBetween(from, to) < 0) throw new FieldValidationError([{ field: 'to', messages: ['to must not be before from'] }]);
    if (daysBetween(from, to) + 1 > MAX_CALENDAR_DAYS) {
      throw new FieldValidationError([{ field: 'to', messages: [`the calendar spans at most ${MAX_CALENDAR_DAYS} days`] }]);
    }
    return this.forecast(query.filter ?? {}, from, to, now, null);
  }

  /** `definition`: every invoice follows it (simulation); null: each its own version, migrations included. */
  private async forecast(filter: PortfolioFilter, from: string, to: string, now: number, definition: ScenarioDefinition | null): Promise<Forecast> {
    const report = new ForecastReport(from, to, this.config.RELANCE_MESSAGE_BATCH_SECONDS * 1000);
    const planner = memoisedPlanner();
    const today = this.today(now);
    // The end of the last day, in each invoice's own zone.
    const ends = new Map<string, number>();
    const endIn = (timeZone: string) => {
      let end = ends.get(timeZone);
      if (end === undefined) ends.set(timeZone, (end = zonedDateHourToEpoch(addDays(to, 1), 0, timeZone) - 1));
      return end;
    };
    let invoices = 0;
    for await (const batch of this.portfolio.openInvoices(filter, now)) {
      for (const invoice of batch) {
        invoices++;
        const actions = simulateInvoiceDunning({
          definition: definition ?? invoice.definition,
          migrateTo: definition ? null : invoice.migrateTo,
          timing: invoice.timing,
          pausedDays: invoice.pausedDays,
          activePause: invoice.activePause,
          handled: invoice.handled,
          executedOn: invoice.executedOn,
          facts: invoice.facts,
          awaitingCheckpoint: invoice.awaitingCheckpoint,
          from: now,
          to: endIn(invoice.timing.timeZone),
          planner,
        });
        // Work due now in a zone still on yesterday is today's work.
        report.add(invoice, actions.map((a) => (a.date < today ? { ...a, date: today } : a)));
      }
    }
    return { from, to, invoices, ...report.toJSON(), assumptions: FORECAST_ASSUMPTIONS };
  }

  private today(now: number): string {
    return dateInZone(now, this.config.RELANCE_DEFAULT_TIMEZONE);
  }
}
