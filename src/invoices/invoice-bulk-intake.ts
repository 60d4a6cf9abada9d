import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Clock, systemClock } from '../clock/clock.js';
import { AppError } from '../common/errors.js';
import { CustomerScoringService } from '../credit/customer-scoring.service.js';
import { ExposureAlertsService } from '../credit/exposure-alerts.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { invoicesReceived } from '../metrics/intake-metrics.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { LegalEntity } from '../organization/legal-entity.view.js';
import { ScenarioResolver, type ScenarioResolution } from '../scenarios/scenario-resolver.js';
import { invoiceWorkflowId } from '../../workflows/definitions.js';
import type { CreateInvoiceDto } from './create-invoice.dto.js';
import { firstNextAction } from './first-next-action.js';
import { invoiceCreatedEvent } from './invoice-created-event.js';
import { InvoiceEvent } from './invoice-event.entity.js';
import { InvoiceWorkflowInputs } from './invoice-workflow-input.js';
import { InvoiceWorkflowGateway, type WorkflowLane } from './invoice-workflow.gateway.js';
import { Invoice } from './invoice.entity.js';
import { InvoicesService, type IntakeOutcome } from './invoices.service.js';

/** What became of one request of a batch: taken in, or refused (a 4xx intake would have answered). */
export type BulkIntakeResult = { outcome: IntakeOutcome } | { refused: AppError };

interface Checked {
  index: number;
  dto: CreateInvoiceDto;
  entity: LegalEntity;
  amountMinor: bigint;
}

interface Created extends Checked {
  invoice: Invoice;
  timeZone: string | null;
}

const keyOf = (entityId: string, externalId: string) => `${entityId}\u0000${externalId}`;

/** Transactions of a batch written at once (the pool holds DATABASE_POOL_SIZE connections, 10 by default; starts and exposure checks need some). */
const WRITE_GROUPS = 3;

/** Which of the batch's transactions writes a customer (and all its invoices). */
function groupOf(customerKey: string): number {
  let hash = 0;
  for (let i = 0; i < customerKey.length; i++) hash = (hash * 31 + customerKey.charCodeAt(i)) | 0;
  return Math.abs(hash) % WRITE_GROUPS;
}

/** A business refusal (4xx) is the row's outcome; anything else (database, Temporal) is thrown to the caller, which retries. */
function asRefusal(err: unknown): { refused: AppError } {
  if (err instanceof AppError && err.httpStatus < 500) return { refused: err };
  throw err;
}

/** Runs `task` over `items`, at most `limit` at once. */
async function eachBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Intake of many invoices at once, for an initial load: each request gives
 * the same result as POST /api/v1/invoices would, at a fraction of the cost.
 * The invoices new to Relance are written in a few transactions side by side
 * (each customer in one of them, upserted once; the invoices and their timeline events in multi-row
 * inserts, the ledger in a few statements), then their workflows start
 * `startConcurrency` at a time on intake's fast path (the first next action
 * projected here, so a not-yet-due invoice costs its workflow one task).
 * Invoices Relance already holds, and a batch that a row's business rule
 * refuses as a whole, go through intake one by one: updates, "unchanged"
 * repairs and refusals (a conflict with what Relance holds) stay exactly
 * intake's. Idempotent like intake: a retried batch finds its invoices and
 * takes them as "unchanged" (re-sending their start by signal-with-start).
 */
