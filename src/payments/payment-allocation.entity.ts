import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment } from './payment.entity.js';

@Entity({ name: 'payment_allocations' })
@Index('uq_payment_allocations_payment_invoice', ['paymentId', 'invoiceId'], { unique: true })
@Index('ix_payment_allocations_invoice', ['invoiceId'])
@Check('ck_payment_allocations_amount', `"amount_minor" > 0`)
export class PaymentAllocation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @ManyToOne(() => Payment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;
}
