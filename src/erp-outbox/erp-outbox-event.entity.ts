import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ErpOutboxStatus = 'pending' | 'delivered' | 'held';

/**
 * An event for the ERP, written in the same transaction as the change it
 * reports, then delivered as a signed webhook until acknowledged. The
 * idempotency key (a business key) keeps one row per event.
 */
@Entity({ name: 'erp_outbox_events' })
@Index('uq_erp_outbox_events_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ix_erp_outbox_events_status', ['status', 'createdAt'])
@Check('ck_erp_outbox_events_status', `"status" IN ('pending', 'delivered', 'held')`)
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

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
