import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Customer } from '../customers/customer.entity.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';

export type InvoiceStatus = 'open' | 'paid' | 'cancelled';
/** Amicable dunning, or handed over to litigation / a collection agency. */
export type CollectionStage = 'amicable' | 'litigation';

/** Projection of an ERP invoice. Amounts are integers in the currency's minor unit. */
@Entity({ name: 'invoices' })
@Index('uq_invoices_entity_external_id', ['entityId', 'externalId'], { unique: true })
@Index('ix_invoices_customer', ['customerId'])
@Index('ix_invoices_scenario', ['scenarioId', 'scenarioVersion'])
// The invoice list's default sort and its open/overdue filter walk these (keyset: key, then id).
@Index('ix_invoices_due_date_id', ['dueDate', 'id'])
@Index('ix_invoices_status_due_date_id', ['status', 'dueDate', 'id'])
@Index('ix_invoices_issue_date_id', ['issueDate', 'id'])
@Index('ix_invoices_status_open_amount_id', ['status', 'openAmountMinor', 'id'])
// Trigram index for the list's text search on numbers (ILIKE '%…%'); TypeORM cannot describe it, the migration creates it.
@Index('ix_invoices_number_trgm', { synchronize: false })
@Check('ck_invoices_status', `"status" IN ('open', 'paid', 'cancelled')`)
@Check('ck_invoices_amount', `"amount_minor" >= 0`)
@Check('ck_invoices_collection_stage', `"collection_stage" IN ('amicable', 'litigation')`)
export class Invoice {
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

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  /** ISO 4217. */
  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column({ name: 'open_amount_minor', type: 'bigint', transformer: bigintTransformer })
  openAmountMinor!: bigint;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: InvoiceStatus;

  @Column({ name: 'workflow_id', type: 'varchar', length: 300 })
  workflowId!: string;

  @Column({ name: 'collection_stage', type: 'varchar', length: 16, default: 'amicable' })
  collectionStage!: CollectionStage;

  /** The scenario and version driving the invoice; null: the built-in scenario. */
  @Column({ name: 'scenario_id', type: 'uuid', nullable: true })
  scenarioId!: string | null;

  @Column({ name: 'scenario_version', type: 'int', nullable: true })
  scenarioVersion!: number | null;

  /** Payment terms (src/invoices/payment-terms.ts); null: the customer's, if any. */
  @Column({ name: 'payment_terms', type: 'varchar', length: 32, nullable: true })
  paymentTerms!: string | null;

  /** transfer, sepa_direct_debit, card, cheque, draft; null: the customer's, if any. */
  @Column({ name: 'payment_method', type: 'varchar', length: 32, nullable: true })
  paymentMethod!: string | null;

  /** Projected by the workflow: when and what the next dunning step is. */
  @Column({ name: 'next_action_at', type: 'timestamptz', nullable: true })
  nextActionAt!: Date | null;

  @Column({ name: 'next_action_step', type: 'varchar', length: 64, nullable: true })
  nextActionStep!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
