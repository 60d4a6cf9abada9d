import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { CreditNote } from './credit-note.entity.js';

/** The part of a credit note that lowered one invoice. */
@Entity({ name: 'credit_note_allocations' })
@Index('uq_credit_note_allocations_note_invoice', ['creditNoteId', 'invoiceId'], { unique: true })
@Index('ix_credit_note_allocations_invoice', ['invoiceId'])
@Check('ck_credit_note_allocations_amount', `"amount_minor" > 0`)
export class CreditNoteAllocation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'credit_note_id', type: 'uuid' })
  creditNoteId!: string;

  @ManyToOne(() => CreditNote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'credit_note_id' })
  creditNote?: CreditNote;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;
}