@Injectable()
export class InvoiceBulkIntake {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(CustomerScoringService) private readonly scoring: CustomerScoringService,
    @Inject(ScenarioResolver) private readonly scenarios: ScenarioResolver,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(InvoiceWorkflowInputs) private readonly inputs: InvoiceWorkflowInputs,
    @Inject(InvoiceWorkflowGateway) private readonly workflows: InvoiceWorkflowGateway,
    @Inject(ExposureAlertsService) private readonly exposure: ExposureAlertsService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** One result per request, in order. A request appearing twice in one batch is the caller's to avoid (an import refuses it). */
  async intakeMany(dtos: readonly CreateInvoiceDto[], options: { lane: WorkflowLane; startConcurrency: number }): Promise<BulkIntakeResult[]> {
    const results: BulkIntakeResult[] = new Array<BulkIntakeResult>(dtos.length);
    const checked = await this.precheck(dtos, results);
    const known = await this.existingKeys(checked);
    const fresh = checked.filter((c) => !known.has(keyOf(c.entity.id, c.dto.externalId)));
    const oneByOne = checked.filter((c) => known.has(keyOf(c.entity.id, c.dto.externalId)));

    // A few transactions side by side, each customer in one of them: they never wait on each other's locks.
    const groups = Array.from({ length: WRITE_GROUPS }, () => [] as Checked[]);
    for (const c of fresh) groups[groupOf(keyOf(c.entity.id, c.dto.customer.externalId))]!.push(c);
    const created = (await Promise.all(groups.filter((g) => g.length > 0).map(async (group) => {
      try {
        return await this.createMany(group);
      } catch (err) {
        // A row's business rule refused the group's transaction (nothing was written): each row alone finds which.
        asRefusal(err);
        return [];
      }
    }))).flat();
    const createdIndexes = new Set(created.map((c) => c.index));
    // Refused groups, or invoices created meanwhile by the ERP's own intake: one by one.
    oneByOne.push(...fresh.filter((c) => !createdIndexes.has(c.index)));

    await this.startWorkflows(created, options);
    for (const c of created) results[c.index] = { outcome: 'created' };
    if (created.length > 0) invoicesReceived.inc({ outcome: 'created' }, created.length);
    // Receivables changed: each customer may have crossed its credit limit (logs, never throws).
    await eachBounded([...new Set(created.map((c) => c.invoice.customerId))], 4, (id) => this.exposure.evaluateExposureSafely(id));

    await eachBounded(oneByOne, options.startConcurrency, async (c) => {
      try {
        results[c.index] = { outcome: (await this.invoices.intake(c.dto, { lane: options.lane })).outcome };
      } catch (err) {
        results[c.index] = asRefusal(err);
      }
    });
    return results;
  }

  private async precheck(dtos: readonly CreateInvoiceDto[], results: BulkIntakeResult[]): Promise<Checked[]> {
    const entities = new Map<string, Promise<LegalEntity | null>>();
    const findEntity = (code: string | undefined) => {
      let found = entities.get(code ?? '');
      if (!found) entities.set(code ?? '', (found = this.entities.findByCode(code)));
      return found;
    };
    const checked: Checked[] = [];
    for (const [index, dto] of dtos.entries()) {
      try {
        checked.push({ index, dto, ...(await this.invoices.precheck(dto, findEntity)) });
      } catch (err) {
        results[index] = asRefusal(err);
      }
    }
    return checked;
  }

  private async existingKeys(checked: readonly Checked[]): Promise<Set<string>> {
    if (checked.length === 0) return new Set();
    const rows: { entity_id: string; external_id: string }[] = await this.dataSource.query(
      `SELECT i.entity_id, i.external_id FROM invoices i
         JOIN unnest($1::uuid[], $2::text[]) AS k(entity_id, external_id) ON i.entity_id = k.entity_id AND i.external_id = k.external_id`,
      [checked.map((c) => c.entity.id), checked.map((c) => c.dto.externalId)],
    );
    return new Set(rows.map((r) => keyOf(r.entity_id, r.external_id)));
  }

