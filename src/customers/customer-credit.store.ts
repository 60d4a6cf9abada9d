import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * What the credit capability needs of customers beyond CustomerDirectory: the
 * portfolio in pages for the nightly rescoring, and the risk classes its
 * scores decide (written within the caller's transaction).
 */
@Injectable()
export class CustomerCreditStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of customer ids in id order. */
  async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      'SELECT id FROM customers WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2', [afterId, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Sets customers' risk classes; rows already right are not touched. */
  async setRiskClasses(manager: EntityManager, classes: readonly { customerId: string; riskClass: string }[]): Promise<void> {
    if (classes.length === 0) return;
    await manager.query(
      `UPDATE customers c SET risk_class = v.cls, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS v(id, cls) WHERE c.id = v.id AND c.risk_class IS DISTINCT FROM v.cls`,
      [classes.map((c) => c.customerId), classes.map((c) => c.riskClass)],
    );
  }
}
