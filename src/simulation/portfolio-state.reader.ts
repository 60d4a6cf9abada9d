import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { createBusinessCalendar, type BusinessCalendar, type BusinessCalendarOptions, type SendingWindow } from '../../workflows/domain/business-calendar.js';
import { minorUnitDigits } from '../../workflows/domain/money.js';
import { BUILT_IN_SCENARIO, type ScenarioTiming, type StepFacts } from '../../workflows/domain/scenario-schedule.js';
import type { InFlightPolicy, ScenarioChannel, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { memoisedLocalDate, pauseProgress, stepProgress, type LocalDate, type PauseProgress, type StepEventRow, type StepProgress } from './invoice-progress.js';

export interface PortfolioFilter {
  entityId?: string;
  customerExternalIds?: string[];
  segments?: string[];
  riskClasses?: string[];
  currency?: string;
  /** Decimal amount, compared exactly in each invoice's currency. */
  minOpenAmount?: string;
}

/** One open invoice as its workflow sees it: what a forecast starts from. */
export interface InvoiceDunningSnapshot extends PauseProgress, StepProgress {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  /** null: the built-in scenario. */
  scenario: { scenarioId: string; version: number } | null;
  definition: ScenarioDefinition;
  /** The newest version published with "migrate_at_next_step" after the invoice's, if any. */
  migrateTo: ScenarioDefinition | null;
  /** With the invoice's own due date (not moved by pauses). */
  timing: ScenarioTiming;
  facts: StepFacts;
  /** Channels the primary contact can receive; a step's other channels are skipped when it runs. */
  reachable: ScenarioChannel[];
}

interface InvoiceRow {
  id: string; number: string; due_date: string; currency: string; open_amount_minor: string; created_at: Date;
  scenario_id: string | null; scenario_version: number | null;
  customer_id: string; customer_name: string; customer_time_zone: string | null; segment: string | null; risk_class: string | null;
  entity_id: string; has_email: boolean; has_phone: boolean;
}

/** A legal entity's timing settings, as the workflow input takes them. */
interface EntityTiming { timeZone: string | null; calendar: BusinessCalendar; window: SendingWindow }

interface VersionRow { scenario_id: string; version: number; definition: ScenarioDefinition; in_flight_policy: InFlightPolicy }

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Reads the open invoices' dunning state in batches: the entities once, then
 * per batch one query for the invoices with their customer and primary
 * contact, one for the step events, one for the pauses, one for scenario
 * versions not seen yet.
 * Keyset pagination on the invoice id inside one read-only REPEATABLE READ
 * transaction: a consistent snapshot, memory bounded by the batch size.
 */
@Injectable()
export class PortfolioStateReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async *openInvoices(filter: PortfolioFilter, now: number, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<InvoiceDunningSnapshot[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const versions = new Map<string, VersionRow[]>();
      const entities = await this.entities(runner);
      const localDate = memoisedLocalDate();
      for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
        const rows = await this.invoiceBatch(runner, filter, after, batchSize);
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        const kept = rows.filter((r) => filter.minOpenAmount === undefined || atLeast(BigInt(r.open_amount_minor), r.currency, filter.minOpenAmount));
        // One connection runs one query at a time: in sequence.
        const events = await this.stepEvents(runner, kept);
        const pauses = await this.pauses(runner, kept);
        await this.loadVersions(runner, kept, versions);
        yield kept.map((row) => this.snapshot(row, events.get(row.id) ?? [], pauses.get(row.id) ?? [], versions, entities.get(row.entity_id)!, localDate, now));
        if (rows.length < batchSize) break;
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private async invoiceBatch(runner: QueryRunner, filter: PortfolioFilter, after: string, limit: number): Promise<InvoiceRow[]> {
    const params: unknown[] = [after, limit];
    const where = [`i.status = 'open'`, 'i.open_amount_minor > 0', 'i.id > $1'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.entityId) add((p) => `i.entity_id = ${p}`, filter.entityId);
    if (filter.customerExternalIds) add((p) => `c.external_id = ANY(${p}::text[])`, filter.customerExternalIds);
    if (filter.segments) add((p) => `c.segment = ANY(${p}::text[])`, filter.segments);
    if (filter.riskClasses) add((p) => `c.risk_class = ANY(${p}::text[])`, filter.riskClasses);
    if (filter.currency) add((p) => `i.currency = ${p}`, filter.currency);
    return runner.query(
      `SELECT i.id, i.number, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.currency, i.open_amount_minor::text AS open_amount_minor,
              i.created_at, i.scenario_id, i.scenario_version,
              c.id AS customer_id, c.name AS customer_name, c.time_zone AS customer_time_zone, c.segment, c.risk_class,
              i.entity_id, coalesce(ct.email, '') <> '' AS has_email, coalesce(ct.phone, '') <> '' AS has_phone
         FROM invoices i
         JOIN customers c ON c.id = i.customer_id
         LEFT JOIN customer_contacts ct ON ct.customer_id = c.id AND ct.is_primary
        WHERE ${where.join(' AND ')}
        ORDER BY i.id
        LIMIT $2`,
      params,
    );
  }

  /** Entities are few: read once, their calendars validated once. */
  private async entities(runner: QueryRunner): Promise<Map<string, EntityTiming>> {
    const rows: { id: string; time_zone: string | null; business_calendar: BusinessCalendarOptions; sending_window: SendingWindow }[] =
      await runner.query('SELECT id, time_zone, business_calendar, sending_window FROM legal_entities');
    return new Map(rows.map((e) => [e.id, { timeZone: e.time_zone, calendar: createBusinessCalendar(e.business_calendar), window: e.sending_window }]));
  }

  private async stepEvents(runner: QueryRunner, rows: InvoiceRow[]): Promise<Map<string, StepEventRow[]>> {
    const found: { invoice_id: string; type: string; dedupe_key: string; occurred_at: Date; then: string | null }[] = await runner.query(
      `SELECT invoice_id, type, dedupe_key, occurred_at, data->>'then' AS then
         FROM invoice_events
        WHERE invoice_id = ANY($1::uuid[])
          AND (dedupe_key LIKE 'step:%' OR dedupe_key LIKE 'skip:%' OR dedupe_key LIKE 'checkpoint:%' OR dedupe_key LIKE 'checkpoint\\_closed:%')`,
      [rows.map((r) => r.id)],
    );
    return groupBy(found, (e) => e.invoice_id, (e) => ({ type: e.type, dedupeKey: e.dedupe_key, occurredAt: e.occurred_at, then: e.then }));
  }

  /** The invoice's own pauses and its customer's, keyed by invoice. */
  private async pauses(runner: QueryRunner, rows: InvoiceRow[]) {
    const found: { scope: string; invoice_id: string | null; customer_id: string; created_at: Date; until: Date | null; resumed_at: Date | null }[] =
      await runner.query(
        `SELECT scope, invoice_id, customer_id, created_at, until, resumed_at
           FROM dunning_pauses
          WHERE (scope = 'invoice' AND invoice_id = ANY($1::uuid[])) OR (scope = 'customer' AND customer_id = ANY($2::uuid[]))`,
        [rows.map((r) => r.id), [...new Set(rows.map((r) => r.customer_id))]],
      );
    const toRow = (p: (typeof found)[number]) => ({ createdAt: p.created_at, until: p.until, resumedAt: p.resumed_at });
    const byInvoice = groupBy(found.filter((p) => p.scope === 'invoice'), (p) => p.invoice_id!, toRow);
    const byCustomer = groupBy(found.filter((p) => p.scope === 'customer'), (p) => p.customer_id, toRow);
    return new Map(rows.map((r) => [r.id, [...(byInvoice.get(r.id) ?? []), ...(byCustomer.get(r.customer_id) ?? [])]]));
  }

  private async loadVersions(runner: QueryRunner, rows: InvoiceRow[], versions: Map<string, VersionRow[]>): Promise<void> {
    const missing = [...new Set(rows.map((r) => r.scenario_id).filter((id): id is string => id !== null && !versions.has(id)))];
    if (missing.length === 0) return;
    const found: VersionRow[] = await runner.query(
      'SELECT scenario_id, version, definition, in_flight_policy FROM scenario_versions WHERE scenario_id = ANY($1::uuid[]) ORDER BY version',
      [missing],
    );
    for (const id of missing) versions.set(id, found.filter((v) => v.scenario_id === id));
  }

  private snapshot(
    row: InvoiceRow,
    events: StepEventRow[],
    pauses: { createdAt: Date; until: Date | null; resumedAt: Date | null }[],
    versions: Map<string, VersionRow[]>,
    entity: EntityTiming,
    localDate: LocalDate,
    now: number,
  ): InvoiceDunningSnapshot {
    // As InvoiceWorkflowInputs builds a workflow's input.
    const timeZone = row.customer_time_zone ?? entity.timeZone ?? this.config.RELANCE_DEFAULT_TIMEZONE;
    const own = row.scenario_id === null ? [] : (versions.get(row.scenario_id) ?? []);
    const current = own.find((v) => v.version === row.scenario_version) ?? null;
    const target = current && own.filter((v) => v.version > current.version && v.in_flight_policy === 'migrate_at_next_step').at(-1);
    return {
      invoiceId: row.id,
      invoiceNumber: row.number,
      customerId: row.customer_id,
      customerName: row.customer_name,
      scenario: current && { scenarioId: current.scenario_id, version: current.version },
      definition: current?.definition ?? BUILT_IN_SCENARIO,
      migrateTo: target?.definition ?? null,
      timing: {
        dueDate: row.due_date, timeZone, sendHour: this.config.RELANCE_SEND_HOUR, calendar: entity.calendar,
        window: this.config.RELANCE_SENDING_WINDOW === 'off' ? null : entity.window,
      },
      ...stepProgress(events, timeZone, localDate),
      ...pauseProgress(pauses, row.created_at, now, timeZone),
      facts: { openAmountMinor: BigInt(row.open_amount_minor), currency: row.currency, segment: row.segment, riskClass: row.risk_class },
      reachable: [...(row.has_email ? ['email' as const] : []), ...(row.has_phone ? ['sms' as const] : []), 'letter'],
    };
  }
}

function groupBy<T, V>(items: readonly T[], key: (t: T) => string, value: (t: T) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(value(item));
    else out.set(k, [value(item)]);
  }
  return out;
}

/** openMinor ≥ a decimal amount, exactly: both sides scaled to the same number of decimals. */
export function atLeast(openMinor: bigint, currency: string, decimal: string): boolean {
  const [whole, fraction = ''] = decimal.split('.');
  const digits = minorUnitDigits(currency);
  const threshold = BigInt(`${whole}${fraction}`) * 10n ** BigInt(digits);
  return openMinor * 10n ** BigInt(fraction.length) >= threshold;
}
