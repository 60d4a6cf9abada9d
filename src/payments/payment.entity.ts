import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';

/** A payment received, as reported by the ERP, with its allocations to invoices. */
@Entity({ name: 'payments' })
@Index('uq_payments_entity_external_id', ['entityId', 'externalId'], { unique: true })
// The payment list, newest received first.
@Index('ix_payments_received_at_id', ['receivedAt', 'id'])
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id' })
  entity?: LegalEntity;

  @Column({ name: 'external_id', type: 'varchar', length: 128 })
  externalId!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** Hash of the request that created it: a replay with other content is refused. */
  @Column({ name: 'request_fingerprint', type: 'varchar', length: 64 })
  requestFingerprint!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
