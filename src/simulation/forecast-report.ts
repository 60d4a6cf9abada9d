/**
 * Per-day totals and actions of a forecast, in the shape both the scenario
 * simulation and the collections calendar answer.
 */
import { isConsolidatedAction } from '../../workflows/definitions.js';
import { addDays, daysBetween } from '../../workflows/domain/calendar.js';
import type { SimulatedAction, SimulatedOutcome } from './dunning-simulation.js';
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
  /** The step's channels nobody can receive: running it opens a contact_missing task for a collector. */
  unreachableChannels: ScenarioChannel[];
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

/** What the report keeps per action: the answer's fields, and what message batching needs. */
interface Entry {
  action: ForecastAction;
  date: string;
  atMs: number;
  customerId: string;
  scheduledDate: string;
}

/**
 * Totals count what happens: each non-reminder action that runs, each
 * checkpoint opened (its messages wait for the collector), each step skipped
 * (conditions) or superseded (catch-up), and messages per channel — formal
 * notices one per invoice, reminders and account statements one per
 * customer batch (see `batchedMessages`).
 */
function countAction(totals: ForecastTotals, { action: a }: Entry): void {
  if (a.outcome === 'skipped_condition' || a.outcome === 'superseded') totals.skipped++;
  else if (a.outcome === 'awaits_approval') totals.checkpoint++;
  else {
    if (!isConsolidatedAction(a.action)) for (const channel of a.channels) totals[channel]++;
    const key = ACTION_TOTALS[a.action];
    if (key) totals[key]++;
  }
}

/**
 * Reminder and account-statement messages as the customer's communications
 * workflow sends them: steps of one customer with the same planned date and
 * action make one batch, closing `delayMs` after its first step; a step
 * arriving later opens the next batch. One message per channel per batch,
 * counted on the day of its first step.
 */
function batchedMessages(entries: Entry[], delayMs: number): { date: string; channel: ScenarioChannel }[] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.action.outcome !== 'run' || !isConsolidatedAction(e.action.action)) continue;
    const key = `${e.customerId}|${e.scheduledDate}|${e.action.action}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const messages: { date: string; channel: ScenarioChannel }[] = [];
  for (const group of groups.values()) {
    group.sort((x, y) => x.atMs - y.atMs);
    for (let i = 0; i < group.length; ) {
      const first = group[i]!;
      const channels = new Set<ScenarioChannel>();
      for (; i < group.length && group[i]!.atMs < first.atMs + delayMs; i++) for (const c of group[i]!.action.channels) channels.add(c);
      for (const channel of channels) messages.push({ date: first.date, channel });
    }
  }
  return messages;
}

export class ForecastReport {
  private readonly days = new Map<string, Entry[]>();

  /** `batchDelayMs`: how long a customer's message batch stays open (RELANCE_MESSAGE_BATCH_SECONDS). */
  constructor(readonly from: string, readonly to: string, private readonly batchDelayMs: number) {
    for (let d = from; daysBetween(d, to) >= 0; d = addDays(d, 1)) this.days.set(d, []);
  }

  /** Adds an invoice's simulated actions; those outside [from, to] are left out. */
  add(
    invoice: { invoiceId: string; invoiceNumber: string; customerId: string; customerName: string; reachable: readonly ScenarioChannel[] },
    actions: SimulatedAction[],
  ): void {
    for (const a of actions) {
      this.days.get(a.date)?.push({
        action: {
          invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber, customerName: invoice.customerName,
          stepKey: a.stepKey, action: a.action, channels: a.channels.filter((c) => invoice.reachable.includes(c)),
          unreachableChannels: a.channels.filter((c) => !invoice.reachable.includes(c)),
          at: new Date(a.at).toISOString(), outcome: a.outcome,
        },
        date: a.date, atMs: a.at, customerId: invoice.customerId, scheduledDate: a.scheduledDate,
      });
    }
  }

  toJSON(): { days: ForecastDay[]; totals: ForecastTotals } {
    const dayTotals = new Map([...this.days.keys()].map((d) => [d, zeroTotals()]));
    for (const [date, entries] of this.days) for (const e of entries) countAction(dayTotals.get(date)!, e);
    for (const m of batchedMessages([...this.days.values()].flat(), this.batchDelayMs)) dayTotals.get(m.date)![m.channel]++;
    const totals = zeroTotals();
    for (const t of dayTotals.values()) for (const k of TOTAL_KEYS) totals[k] += t[k];
    const days = [...this.days].map(([date, entries]) => ({
      date,
      totals: dayTotals.get(date)!,
      // Stable: an invoice's actions at one instant keep the workflow's order.
      actions: entries
        .map((e) => e.action)
        .sort((x, y) => x.at.localeCompare(y.at) || x.invoiceNumber.localeCompare(y.invoiceNumber) || x.invoiceId.localeCompare(y.invoiceId)),
    }));
    return { days, totals };
  }
}
