/**
 * Per-day totals and actions of a forecast, in the shape both the scenario
 * simulation and the collections calendar answer.
 */
import { addDays, daysBetween } from '../../workflows/domain/calendar.js';
import type { SimulatedAction, SimulatedOutcome } from '../../workflows/domain/dunning-simulation.js';
import type { ScenarioAction, ScenarioChannel } from '../../workflows/domain/scenario.js';

export const TOTAL_KEYS = [
  'email', 'sms', 'letter', 'call_task', 'checkpoint', 'litigation_handover', 'internal_notification',
  'account_statement', 'formal_notice', 'skipped',
] as const;
export type ForecastTotals = Record<(typeof TOTAL_KEYS)[number], number>;

export interface ForecastAction {
  invoiceId: string;
  invoiceNumber: string;
  customerName: string;
  stepKey: string;
  action: ScenarioAction;
  /** The customer messages it sends: the step's channels the primary contact can receive. */
  channels: ScenarioChannel[];
  /** ISO instant. */
  at: string;
  outcome: SimulatedOutcome;
}

export interface ForecastDay {
  date: string;
  totals: ForecastTotals;
  actions: ForecastAction[];
}

/** Said in every answer: what the forecast takes for granted. */
export const FORECAST_ASSUMPTIONS = [
  'Checkpoints are approved as soon as they open: the step counts as executed then, and the steps after it follow from that day.',
  'Work due now (catch-ups of overdue steps) is reported today.',
  'Nothing changes meanwhile: no payment, pause, resume, new invoice or new scenario version.',
] as const;

const ACTION_TOTALS: Partial<Record<ScenarioAction, keyof ForecastTotals>> = {
  call_task: 'call_task', litigation_handover: 'litigation_handover', internal_notification: 'internal_notification',
  account_statement: 'account_statement', formal_notice: 'formal_notice',
};

const zeroTotals = (): ForecastTotals => Object.fromEntries(TOTAL_KEYS.map((k) => [k, 0])) as ForecastTotals;

/**
 * Totals count what happens: each message of a step that runs on its
 * channel, each non-reminder action that runs, each checkpoint opened, each
 * step skipped (conditions) or superseded (catch-up). A checkpoint's
 * messages are not counted: they wait for the collector.
 */
function count(totals: ForecastTotals, action: ForecastAction): void {
  if (action.outcome === 'skipped_condition' || action.outcome === 'superseded') totals.skipped++;
  else if (action.outcome === 'awaits_approval') totals.checkpoint++;
  else {
    for (const channel of action.channels) totals[channel]++;
    const key = ACTION_TOTALS[action.action];
    if (key) totals[key]++;
  }
}

export class ForecastReport {
  private readonly days = new Map<string, ForecastAction[]>();

  constructor(readonly from: string, readonly to: string) {
    for (let d = from; daysBetween(d, to) >= 0; d = addDays(d, 1)) this.days.set(d, []);
  }

  /** Adds an invoice's simulated actions; those outside [from, to] are left out. */
  add(invoice: { invoiceId: string; invoiceNumber: string; customerName: string; reachable: readonly ScenarioChannel[] }, actions: SimulatedAction[]): void {
    for (const a of actions) {
      this.days.get(a.date)?.push({
        invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber, customerName: invoice.customerName,
        stepKey: a.stepKey, action: a.action, channels: a.channels.filter((c) => invoice.reachable.includes(c)),
        at: new Date(a.at).toISOString(), outcome: a.outcome,
      });
    }
  }

  toJSON(): { days: ForecastDay[]; totals: ForecastTotals } {
    const totals = zeroTotals();
    const days = [...this.days].map(([date, actions]) => {
      const dayTotals = zeroTotals();
      for (const a of actions) {
        count(dayTotals, a);
        count(totals, a);
      }
      // Stable: an invoice's actions at one instant keep the workflow's order.
      const sorted = [...actions].sort((x, y) => x.at.localeCompare(y.at) || x.invoiceNumber.localeCompare(y.invoiceNumber) || x.invoiceId.localeCompare(y.invoiceId));
      return { date, totals: dayTotals, actions: sorted };
    });
    return { days, totals };
  }
}
