import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** An open invoice with its dunning position, as the simulation starts from it. */
export interface OpenInvoiceStateRow {
  id: string;
  number: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  currency: string;
  /** Minor units, as a decimal string. */
  openAmountMinor: string;
  createdAt: Date;
  scenarioId: string | null;
  scenarioVersion: number | null;
  customerId: string;
  entityId: string;
}

/** A step, skip or checkpoint event of an invoice's timeline. */
export interface StepEventRecord {
  invoiceId: string;
  type: string;
  dedupeKey: string;
  occurredAt: Date;
  /** The `then` of a checkpoint event, if any. */
  then: string | null;
}

/** A scenario step that ran on an invoice: its timeline event. */
export interface ScenarioStepRun {
  invoiceId: string;
  version: number;
  step: string;
  /** When it ran (the event's instant). */
  at: Date;
}

/** The timeline events of a step that ran: messages sent or handed to the customer's batch, a task, a handover, a note. */
const STEP_RUN_TYPES = ['reminder_sent', 'task_created', 'litigation_handover', 'internal_notification_sent'];

/** An open or paid invoice as the payment prediction reads it. */
export interface PredictionInvoiceRow {
  id: string;
  externalId: string;
  number: string;
  customerId: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  /** Minor units, as decimal strings. */
  amount: string;
  openAmount: string;
}

/**
 * Whole-portfolio reads of invoices for the capabilities that forecast them (simulation,
 * prediction): set-based queries returning plain rows, never a query per invoice. Pass a
 * transaction's manager (`db`) to read inside the caller's snapshot.
 */
@Injectable()
export class InvoicePortfolioReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page of the open invoices with something left to pay, in id order after `after`
   * (keyset pagination). `customerIds`: only those customers' invoices.
   */
  openInvoicePage(
    filter: { entityId?: string; customerIds?: readonly string[]; currency?: string },
    after: string,
    limit: number,
    db: EntityManager = this.dataSource.manager,
  ): Promise<OpenInvoiceStateRow[]> {
    const params: unknown[] = [after, limit];
    const where = [`status = 'open'`, 'open_amount_minor > 0', 'id > $1'];
    if (filter.entityId) where.push(`entity_id = $${params.push(filter.entityId)}`);
    if (filter.customerIds) where.push(`customer_id = ANY($${params.push(filter.customerIds)}::uuid[])`);
    if (filter.currency) where.push(`currency = $${params.push(filter.currency)}`);
    return db.query(
      `SELECT id, number, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", currency, open_amount_minor::text AS "openAmountMinor",
              created_at AS "createdAt", scenario_id AS "scenarioId", scenario_version AS "scenarioVersion",
              customer_id AS "customerId", entity_id AS "entityId"
         FROM invoices
        WHERE ${where.join(' AND ')}
        ORDER BY id
        LIMIT $2`,
      params,
    );
  }

  /** The invoices' step, skip and checkpoint events (what the workflow has done so far). */
  stepEvents(invoiceIds: readonly string[], db: EntityManager = this.dataSource.manager): Promise<StepEventRecord[]> {
    return db.query(
      `SELECT invoice_id AS "invoiceId", type, dedupe_key AS "dedupeKey", occurred_at AS "occurredAt", data->>'then' AS then
         FROM invoice_events
        WHERE invoice_id = ANY($1::uuid[])
          AND (dedupe_key LIKE 'step:%' OR dedupe_key LIKE 'skip:%' OR dedupe_key LIKE 'checkpoint:%' OR dedupe_key LIKE 'checkpoint\\_closed:%')`,
      [invoiceIds],
    );
  }

  /**
   * Every step of a scenario's versions that ran on the scenario's invoices, with the
   * version it ran from (carried by the event: an invoice may have migrated since).
   */
  scenarioStepRuns(scenarioId: string, db: EntityManager = this.dataSource.manager): Promise<ScenarioStepRun[]> {
    return db.query(
      `SELECT e.invoice_id AS "invoiceId", (e.data->'scenario'->>'version')::int AS version, e.data->>'step' AS step, e.occurred_at AS at
         FROM invoices i JOIN invoice_events e ON e.invoice_id = i.id
        WHERE i.scenario_id = $1 AND e.type = ANY($2::text[]) AND e.data->'scenario'->>'scenarioId' = $1::text
        ORDER BY e.occurred_at, e.id`,
      [scenarioId, STEP_RUN_TYPES],
    );
  }

  /** The entity's open invoices matching the filter. */
  openForPrediction(filter: {
    entityId: string;
    customerId?: string;
    currency?: string;
    invoiceIds?: readonly string[];
    dueOnOrBefore?: string;
  }): Promise<PredictionInvoiceRow[]> {
    const params: unknown[] = [filter.entityId];
    const where = [`entity_id = $1`, `status = 'open'`];
    if (filter.customerId) where.push(`customer_id = $${params.push(filter.customerId)}`);
    if (filter.currency) where.push(`currency = $${params.push(filter.currency)}`);
    if (filter.invoiceIds) where.push(`id = ANY($${params.push(filter.invoiceIds)}::uuid[])`);
    if (filter.dueOnOrBefore) where.push(`due_date <= $${params.push(filter.dueOnOrBefore)}::date`);
    return this.dataSource.query(`SELECT ${PREDICTION_COLUMNS} FROM invoices WHERE ${where.join(' AND ')}`, params);
  }

  /**
   * The entity's paid invoices, newest issue date first (ties by id), `limit` at a time after
   * the keyset `after` (the last row of the previous page).
   */
  paidPage(entityId: string, after: { issueDate: string; id: string } | null, limit: number): Promise<PredictionInvoiceRow[]> {
    const params: unknown[] = [entityId, limit];
    const keyset = after ? `AND (issue_date, id) < ($${params.push(after.issueDate)}::date, $${params.push(after.id)}::uuid)` : '';
    return this.dataSource.query(
      `SELECT ${PREDICTION_COLUMNS} FROM invoices
        WHERE entity_id = $1 AND status = 'paid' ${keyset}
        ORDER BY issue_date DESC, id DESC
        LIMIT $2`,
      params,
    );
  }

  async paidCount(entityId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM invoices WHERE entity_id = $1 AND status = 'paid'`, [entityId]);
    return (row as { n: number }).n;
  }

  /** The entity of an open invoice; null when there is no such open invoice. */
  async entityOfOpenInvoice(invoiceId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT entity_id AS "entityId" FROM invoices WHERE id = $1 AND status = 'open'`, [invoiceId],
    )) as { entityId: string }[];
    return row?.entityId ?? null;
  }
}

const PREDICTION_COLUMNS = `id, external_id AS "externalId", number, customer_id AS "customerId",
  to_char(issue_date, 'YYYY-MM-DD') AS "issueDate", to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
  currency, amount_minor::text AS amount, open_amount_minor::text AS "openAmount"`;
