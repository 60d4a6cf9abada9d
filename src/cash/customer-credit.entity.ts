import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * Cash received and not allocated to an invoice (over-payment, payment on
 * account): a credit on the customer's account, one per applied bank line.
 * Allocated later to invoices (cash_credit_allocations) until nothing is left;
 * the row stays for the history, `amount_minor - allocated_minor` is unapplied.
 */
@Entity({ name: 'cash_customer_credits' })
@Index('uq_cash_customer_credits_bank_line', ['bankLineId'], { unique: true })
@Index('ix_cash_customer_credits_customer', ['entityId', 'customerId'])
@Check('ck_cash_customer_credits_amount', `"amount_minor" > 0`)
@Check('ck_cash_customer_credits_allocated', `"allocated_minor" >= 0 AND "allocated_minor" <= "amount_minor"`)
export class CustomerCredit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'bank_line_id', type: 'uuid' })
  bankLineId!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  /** Allocated to invoices since (cash_credit_allocations). */
  @Column({ name: 'allocated_minor', type: 'bigint', transformer: bigintTransformer, default: 0 })
  allocatedMinor!: bigint;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
