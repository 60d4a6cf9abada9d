import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StatementLine } from '../../activities/ports.js';
import type {
  CollectorTaskDraft, PublishedScenarioVersion, ScenarioInvoiceView, ScenarioStepPort,
} from '../../activities/scenario-ports.js';
import type { DeliveryContact } from '../../activities/step-recipients.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceDunningStateStore } from '../invoices/invoice-dunning-state.store.js';
import { InvoiceProjectionStore, toDunningView } from '../invoices/invoice-projection.store.js';
import { customerOpenItems } from '../invoices/open-items.js';
import { LegalEntitySettingsReader } from '../organization/legal-entity-settings.reader.js';
import { ScenarioVersionReader } from '../scenarios/scenario-version.reader.js';
import { CollectorTaskRecords } from '../tasks/collector-task.records.js';

/** The scenario-step port of the activities, over PostgreSQL. */
@Injectable()
export class ScenarioStepStore implements ScenarioStepPort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceProjectionStore) private readonly invoices: InvoiceProjectionStore,
    @Inject(InvoiceDunningStateStore) private readonly dunningState: InvoiceDunningStateStore,
    @Inject(LegalEntitySettingsReader) private readonly entities: LegalEntitySettingsReader,
    @Inject(ScenarioVersionReader) private readonly scenarioVersions: ScenarioVersionReader,
    @Inject(CollectorTaskRecords) private readonly tasks: CollectorTaskRecords,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  async findForScenario(invoiceId: string): Promise<ScenarioInvoiceView | null> {
    const rows = await this.invoices.loadDunningRows(invoiceId);
    if (!rows) return null;
    const entity = await this.entities.byId(rows.invoice.entityId);
    if (!entity) throw new Error(`legal entity ${rows.invoice.entityId} of invoice ${invoiceId} not found`);
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

  contacts(customerId: string): Promise<DeliveryContact[]> {
    return this.customers.deliveryContacts(customerId);
  }

  createTask(task: CollectorTaskDraft): Promise<{ id: string; status: string }> {
    return this.tasks.create(task);
  }

  closeTask(idempotencyKey: string, outcome: string): Promise<void> {
    return this.tasks.close(idempotencyKey, outcome);
  }

  setCollectionStage(invoiceId: string, stage: 'amicable' | 'litigation'): Promise<boolean> {
    return this.dunningState.setCollectionStage(invoiceId, stage);
  }

  setScenarioVersion(invoiceId: string, scenarioId: string, version: number): Promise<void> {
    return this.dunningState.setScenarioVersion(invoiceId, scenarioId, version);
  }

  async migrationTarget(scenarioId: string, afterVersion: number, invoiceId: string): Promise<PublishedScenarioVersion | null> {
    const target = await this.scenarioVersions.migrationTarget(scenarioId, afterVersion, invoiceId);
    return target && {
      scenarioId, version: target.version, inFlightPolicy: target.inFlightPolicy, definition: target.definition,
    };
  }
}
