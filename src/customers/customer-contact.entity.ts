import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Customer } from './customer.entity.js';

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

  /** Place in the customer's list as last given (PUT …/contacts): lists keep that order. */
  @Column({ type: 'smallint', default: 0 })
  position!: number;

  /** CONTACT_ROLES (workflows/domain/scenario.ts). */
  @Column({ type: 'text', array: true, default: () => "'{billing}'" })
  roles!: string[];

  /** Channels the contact refused (CONTACT_OPT_OUTS): nothing goes out on them. */
  @Column({ name: 'opt_outs', type: 'text', array: true, default: () => "'{}'" })
  optOuts!: string[];

  /** Where letters go, one line per line of the address; null → the customer's name (its known address). */
  @Column({ name: 'postal_address', type: 'varchar', length: 300, nullable: true })
  postalAddress!: string | null;

  /** When an email to `email` hard-bounced (delivery tracking): steps stop writing there until the address changes. */
  @Column({ name: 'email_undeliverable_at', type: 'timestamptz', nullable: true })
  emailUndeliverableAt!: Date | null;

  /** When an SMS to `phone` came back undelivered or failed. */
  @Column({ name: 'phone_undeliverable_at', type: 'timestamptz', nullable: true })
  phoneUndeliverableAt!: Date | null;

  /** The provider's reason of the latest flag. */
  @Column({ name: 'undeliverable_reason', type: 'varchar', length: 500, nullable: true })
  undeliverableReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
