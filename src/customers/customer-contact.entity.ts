import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Customer } from './customer.entity.js';

/** Channels a contact can opt out of (`phone`: calls from collectors). */
export const CONTACT_OPT_OUTS = ['email', 'sms', 'letter', 'phone'] as const;
export type ContactOptOut = (typeof CONTACT_OPT_OUTS)[number];

/**
 * A person to dun at the customer, with the roles scenario steps write to
 * (billing, cfo…). The primary contact is the one the ERP's customer fields
 * (email, phone, language) describe; it is `billing` unless told otherwise.
 */
@Entity({ name: 'customer_contacts' })
@Index('uq_customer_contacts_primary', ['customerId'], { unique: true, where: '"is_primary"' })
export class CustomerContact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  /** E.164. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  /** BCP 47 primary language (fr, en…). */
  @Column({ type: 'varchar', length: 8, default: 'fr' })
  language!: string;

  @Column({ name: 'is_primary', type: 'boolean', default: true })
  isPrimary!: boolean;

  /** CONTACT_ROLES (workflows/domain/scenario.ts). */
  @Column({ type: 'text', array: true, default: () => "'{billing}'" })
  roles!: string[];

  /** Channels the contact refused (CONTACT_OPT_OUTS): nothing goes out on them. */
  @Column({ name: 'opt_outs', type: 'text', array: true, default: () => "'{}'" })
  optOuts!: string[];

  /** Where letters go, one line per line of the address; null → the customer's name (its known address). */
  @Column({ name: 'postal_address', type: 'varchar', length: 300, nullable: true })
  postalAddress!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
