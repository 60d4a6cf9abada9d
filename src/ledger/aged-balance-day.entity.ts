import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * A day whose aged balance (basis due) is kept per customer in
 * aged_balance_customers: materialized once from today's open amounts, then
 * kept current by every movement recorded (see LedgerService.record).
 */
@Entity({ name: 'aged_balance_days' })
export class AgedBalanceDay {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'materialized_at', type: 'timestamptz' })
  materializedAt!: Date;
}

/** Open amounts per customer and bucket at the end of `day` (b0 current … b5 over 120 days past due). */
@Entity({ name: 'aged_balance_customers' })
// Largest totals first, for a page of the report (an expression index): created by the migration, not by TypeORM.
@Index('ix_aged_balance_customers_page', { synchronize: false })
export class AgedBalanceCustomer {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'char', length: 3 })
  currency!: string;

  @PrimaryColumn({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @PrimaryColumn({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer }) b0!: bigint;
  @Column({ type: 'bigint', transformer: bigintTransformer }) b1!: bigint;
  @Column({ type: 'bigint', transformer: bigintTransformer }) b2!: bigint;
  @Column({ type: 'bigint', transformer: bigintTransformer }) b3!: bigint;
  @Column({ type: 'bigint', transformer: bigintTransformer }) b4!: bigint;
  @Column({ type: 'bigint', transformer: bigintTransformer }) b5!: bigint;
}

/**
 * Invoices whose open amount is zero, with the day their last movement
 * counts from: kept by LedgerService.record, read for the average days to pay.
 */
@Entity({ name: 'receivable_settlements' })
@Index('ix_receivable_settlements_currency_day', ['currency', 'settledOn'])
export class ReceivableSettlement {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate!: string;

  @Column({ name: 'settled_on', type: 'date' })
  settledOn!: string;

  /** The invoice's amount (issued and corrected). */
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  /** Cancelled or written off (at least in part): not a payment. */
  @Column({ name: 'closed_otherwise', type: 'boolean' })
  closedOtherwise!: boolean;
}
