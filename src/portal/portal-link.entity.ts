import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CustomerContact } from '../customers/customer-contact.entity.js';
import { Customer } from '../customers/customer.entity.js';

/**
 * A contact's way into the customer portal, sent in every customer email. The signed token names
 * this row and its expiry; it can be used many times until it expires or a collector revokes it.
 * A contact the ERP removes loses its links (cascade).
 */
@Entity({ name: 'portal_links' })
@Index('ix_portal_links_customer', ['customerId'])
@Index('ix_portal_links_contact', ['contactId'])
export class PortalLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId!: string;

  @ManyToOne(() => CustomerContact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: CustomerContact;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'varchar', length: 300, nullable: true })
  revokedBy!: string | null;

  /** `email` when a customer message needed one, else the collector who issued it. */
  @Column({ name: 'issued_by', type: 'varchar', length: 300 })
  issuedBy!: string;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
