import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * Incremental aggregate of the ledger: today's open amount per document and
 * dates (the sum of its movements), kept in the same transaction as each
 * movement; rows at zero are deleted. Today's aged balance reads only this.
 */
@Entity({ name: 'open_receivables' })
@Index('ix_open_receivables_currency_customer', ['currency', 'customerId'])
// Covering index of today's aged balance (INCLUDE columns): created by the migration, not by TypeORM.
@Index('ix_open_receivables_report', { synchronize: false })
export class OpenReceivable {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @PrimaryColumn({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @PrimaryColumn({ name: 'issue_date', type: 'date' })
  issueDate!: string;

  @Column({ name: 'document_type', type: 'varchar', length: 16 })
  documentType!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'open_minor', type: 'bigint', transformer: bigintTransformer })
  openMinor!: bigint;
}
