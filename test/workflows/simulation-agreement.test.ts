/**
 * The forecast agrees with the workflows. A small portfolio is seeded in the
 * database (scenario versions, segments, a time zone, a pause, catch-ups);
 * the calendar's forecast is computed from the database by the same service
 * the API uses; then the time-skipping server runs the real workflows through
 * the period, and what they actually do per day and step — messages, tasks,
 * skips, checkpoints — must be exactly what was predicted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { Clock } from '../../src/clock/clock.js';
import { CustomerDirectory } from '../../src/customers/customer-directory.js';
import { Customer } from '../../src/customers/customer.entity.js';
import { DunningPause } from '../../src/dunning-pauses/dunning-pause.entity.js';
import { PauseHistoryReader } from '../../src/dunning-pauses/pause-history.reader.js';
import { InvoicePortfolioReader } from '../../src/invoices/invoice-portfolio.reader.js';
import { InvoiceWorkflowInputs } from '../../src/invoices/invoice-workflow-input.js';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import { LegalEntitySettingsReader } from '../../src/organization/legal-entity-settings.reader.js';
import { LegalEntity } from '../../src/organization/legal-entity.entity.js';
import { ScenarioVersionReader } from '../../src/scenarios/scenario-version.reader.js';
import { ScenarioVersion } from '../../src/scenarios/scenario-version.entity.js';
import { Scenario } from '../../src/scenarios/scenario.entity.js';
import { DunningForecastService, type Forecast } from '../../src/simulation/dunning-forecast.service.js';
import type { ForecastAction } from '../../src/simulation/forecast-report.js';
import { PortfolioStateReader } from '../../src/simulation/portfolio-state.reader.js';
import { decideCheckpointUpdate } from '../../workflows/definitions.js';
import type { InFlightPolicy, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { uniqueId } from '../support/platform.js';
import {
  advanceTo, parisDate, parisSendInstant, seedInvoice, settled, shiftDate, startDunningHarness,
  type DunningHarness, type DunningWorkflowHandle, type SeededInvoice,
} from '../support/time-skipping.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const HORIZON_DAYS = 21;

let h: DunningHarness;
beforeAll(async () => {
  h = await startDunningHarness();
});
afterEach(async () => {
  // The next start forecasts the whole database: this start's invoices leave the portfolio.
  await h.terminateOpenWorkflows();
  await h.dataSource.query(`UPDATE invoices SET status = 'cancelled' WHERE status = 'open'`);
});
afterAll(async () => {
  await h?.close();
});

/** S: conditions, "after the previous step", a checkpoint, tasks and a handover. */
const S: ScenarioDefinition = {
  steps: [
    { key: 'first', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
    { key: 'sms_smb', trigger: { kind: 'due_date', offsetDays: 3 }, action: 'reminder', channels: ['sms'], conditions: { segments: ['smb'] } },
    { key: 'call', trigger: { kind: 'after_previous', days: 2 }, action: 'call_task', channels: [] },
    {
      key: 'statement', trigger: { kind: 'after_previous', days: 3 }, action: 'account_statement', channels: ['email'],
      conditions: { minOverdueAmount: '1000.00' },
    },
    {
      key: 'final', trigger: { kind: 'due_date', offsetDays: 14 }, action: 'formal_notice', channels: ['email', 'letter'],
      checkpoint: { timeoutHours: 48, onTimeout: 'skip' },
    },
    { key: 'handover', trigger: { kind: 'after_previous', days: 3 }, action: 'litigation_handover', channels: [] },
  ],
};
/** M: version 2 is published with "migrate_at_next_step". */
const M1: ScenarioDefinition = {
  steps: [
    { key: 'a', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
    { key: 'b', trigger: { kind: 'due_date', offsetDays: 5 }, action: 'reminder', channels: ['email'] },
  ],
};
const M2: ScenarioDefinition = {
  steps: [
    { key: 'a', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
    { key: 'b', trigger: { kind: 'due_date', offsetDays: 3 }, action: 'reminder', channels: ['sms'] },
    { key: 'c', trigger: { kind: 'after_previous', days: 2 }, action: 'internal_notification', channels: [] },
  ],
};

/** K: a first step a few days past, then one 10 days after it: run today by a catch-up, it moves the second by as many days. */
const K: ScenarioDefinition = {
  steps: [
    { key: 'k_start', trigger: { kind: 'due_date', offsetDays: -30 }, action: 'reminder', channels: ['email'] },
    { key: 'k_follow', trigger: { kind: 'after_previous', days: 10 }, action: 'call_task', channels: [] },
  ],
};

async function storeScenario(versions: { definition: ScenarioDefinition; inFlightPolicy: InFlightPolicy }[]): Promise<string> {
  const m = h.dataSource.manager;
  const entity = await m.findOneByOrFail(LegalEntity, { code: 'default' });
  const scenario = await m.save(m.create(Scenario, {
    entityId: entity.id, name: uniqueId('scenario'), description: null, draft: versions.at(-1)!.definition, draftRevision: 1, latestVersion: versions.length,
  }));
  for (const [i, v] of versions.entries()) {
    await m.insert(ScenarioVersion, { scenarioId: scenario.id, version: i + 1, definition: v.definition, inFlightPolicy: v.inFlightPolicy, publishedBy: null });
  }
  return scenario.id;
}

interface Seeded extends SeededInvoice {
  label: string;
  timeZone: string;
}

async function seed(
  label: string,
  dueIn: number,
  options: { amountMinor?: bigint; phone?: null; scenario?: { id: string; version: number }; customer?: Partial<Customer> },
  today: string,
): Promise<Seeded> {
  const invoice = await seedInvoice(h.dataSource, { dueDate: shiftDate(today, dueIn), amountMinor: options.amountMinor, phone: options.phone });
  if (options.scenario) await h.dataSource.manager.update(Invoice, { id: invoice.id }, { scenarioId: options.scenario.id, scenarioVersion: options.scenario.version });
  if (options.customer) await h.dataSource.manager.update(Customer, { id: invoice.customerId }, options.customer);
  return { ...invoice, label, timeZone: options.customer?.timeZone ?? 'Europe/Paris' };
}

/** Starts the workflow with the input the API would build from the database (calendar, window, version, pauses). */
async function start(invoice: Seeded): Promise<DunningWorkflowHandle> {
  const m = h.dataSource.manager;
  const row = await m.findOneByOrFail(Invoice, { id: invoice.id });
  const [entity, customer] = await Promise.all([m.findOneByOrFail(LegalEntity, { id: row.entityId }), m.findOneByOrFail(Customer, { id: row.customerId })]);
  const now = await h.env.currentTimeMs();
  // The API's clock, here the server's: pauses in force are those of the workflows' time.
  const input = await new InvoiceWorkflowInputs(h.dataSource, h.config, new (class extends Clock { nowMs = () => now })()).build(row, entity, customer.timeZone);
  return h.startWorkflow(invoice, input);
}

const dateIn = (epochMs: number, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(epochMs));

/** What the forecast says, one line per action: `date invoice step outcome channels tasks`. */
function predictedLines(forecast: Forecast, portfolio: Seeded[]): string[] {
  const label = new Map(portfolio.map((i) => [i.id, i.label]));
  const tasksOf = (a: ForecastAction) => {
    const own = a.action === 'call_task' ? ['call'] : a.action === 'litigation_handover' ? ['litigation_handover'] : [];
    // A step reaching nobody on one of its channels asks a collector for a contact.
    const missing = a.unreachableChannels.length > 0 ? ['contact_missing'] : [];
    return a.outcome === 'run' ? [...own, ...missing] : a.outcome === 'awaits_approval' ? ['checkpoint', ...own, ...missing] : [];
  };
  return forecast.days.flatMap((d) => d.actions
    .filter((a) => label.has(a.invoiceId))
    .map((a) => {
      // Skipped and superseded steps send nothing; a checkpoint's messages go out once approved (at once, here).
      const channels = a.outcome === 'run' || a.outcome === 'awaits_approval' ? a.channels : [];
      return `${d.date} ${label.get(a.invoiceId)} ${a.stepKey} ${a.outcome} ${[...channels].sort().join('+')} ${tasksOf(a).sort().join('+')}`;
    }));
}

/** Records what the workflows do, attributing each new timeline event to the local date of the stop that found it. */
class Observer {
  private readonly seen = new Set<string>();
  readonly found: { date: string; invoiceId: string; type: string; dedupeKey: string }[] = [];
  /** Customer messages sent (salesperson notes left out), per `date channel`. */
  readonly sent = new Map<string, number>();

  constructor(private readonly portfolio: Seeded[]) {}

  /** Events already there are history: the forecast starts after them. */
  async skipExisting(): Promise<void> {
    await this.collect(0);
    this.found.length = 0;
    this.sent.clear();
  }

  async collect(stop: number): Promise<void> {
    const rows: { id: string; invoice_id: string; type: string; dedupe_key: string }[] = await h.dataSource.query(
      `SELECT id, invoice_id, type, dedupe_key FROM invoice_events
        WHERE invoice_id = ANY($1::uuid[]) AND (dedupe_key LIKE 'step:%' OR dedupe_key LIKE 'skip:%' OR dedupe_key LIKE 'checkpoint:%')`,
      [this.portfolio.map((i) => i.id)],
    );
    for (const r of rows.filter((r) => !this.seen.has(r.id))) {
      this.seen.add(r.id);
      const zone = this.portfolio.find((i) => i.id === r.invoice_id)!.timeZone;
      this.found.push({ date: dateIn(stop, zone), invoiceId: r.invoice_id, type: r.type, dedupeKey: r.dedupe_key });
    }
    const messages: { id: string; customer_id: string; channel: string }[] = await h.dataSource.query(
      `SELECT id, customer_id, channel FROM outbound_messages
        WHERE customer_id = ANY($1::uuid[]) AND (step IS NULL OR step NOT LIKE '%.internal')`,
      [[...new Set(this.portfolio.map((i) => i.customerId))]],
    );
    for (const m of messages.filter((m) => !this.seen.has(m.id))) {
      this.seen.add(m.id);
      const key = `${dateIn(stop, this.portfolio.find((i) => i.customerId === m.customer_id)!.timeZone)} ${m.channel}`;
      this.sent.set(key, (this.sent.get(key) ?? 0) + 1);
    }
  }

  async lines(): Promise<string[]> {
    const label = new Map(this.portfolio.map((i) => [i.id, i.label]));
    const ids = this.portfolio.map((i) => i.id);
    // A message sent for one invoice names it; one listing a customer's invoices names them in its items.
    const messages: { invoice_id: string; step: string; channel: string }[] = await h.dataSource.query(
      `SELECT i.invoice_id, i.step, m.channel FROM outbound_message_items i JOIN outbound_messages m ON m.id = i.message_id
        WHERE i.invoice_id = ANY($1::uuid[])
       UNION
       SELECT invoice_id, step, channel FROM outbound_messages WHERE invoice_id = ANY($1::uuid[]) AND step IS NOT NULL`, [ids]);
    const tasks: { invoice_id: string; step: string; kind: string }[] = await h.dataSource.query(
      'SELECT invoice_id, step, kind FROM collector_tasks WHERE invoice_id = ANY($1::uuid[])', [ids]);
    const of = <T extends { invoice_id: string; step: string }>(rows: T[], invoiceId: string, step: string) =>
      rows.filter((r) => r.invoice_id === invoiceId && r.step === step);
    const checkpointed = new Set(this.found.filter((f) => f.type === 'checkpoint_opened').map((f) => `${f.invoiceId}:${f.dedupeKey.slice('checkpoint:'.length)}`));
    const out: string[] = [];
    for (const f of this.found) {
      const [prefix, step] = [f.dedupeKey.slice(0, f.dedupeKey.indexOf(':')), f.dedupeKey.slice(f.dedupeKey.indexOf(':') + 1)];
      let outcome: string;
      if (prefix === 'checkpoint') outcome = 'awaits_approval';
      else if (prefix === 'skip') outcome = 'superseded';
      else if (f.type === 'step_skipped') outcome = 'skipped_condition';
      else if (checkpointed.has(`${f.invoiceId}:${step}`)) continue; // the approved step: reported with its checkpoint
      else outcome = 'run';
      const acted = outcome === 'run' || outcome === 'awaits_approval';
      const channels = acted ? of(messages, f.invoiceId, step).map((m) => m.channel).sort().join('+') : '';
      const kinds = acted ? of(tasks, f.invoiceId, step).map((t) => t.kind).sort().join('+') : '';
      out.push(`${f.date} ${label.get(f.invoiceId)} ${step} ${outcome} ${channels} ${kinds}`);
    }
    return out;
  }
}

/** Lets every workflow finish what it can do now, approving any checkpoint the moment it opens. */
async function settleAll(handles: DunningWorkflowHandle[]): Promise<void> {
  for (const handle of handles) {
    const state = await settled(h, handle);
    const waiting = state?.awaitingCheckpoint;
    if (!waiting) continue;
    await handle.executeUpdate(decideCheckpointUpdate, { args: [{ stepKey: waiting.stepKey, decision: 'approve', by: 'agreement-test' }] });
    await settled(h, handle, { until: (s) => s.awaitingCheckpoint === null && s.handledSteps.includes(waiting.stepKey) });
  }
}

/**
 * Fixed starts, in increasing order (the server's clock only moves forward),
 * each far enough after the previous one's horizon: the outcome never
 * depends on when the suite runs. `shaped`: the portfolio's dates are
 * designed for a Monday morning outside holidays and DST changes; the other
 * starts (a Wednesday evening past the sending hour, a Sunday night before
 * the October DST change and All Saints) check the agreement itself.
 */
const STARTS = [
  { name: 'Monday 10:00', at: '2040-02-06T10:00:00+01:00', shaped: true },
  { name: 'Wednesday 20:40, over the March DST change and Easter Monday', at: '2040-03-14T20:40:00+01:00', shaped: false },
  { name: 'Sunday 23:40, over the October DST change and All Saints', at: '2040-10-14T23:40:00+02:00', shaped: false },
] as const;

describe('simulation agrees with the workflows', () => {
  test.each(STARTS)(`over ${HORIZON_DAYS} days from $name, per day and step, the calendar forecast is what the workflows do`, async ({ at, shaped }) => {
    await advanceTo(h.env, Date.parse(at));
    const start0 = await h.env.currentTimeMs();
    const T = parisDate(start0);
    const s = await storeScenario([{ definition: S, inFlightPolicy: 'keep_version' }]);
    const m = await storeScenario([{ definition: M1, inFlightPolicy: 'keep_version' }, { definition: M2, inFlightPolicy: 'migrate_at_next_step' }]);

    const portfolio = [
      await seed('A', 2, { amountMinor: 150_000n, scenario: { id: s, version: 1 }, customer: { segment: 'smb', salespersonEmail: 'rep@seller.example' } }, T),
      // A second invoice of A's customer, due the same day: their reminders and statements leave as one message per channel.
      await seed('A2', 2, { amountMinor: 120_000n, scenario: { id: s, version: 1 } }, T),
      // Already 2 days overdue: `first` runs at start.
      await seed('C', -2, { amountMinor: 50_000n, scenario: { id: s, version: 1 }, customer: { segment: 'key_account', riskClass: 'C' } }, T),
      // 6 days overdue: `call` runs at start, superseding `first` and `sms_smb`; the statement counts from today.
      await seed('E', -6, { amountMinor: 250_000n, scenario: { id: s, version: 1 }, customer: { segment: 'smb' } }, T),
      await seed('B', 1, { phone: null }, T), // built-in; no phone, so no SMS
      await seed('N', 3, { customer: { timeZone: 'America/New_York' } }, T), // built-in, 09:00 in New York
      await seed('P', 2, {}, T), // built-in, paused for 3 days from now
      await seed('G', 1, { scenario: { id: m, version: 1 } }, T), // moves to M v2 at its first step
    ];
    const [A, A2] = [portfolio.find((i) => i.label === 'A')!, portfolio.find((i) => i.label === 'A2')!];
    await h.dataSource.manager.update(Invoice, { id: A2.id }, { customerId: A.customerId });
    A2.customerId = A.customerId;
    const P = portfolio.find((i) => i.label === 'P')!;
    await h.dataSource.manager.insert(DunningPause, {
      scope: 'invoice', invoiceId: P.id, customerId: P.customerId, reason: 'Disputed', createdAt: new Date(start0),
      until: new Date(start0 + 3 * 24 * HOUR + 2 * HOUR), resumedAt: null,
    });
    const handles = [];
    for (const invoice of portfolio) handles.push(await start(invoice));
    await settleAll(handles);

    // These start after the forecast: their catch-ups (L: the +7 reminder, superseding two; K: k_start) are part of the prediction.
    const k = await storeScenario([{ definition: K, inFlightPolicy: 'keep_version' }]);
    const late = [await seed('L', -9, {}, T), await seed('K', 25, { scenario: { id: k, version: 1 } }, T)];
    portfolio.push(...late);

    const now = await h.env.currentTimeMs();
    const ds = h.dataSource;
    const scenarioVersions = new ScenarioVersionReader(ds);
    const reader = new PortfolioStateReader(
      ds, h.config, new InvoicePortfolioReader(ds), new CustomerDirectory(ds), new PauseHistoryReader(ds), scenarioVersions,
      new LegalEntitySettingsReader(ds),
    );
    const forecasts = new DunningForecastService(scenarioVersions, reader, h.config);
    const forecast = await forecasts.calendar({ from: T, to: shiftDate(T, HORIZON_DAYS - 1) }, now);
    expect(forecast.invoices).toBe(portfolio.length);
    const predicted = predictedLines(forecast, portfolio);

    const observer = new Observer(portfolio);
    await observer.skipExisting();
    for (const invoice of late) handles.push(await start(invoice));
    await settleAll(handles);
    await observer.collect(await h.env.currentTimeMs());

    // Stop at each predicted action and at the end of every day, so each action is dated by when it happened.
    const dayEnds = Array.from({ length: HORIZON_DAYS }, (_, i) => parisSendInstant(shiftDate(T, i)) + 15 * HOUR - MINUTE);
    const actions = forecast.days.flatMap((d) => d.actions.map((a) => Date.parse(a.at) + MINUTE));
    const stops = [...new Set([...dayEnds, ...actions])].sort((a, b) => a - b);
    for (const stop of stops) {
      if (stop <= (await h.env.currentTimeMs())) continue;
      await advanceTo(h.env, stop);
      await settleAll(handles);
      await observer.collect(stop);
    }

    // Sorted: invoices acting at the same instant may be observed in any order.
    const actual = await observer.lines();
    expect([...actual].sort()).toEqual([...predicted].sort());
    // Messages per day and channel: the forecast's totals, plus the formal notices of the checkpoints approved here at once.
    const expectedSent = new Map<string, number>();
    for (const d of forecast.days) {
      for (const channel of ['email', 'sms', 'letter'] as const) {
        const approved = d.actions.filter((a) => a.outcome === 'awaits_approval').flatMap((a) => a.channels).filter((c) => c === channel).length;
        if (d.totals[channel] + approved > 0) expectedSent.set(`${d.date} ${channel}`, d.totals[channel] + approved);
      }
    }
    expect(new Map([...observer.sent].sort())).toEqual(new Map([...expectedSent].sort()));
    // The portfolio exercises what it is meant to.
    const outcomes = new Set(predicted.map((l) => l.split(' ')[3]));
    expect([...outcomes].sort()).toEqual(['awaits_approval', 'run', 'skipped_condition', 'superseded']);
    if (shaped) {
      expect(predicted.some((l) => / G b run sms/.test(l))).toBe(true); // migrated to version 2
      expect(predicted.some((l) => / N courtesy_notice run /.test(l))).toBe(true);
      const firstDay = predicted.find((l) => / A first run/.test(l))!.slice(0, 10);
      expect(predicted.filter((l) => l.startsWith(`${firstDay} A`)).map((l) => l.split(' ')[1]).sort()).toEqual(['A', 'A2']);
      expect(observer.sent.get(`${firstDay} email`)).toBe(forecast.days.find((d) => d.date === firstDay)!.totals.email);
      expect(predicted.filter((l) => / K /.test(l)).map((l) => l.split(' ').slice(0, 4).join(' '))).toEqual([`${T} K k_start run`, expect.stringMatching(/ K k_follow run$/)]);
      expect(predicted.find((l) => / K k_follow /.test(l))!.slice(0, 10) > T).toBe(true);
      expect(predicted.filter((l) => / P /.test(l))[0]).toMatch(/^\S+ P courtesy_notice run email/);
    }
  }, 600_000);
});
