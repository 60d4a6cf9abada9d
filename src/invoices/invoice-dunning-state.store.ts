import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CollectionStage } from './invoice.entity.js';

/** What the dunning activities record on an invoice: its collection stage and the scenario version it follows. */
@Injectable()
export class InvoiceDunningStateStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** true when the stage changed. */
  async setCollectionStage(invoiceId: string, stage: CollectionStage): Promise<boolean> {
    const result = await this.dataSource.query(
      'UPDATE invoices SET collection_stage = $1 WHERE id = $2 AND collection_stage <> $1', [stage, invoiceId],
    );
    return (result as [unknown, number])[1] > 0;
  }

  async setScenarioVersion(invoiceId: string, scenarioId: string, version: number): Promise<void> {
    await this.dataSource.query('UPDATE invoices SET scenario_id = $1, scenario_version = $2 WHERE id = $3', [scenarioId, version, invoiceId]);
  }
}
