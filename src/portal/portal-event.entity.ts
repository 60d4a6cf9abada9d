import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Customer } from '../customers/customer.entity.js';

export const PORTAL_EVENT_TYPES = ['portal_opened', 'dispute_opened', 'promise_made', 'payment_plan_requested', 'pay_clicked'] as const;
export type PortalEventType = (typeof PORTAL_EVENT_TYPES)[number];

/** What a customer did in the portal: the customer's timeline shows it. */
@Entity({ name: 'portal_events' })
@Index('ix_portal_events_customer', ['customerId', 'at'])
export class PortalEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  /** Kept as it was (no foreign key): the event stays when the ERP removes the contact. */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  /** Who, as the portal knew them ("Claire Petit <compta@…>"). */
  @Column({ type: 'varchar', length: 400 })
  actor!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: PortalEventType;

  @Column({ name: 'invoice_ids', type: 'uuid', array: true, default: () => "'{}'" })
  invoiceIds!: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
