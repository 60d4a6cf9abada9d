import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Customer } from '../customers/customer.entity.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';

/**
 * A credit note the ERP issued to a customer. Allocated parts lowered those
 * invoices when it was recorded; the rest (`unallocated_minor`) is customer
 * credit, shown on the account.
 */
@Entity({ name: 'credit_notes' })
@Index('uq_credit_notes_entity_external_id', ['entityId', 'externalId'], { unique: true })
@Index('ix_credit_notes_customer', ['customerId'])
@Check('ck_credit_notes_amounts', `"amount_minor" > 0 AND "unallocated_minor" >= 0 AND "unallocated_minor" <= "amount_minor"`)
export class CreditNote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id' })
  entity?: LegalEntity;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ name: 'external_id', type: 'varchar', length: 128 })
  externalId!: string;

  @Column({ type: 'varchar', length: 64 })
  number!: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  /** What no invoice took: the customer's credit. */
  @Column({ name: 'unallocated_minor', type: 'bigint', transformer: bigintTransformer })
  unallocatedMinor!: bigint;

  /** Hash of the request that created it: a replay with other content is refused. */
  @Column({ name: 'request_fingerprint', type: 'varchar', length: 64 })
  requestFingerprint!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
