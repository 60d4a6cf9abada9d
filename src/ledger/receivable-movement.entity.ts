import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

/** What changed an open amount. */
export const MOVEMENT_KINDS = [
  /** An invoice issued: +amount, effective on its issue date. */
  'invoice',
  /** A payment allocated to an invoice: −amount, effective on the day it was received. */
  'payment',
  /**
   * A credit note: −amount on the invoice it is allocated to, or on the credit note itself for
   * the part no invoice took (credit notes are allocated once, when the ERP sends them).
   */
  'credit_note',
  'write_off',
  'cancellation',
  /** An amount corrected by the ERP, or an open amount moved to new dates (a pair that nets to zero). */
  'adjustment',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export type LedgerDocumentType = 'invoice' | 'credit_note';

/**
 * Append-only ledger of receivable movements: every change of an open amount
 * is a row, never updated nor deleted. Rows carry the document's dates, so the
 * balance at any date is a sum over rows effective on or before it.
 * Amounts are integers in the currency's minor unit (exact, like invoices').
 */
@Entity({ name: 'receivable_movements' })
@Index('uq_receivable_movements_source_key', ['sourceKey'], { unique: true })
@Index('ix_receivable_movements_document', ['documentId', 'effectiveDate'])
// Covering index of the report queries (INCLUDE columns): created by the migration, not by TypeORM.
@Index('ix_receivable_movements_report', { synchronize: false })
@Check('ck_receivable_movements_kind', `"kind" IN ('invoice', 'payment', 'credit_note', 'write_off', 'cancellation', 'adjustment')`)
@Check('ck_receivable_movements_document_type', `"document_type" IN ('invoice', 'credit_note')`)
export class ReceivableMovement {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The invoice, or the credit note while its credit is unapplied. */
  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ name: 'document_type', type: 'varchar', length: 16 })
  documentType!: LedgerDocumentType;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate!: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: MovementKind;

  /** Signed change of the open amount, minor units. */
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  /** The business date the change counts from (see docs/reports.md, "Which date counts"). */
  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate!: string;

  /** When Relance learnt of it (the injected clock). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** Unique per source document line: a retried call records nothing twice. */
  @Column({ name: 'source_key', type: 'varchar', length: 300 })
  sourceKey!: string;

  /** The payment, credit note, write-off… behind the row (null: the invoice itself). */
  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId!: string | null;
}
