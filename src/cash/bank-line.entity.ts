import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { BankStatement } from './bank-statement.entity.js';
import type { StoredCashReason } from './cash-reasons.js';

export const BANK_LINE_STATUSES = ['auto_applied', 'suggested', 'confirmed', 'unmatched', 'ignored'] as const;
export type BankLineStatus = (typeof BANK_LINE_STATUSES)[number];

export interface StoredAllocation {
  invoiceId: string;
  invoiceExternalId: string;
  invoiceNumber: string;
  amountMinor: string;
}

export interface StoredProposal {
  kind: string;
  allocations: StoredAllocation[];
  unappliedMinor: string;
  /** Short payment: written off (deduction dispute) when confirmed with a write-off. */
  writeOff: { amountMinor: string; reasonCode: string; invoiceExternalId: string } | null;
  shortMinor: string;
}

/**
 * One movement on the account. A movement is stored once per entity and
 * account whatever the number of files that report it (line_key).
 */
@Entity({ name: 'bank_lines' })
@Index('uq_bank_lines_entity_account_key', ['entityId', 'account', 'lineKey'], { unique: true })
@Index('ix_bank_lines_statement_position', ['statementId', 'position'])
@Index('ix_bank_lines_entity_status', ['entityId', 'status', 'id'])
@Check('ck_bank_lines_status', `"status" IN ('auto_applied', 'suggested', 'confirmed', 'unmatched', 'ignored')`)
export class BankLine {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'statement_id', type: 'uuid' })
  statementId!: string;

  @ManyToOne(() => BankStatement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'statement_id' })
  statement?: BankStatement;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ type: 'text' })
  account!: string;

  @Column({ name: 'line_key', type: 'char', length: 64 })
  lineKey!: string;

  /** Order within its statement file. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'source_line', type: 'int' })
  sourceLine!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Signed: credits > 0, debits < 0. */
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column({ name: 'booking_date', type: 'date' })
  bookingDate!: string;

  @Column({ name: 'value_date', type: 'date', nullable: true })
  valueDate!: string | null;

  @Column({ name: 'payer_name', type: 'text', nullable: true })
  payerName!: string | null;

  @Column({ name: 'payer_iban', type: 'text', nullable: true })
  payerIban!: string | null;

  @Column({ name: 'payer_bic', type: 'text', nullable: true })
  payerBic!: string | null;

  @Column({ name: 'structured_reference', type: 'text', nullable: true })
  structuredReference!: string | null;

  @Column({ name: 'creditor_reference', type: 'text', nullable: true })
  creditorReference!: string | null;

  @Column({ name: 'end_to_end_id', type: 'text', nullable: true })
  endToEndId!: string | null;

  @Column({ name: 'bank_reference', type: 'text', nullable: true })
  bankReference!: string | null;

  @Column({ name: 'remittance_text', type: 'text', nullable: true })
  remittanceText!: string | null;

  @Column({ name: 'bank_transaction_code', type: 'text', nullable: true })
  bankTransactionCode!: string | null;

  @Column({ type: 'boolean' })
  reversal!: boolean;

  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason!: string | null;

  @Column({ name: 'raw_record', type: 'text' })
  rawRecord!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: BankLineStatus;

  /** Who paid, as matched or confirmed (a customer of the entity). */
  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId!: string | null;

  /** The engine's proposal, or what a reviewer confirmed (amounts in minor units, as strings). */
  @Column({ type: 'jsonb', nullable: true })
  proposal!: StoredProposal | null;

  @Column({ type: 'double precision', nullable: true })
  confidence!: number | null;

  /** Coded reasons; English sentences on lines matched before reasons had codes. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  reasons!: StoredCashReason[];

  /** The payment this line became when applied; null while not applied. */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId!: string | null;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  /** `engine`, or the reviewer who confirmed. */
  @Column({ name: 'applied_by', type: 'text', nullable: true })
  appliedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The texts the matching engine reads references from (and learns reference styles from). */
export function referenceTexts(line: Pick<BankLine, 'remittanceText' | 'structuredReference' | 'creditorReference' | 'endToEndId'>): (string | null)[] {
  return [line.remittanceText, line.structuredReference, line.creditorReference, line.endToEndId];
}
