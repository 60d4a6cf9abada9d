import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { PauseHistoryReader, type PauseRecord } from '../dunning-pauses/pause-history.reader.js';
import { InvoicePortfolioReader, type OpenInvoiceStateRow } from '../invoices/invoice-portfolio.reader.js';
import { LegalEntitySettingsReader } from '../organization/legal-entity-settings.reader.js';
import { ScenarioVersionReader, type PublishedVersion } from '../scenarios/scenario-version.reader.js';
import { createBusinessCalendar, type BusinessCalendar, type SendingWindow } from '../../workflows/domain/business-calendar.js';
import { minorUnitDigits } from '../../workflows/domain/money.js';
import { BUILT_IN_SCENARIO, type ScenarioTiming, type StepFacts } from '../../workflows/domain/scenario-schedule.js';
import type { ScenarioChannel, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { memoisedLocalDate, pauseProgress, stepProgress, type LocalDate, type PauseProgress, type StepEventRow, type StepProgress } from './invoice-progress.js';

export interface PortfolioFilter {
  entityId?: string;
  /** These customers only (a collector's portfolio). */
  customerIds?: readonly string[];
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

/** An open invoice with its customer: what a snapshot is built from. */
interface InvoiceRow extends OpenInvoiceStateRow {
  customer: CustomerRecord;
}

/** A legal entity's timing settings, as the workflow input takes them. */
interface EntityTiming { timeZone: string | null; calendar: BusinessCalendar; window: SendingWindow }

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Reads the open invoices' dunning state in batches, through the owners' read models: per batch
 * one query for the invoices, one for their customers with the primary contact, one for the step
 * events, one for the pauses, one for scenario versions not seen yet; the entities once each.
 * Keyset pagination on the invoice id inside one read-only REPEATABLE READ
 * transaction (the owners' readers run in it): a consistent snapshot, memory bounded by the batch size.
 */
@Injectable()
export class PortfolioStateReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(InvoicePortfolioReader) private readonly invoices: InvoicePortfolioReader,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(PauseHistoryReader) private readonly pauseHistory: PauseHistoryReader,
    @Inject(ScenarioVersionReader) private readonly scenarioVersions: ScenarioVersionReader,
    @Inject(LegalEntitySettingsReader) private readonly legalEntities: LegalEntitySettingsReader,
  ) {}

  async *openInvoices(filter: PortfolioFilter, now: number, batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<InvoiceDunningSnapshot[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const db = runner.manager;
      const versions = new Map<string, PublishedVersion[]>();
      const entities = new Map<string, EntityTiming>();
      const localDate = memoisedLocalDate();
      const narrowsCustomers = filter.customerExternalIds !== undefined || filter.segments !== undefined || filter.riskClasses !== undefined;
      const matching = narrowsCustomers
        ? await this.customers.idsMatching({
            ...(filter.entityId ? { entityId: filter.entityId } : {}),
            ...(filter.customerExternalIds ? { externalIds: filter.customerExternalIds } : {}),
            ...(filter.segments ? { segments: filter.segments } : {}),
            ...(filter.riskClasses ? { riskClasses: filter.riskClasses } : {}),
          }, db)
        : undefined;
      const only = filter.customerIds && new Set(filter.customerIds);
      const customerIds = only ? (matching ?? [...only]).filter((id) => only.has(id)) : matching;
      const page = {
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
        ...(customerIds ? { customerIds } : {}),
        ...(filter.currency ? { currency: filter.currency } : {}),
      };
      for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
        const found = await this.invoices.openInvoicePage(page, after, batchSize, db);
        if (found.length === 0) break;
        after = found[found.length - 1]!.id;
        const kept = found.filter((r) => filter.minOpenAmount === undefined || atLeast(BigInt(r.openAmountMinor), r.currency, filter.minOpenAmount));
        // One connection runs one query at a time: in sequence.
        const customers = await this.customers.findMany(kept.map((r) => r.customerId), db);
        const rows: InvoiceRow[] = kept.map((r) => ({ ...r, customer: customers.get(r.customerId)! }));
        const events = await this.stepEvents(db, rows);
        const pauses = await this.pauses(db, rows);
        await this.loadVersions(db, rows, versions);
        for (const id of new Set(rows.map((r) => r.entityId))) if (!entities.has(id)) entities.set(id, await this.entityTiming(id, db));
        yield rows.map((row) => this.snapshot(row, events.get(row.id) ?? [], pauses.get(row.id) ?? [], versions, entities.get(row.entityId)!, localDate, now));
        if (found.length < batchSize) break;
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** Entities are few: each read once, its calendar validated once. */
  private async entityTiming(entityId: string, db: EntityManager): Promise<EntityTiming> {
    const e = await this.legalEntities.byId(entityId, db);
    if (!e) throw new Error(`legal entity ${entityId} of an open invoice not found`);
    return { timeZone: e.timeZone, calendar: createBusinessCalendar(e.businessCalendar), window: e.sendingWindow };
  }

  private async stepEvents(db: EntityManager, rows: InvoiceRow[]): Promise<Map<string, StepEventRow[]>> {
    const found = await this.invoices.stepEvents(rows.map((r) => r.id), db);
    return groupBy(found, (e) => e.invoiceId, (e) => ({ type: e.type, dedupeKey: e.dedupeKey, occurredAt: e.occurredAt, then: e.then }));
  }

  /** The invoice's own pauses and its customer's, keyed by invoice. */
  private async pauses(db: EntityManager, rows: InvoiceRow[]) {
    const found = await this.pauseHistory.pausesOf(rows.map((r) => r.id), [...new Set(rows.map((r) => r.customerId))], db);
    const toRow = (p: PauseRecord) => ({ createdAt: p.createdAt, until: p.until, resumedAt: p.resumedAt });
    const byInvoice = groupBy(found.filter((p) => p.scope === 'invoice'), (p) => p.invoiceId!, toRow);
    const byCustomer = groupBy(found.filter((p) => p.scope === 'customer'), (p) => p.customerId, toRow);
    return new Map(rows.map((r) => [r.id, [...(byInvoice.get(r.id) ?? []), ...(byCustomer.get(r.customerId) ?? [])]]));
  }

  private async loadVersions(db: EntityManager, rows: InvoiceRow[], versions: Map<string, PublishedVersion[]>): Promise<void> {
    const missing = [...new Set(rows.map((r) => r.scenarioId).filter((id): id is string => id !== null && !versions.has(id)))];
    if (missing.length === 0) return;
    const found = await this.scenarioVersions.versionsOf(missing, db);
    for (const id of missing) versions.set(id, found.filter((v) => v.scenarioId === id));
  }

  private snapshot(
    row: InvoiceRow,
    events: StepEventRow[],
    pauses: { createdAt: Date; until: Date | null; resumedAt: Date | null }[],
    versions: Map<string, PublishedVersion[]>,
    entity: EntityTiming,
    localDate: LocalDate,
    now: number,
  ): InvoiceDunningSnapshot {
    // As InvoiceWorkflowInputs builds a workflow's input.
    const timeZone = row.customer.timeZone ?? entity.timeZone ?? this.config.RELANCE_DEFAULT_TIMEZONE;
    const own = row.scenarioId === null ? [] : (versions.get(row.scenarioId) ?? []);
    const current = own.find((v) => v.version === row.scenarioVersion) ?? null;
    const target = current && own.filter((v) => v.version > current.version && v.inFlightPolicy === 'migrate_at_next_step').at(-1);
    return {
      invoiceId: row.id,
      invoiceNumber: row.number,
      customerId: row.customerId,
      customerName: row.customer.name,
      scenario: current && { scenarioId: current.scenarioId, version: current.version },
      definition: current?.definition ?? BUILT_IN_SCENARIO,
      migrateTo: target?.definition ?? null,
      timing: {
        dueDate: row.dueDate, timeZone, sendHour: this.config.RELANCE_SEND_HOUR, calendar: entity.calendar,
        window: this.config.RELANCE_SENDING_WINDOW === 'off' ? null : entity.window,
      },
      ...stepProgress(events, timeZone, localDate),
      ...pauseProgress(pauses, row.createdAt, now, timeZone),
      facts: { openAmountMinor: BigInt(row.openAmountMinor), currency: row.currency, segment: row.customer.segment, riskClass: row.customer.riskClass },
      reachable: [...(hasText(row.customer.contact?.email) ? ['email' as const] : []), ...(hasText(row.customer.contact?.phone) ? ['sms' as const] : []), 'letter'],
    };
  }
}

/** As `coalesce(x, '') <> ''`: an address that is set and not empty. */
const hasText = (value: string | null | undefined): boolean => (value ?? '') !== '';

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
