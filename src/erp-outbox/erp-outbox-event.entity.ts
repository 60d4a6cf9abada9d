import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ErpOutboxStatus = 'pending' | 'delivered' | 'held' | 'failed';
export const ERP_OUTBOX_STATUSES: readonly ErpOutboxStatus[] = ['pending', 'delivered', 'held', 'failed'];

/**
 * An event for the ERP, written in the same transaction as the change it
 * reports, then delivered as a signed webhook until acknowledged. The
 * idempotency key (a business key) keeps one row per event. An ERP refusing
 * it for good (4xx other than 408/429) leaves it `failed` until an operator retries.
 */
@Entity({ name: 'erp_outbox_events' })
@Index('uq_erp_outbox_events_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ix_erp_outbox_events_status', ['status', 'createdAt'])
// Renamed with `failed` so the migration diff replaces the constraint.
@Check('ck_erp_outbox_events_status_failed', `"status" IN ('pending', 'delivered', 'held', 'failed')`)
export class ErpOutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ErpOutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** HTTP status of the ERP's last answer (null: no answer, e.g. unreachable). */
  @Column({ name: 'last_response_status', type: 'int', nullable: true })
  lastResponseStatus!: number | null;

  /** The ERP's last answer body, truncated: what an operator reads to fix a refused event. */
  @Column({ name: 'last_response_body', type: 'text', nullable: true })
  lastResponseBody!: string | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  /** Operator retries so far: each failure after one alerts admins again. */
  @Column({ name: 'operator_retries', type: 'int', default: 0 })
  operatorRetries!: number;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
