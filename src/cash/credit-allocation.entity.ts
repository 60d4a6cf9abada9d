import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { CustomerCredit } from './customer-credit.entity.js';

/**
 * Part of an unapplied credit allocated later to an invoice (through the
 * credit's payment: PaymentsService.allocate). Dated, so the aged balance of a
 * past day shows what was still unapplied then. Goes with its credit when the
 * bank line is unmatched (the whole payment is reversed).
 */
@Entity({ name: 'cash_credit_allocations' })
@Index('ix_cash_credit_allocations_credit', ['creditId'])
@Check('ck_cash_credit_allocations_amount', `"amount_minor" > 0`)
export class CreditAllocation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'credit_id', type: 'uuid' })
  creditId!: string;

  @ManyToOne(() => CustomerCredit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'credit_id' })
  credit?: CustomerCredit;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @Column({ name: 'invoice_external_id', type: 'varchar', length: 128 })
  invoiceExternalId!: string;

  @Column({ name: 'invoice_number', type: 'varchar', length: 128 })
  invoiceNumber!: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  /** The day the invoice's open amount dropped, in the entity's zone. */
  @Column({ name: 'allocated_on', type: 'date' })
  allocatedOn!: string;

  @Column({ name: 'allocated_by', type: 'text' })
  allocatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