  /** New invoices in one transaction: what intake's create writes, statement by statement in bulk where it can. */
  private async createMany(fresh: readonly Checked[]): Promise<Created[]> {
    return this.dataSource.transaction(async (manager) => {
      const customers = await this.upsertCustomers(manager, fresh);
      const customerOf = (c: Checked) => customers.get(keyOf(c.entity.id, c.dto.customer.externalId))!;
      const inserted = await manager.createQueryBuilder().insert().into(Invoice)
        .values(fresh.map((c) => {
          const { customer, scenario } = customerOf(c);
          return {
            entityId: c.entity.id, customerId: customer.id, externalId: c.dto.externalId, number: c.dto.number,
            issueDate: c.dto.issueDate, dueDate: c.dto.dueDate, currency: c.dto.currency,
            amountMinor: c.amountMinor, openAmountMinor: c.amountMinor, status: 'open' as const,
            paymentTerms: c.dto.paymentTerms ?? null, paymentMethod: c.dto.paymentMethod ?? null,
            workflowId: invoiceWorkflowId(c.entity.code, c.dto.externalId), version: 1,
            scenarioId: scenario?.scenarioId ?? null, scenarioVersion: scenario?.version ?? null,
          };
        }))
        .orIgnore()
        .returning(['id'])
        .updateEntity(false)
        .execute();
      const ids = (inserted.raw as { id: string }[]).map((r) => r.id);
      // Rows skipped by ON CONFLICT were created meanwhile by another intake: the caller takes them one by one.
      const invoices = ids.length > 0 ? await manager.find(Invoice, { where: { id: In(ids) } }) : [];
      const byKey = new Map(invoices.map((i) => [keyOf(i.entityId, i.externalId), i]));
      const created: Created[] = fresh.flatMap((c) => {
        const invoice = byKey.get(keyOf(c.entity.id, c.dto.externalId));
        return invoice ? [{ ...c, invoice, timeZone: customerOf(c).customer.timeZone }] : [];
      });
      await this.ledger.recordIssued(manager, created.map((c) => this.ledger.invoiceIssued(c.invoice, c.amountMinor)));
      for (const c of created) await this.scenarios.recordChoice(manager, c.invoice, customerOf(c).scenario);
      if (created.length > 0) {
        const now = new Date();
        await manager.createQueryBuilder().insert().into(InvoiceEvent)
          .values(created.map((c) => {
            const event = invoiceCreatedEvent(c.dto, customerOf(c).scenario);
            // TypeORM's deep-partial typing rejects an open record; the column is jsonb.
            return { invoiceId: c.invoice.id, type: event.type, dedupeKey: event.dedupeKey, data: event.data as never, occurredAt: now };
          }))
          .orIgnore()
          .updateEntity(false)
          .execute();
      }
      return created;
    });
  }

  /**
   * Each customer of the batch once, as its last row describes it (rows loaded
   * one by one in order would leave the same), with its scored class restored
   * and its scenario resolved, in the batch's transaction.
   */
  private async upsertCustomers(manager: EntityManager, fresh: readonly Checked[]) {
    const last = new Map<string, Checked>();
    for (const c of fresh) last.set(keyOf(c.entity.id, c.dto.customer.externalId), c);
    const resolved = new Map<string, { customer: Awaited<ReturnType<CustomersService['upsertFromErp']>>; scenario: ScenarioResolution | null }>();
    // In key order: two batches sharing customers lock them in the same order.
    for (const key of [...last.keys()].sort()) {
      const c = last.get(key)!;
      const customer = await this.customers.upsertFromErp(manager, c.entity.id, c.dto.customer);
      // Once scored, the computed class stands: the ERP's class only seeds customers never scored.
      await this.scoring.restoreScoredClass(manager, customer);
      const scenario = await this.scenarios.resolveScenarioFor({ entityId: c.entity.id, customerId: customer.id }, manager);
      resolved.set(key, { customer, scenario });
    }
    return resolved;
  }

  /**
   * Projects each new invoice's first next action (one statement), then starts
   * the workflows with it, `startConcurrency` at a time; a start that already
   * happened is a no-op.
   */
  private async startWorkflows(created: readonly Created[], options: { lane: WorkflowLane; startConcurrency: number }): Promise<void> {
    if (created.length === 0) return;
    const inputs = await this.inputs.buildMany(created.map((c) => ({ invoice: c.invoice, entity: c.entity, customerTimeZone: c.timeZone })));
    const now = this.clock.now().getTime();
    const projected = inputs.map((input) => firstNextAction(input, now));
    const written = created.flatMap((c, i) => (projected[i] === undefined ? [] : [{ id: c.invoice.id, next: projected[i] }]));
    if (written.length > 0) {
      await this.dataSource.query(
        `UPDATE invoices i SET next_action_at = p.at, next_action_step = p.step
           FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS p(id, at, step) WHERE i.id = p.id`,
        [written.map((w) => w.id), written.map((w) => w.next?.at ?? null), written.map((w) => w.next?.step ?? null)],
      );
    }
    await eachBounded(created.map((c, i) => ({ c, i })), options.startConcurrency, async ({ c, i }) => {
      const next = projected[i];
      await this.workflows.ensureStarted(c.invoice.workflowId, { ...inputs[i]!, intake: next === undefined ? {} : { projectedNextAction: next } }, { lane: options.lane });
    });
  }
}
