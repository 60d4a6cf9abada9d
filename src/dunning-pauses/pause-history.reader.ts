import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PauseScope } from './dunning-pause.entity.js';

/** A pause, past or current, as the forecasts replay it. */
export interface PauseRecord {
  scope: PauseScope;
  /** Set for an invoice pause. */
  invoiceId: string | null;
  customerId: string;
  createdAt: Date;
  until: Date | null;
  resumedAt: Date | null;
}

/** Every pause (past and current) that touched some invoices, for the capabilities that replay dunning. */
@Injectable()
export class PauseHistoryReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The invoice pauses of `invoiceIds` and the customer pauses of `customerIds`, in one query.
   * Pass a transaction's manager (`db`) to read inside the caller's snapshot.
   */
  pausesOf(invoiceIds: readonly string[], customerIds: readonly string[], db: EntityManager = this.dataSource.manager): Promise<PauseRecord[]> {
    return db.query(
      `SELECT scope, invoice_id AS "invoiceId", customer_id AS "customerId", created_at AS "createdAt", until, resumed_at AS "resumedAt"
         FROM dunning_pauses
        WHERE (scope = 'invoice' AND invoice_id = ANY($1::uuid[])) OR (scope = 'customer' AND customer_id = ANY($2::uuid[]))`,
      [invoiceIds, customerIds],
    );
  }
}
