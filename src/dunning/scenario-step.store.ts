import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MoreThan, type DataSource } from 'typeorm';
import type { StatementLine } from '../../activities/ports.js';
import type {
  CollectorTaskDraft, PublishedScenarioVersion, ScenarioInvoiceView, ScenarioStepPort,
} from '../../activities/scenario-ports.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';
import { InvoiceProjectionStore, toDunningView } from '../invoices/invoice-projection.store.js';
import { customerOpenItems } from '../invoices/open-items.js';
import { ScenarioVersion } from '../scenarios/scenario-version.entity.js';
import { CollectorTask } from '../tasks/collector-task.entity.js';
import { Clock, systemClock } from '../clock/clock.js';

/** The scenario-step port of the activities, over PostgreSQL. */
@Injectable()
export class ScenarioStepStore implements ScenarioStepPort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceProjectionStore) private readonly invoices: InvoiceProjectionStore,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async findForScenario(invoiceId: string): Promise<ScenarioInvoiceView | null> {
    const rows = await this.invoices.loadDunningRows(invoiceId);
    if (!rows) return null;
    const entity = await this.dataSource.manager.findOneByOrFail(LegalEntity, { id: rows.invoice.entityId });
    return {
      ...toDunningView(rows),
      segment: rows.customer.segment,
      riskClass: rows.customer.riskClass,
      salespersonEmail: rows.customer.salespersonEmail,
      collectionStage: rows.invoice.collectionStage,
      penaltyPolicy: entity.penaltyPolicy,
      entityCountry: entity.country,
    };
  }

  openItems(customerId: string, asOf: string): Promise<StatementLine[]> {
    return customerOpenItems(this.dataSource.manager, customerId, asOf);
  }

  async createTask(task: CollectorTaskDraft): Promise<{ id: string; status: string }> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CollectorTask)
      .values({ ...task, data: task.data as never, status: 'open' })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const row = await this.dataSource.manager.findOneByOrFail(CollectorTask, { idempotencyKey: task.idempotencyKey });
    return { id: row.id, status: row.status };
  }

  async closeTask(idempotencyKey: string, outcome: string): Promise<void> {
    await this.dataSource.manager.update(
      CollectorTask,
      { idempotencyKey, status: 'open' },
      { status: outcome === 'rejected' || outcome === 'cancelled' ? 'cancelled' : 'done', outcome, closedAt: this.clock.now() },
    );
  }

  async setCollectionStage(invoiceId: string, stage: 'amicable' | 'litigation'): Promise<boolean> {
    const result = await this.dataSource.query(
      'UPDATE invoices SET collection_stage = $1 WHERE id = $2 AND collection_stage <> $1', [stage, invoiceId],
    );
    return (result as [unknown, number])[1] > 0;
  }

  async setScenarioVersion(invoiceId: string, scenarioId: string, version: number): Promise<void> {
    await this.dataSource.query('UPDATE invoices SET scenario_id = $1, scenario_version = $2 WHERE id = $3', [scenarioId, version, invoiceId]);
  }

  async migrationTarget(scenarioId: string, afterVersion: number): Promise<PublishedScenarioVersion | null> {
    const target = await this.dataSource.manager.findOne(ScenarioVersion, {
      where: { scenarioId, version: MoreThan(afterVersion), inFlightPolicy: 'migrate_at_next_step' },
      order: { version: 'DESC' },
    });
    return target && {
      scenarioId, version: target.version, inFlightPolicy: target.inFlightPolicy, definition: target.definition,
    };
  }
}
