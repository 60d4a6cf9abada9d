import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '../customers/customer.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';

/** A free note on a customer, or on one of its invoices: shown in the customer's activity timeline. */
@Entity({ name: 'customer_notes' })
@Index('ix_customer_notes_customer', ['customerId', 'createdAt'])
@Index('ix_customer_notes_invoice', ['invoiceId', 'createdAt'])
export class CustomerNote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  /** Null: a note on the customer itself. */
  @Column({ name: 'invoice_id', type: 'uuid', nullable: true })
  invoiceId!: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  /** Null for the operator key. */
  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName!: string;

  @Column({ type: 'text' })
  body!: string;

  /** From the injected clock. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
