import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LegalEntity } from '../organization/legal-entity.entity.js';

@Entity({ name: 'customers' })
@Index('uq_customers_entity_external_id', ['entityId', 'externalId'], { unique: true })
// The customer list, by name.
@Index('ix_customers_name_id', ['name', 'id'])
export class Customer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id' })
  entity?: LegalEntity;

  @Column({ name: 'external_id', type: 'varchar', length: 128 })
  externalId!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  /** IANA zone for sending hours; null → the entity's. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  /** Dunning segment from the ERP (smb, key_account…): scenario assignment rules match on it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  segment!: string | null;

  /**
   * Credit risk class, A (safest) to E: scenario assignment rules match on it. The ERP's class until the
   * customer is first scored (src/credit/); from then on the payment-behaviour score's class, which the ERP no longer overrides.
   */
  @Check('ck_customers_risk_class', `"risk_class" IN ('A', 'B', 'C', 'D', 'E')`)
  @Column({ name: 'risk_class', type: 'char', length: 1, nullable: true })
  riskClass!: string | null;

  /** Who sells to this customer: internal notifications go there. */
  @Column({ name: 'salesperson_email', type: 'varchar', length: 320, nullable: true })
  salespersonEmail!: string | null;

  /** Default payment terms of the customer's invoices (src/invoices/payment-terms.ts). */
  @Column({ name: 'payment_terms', type: 'varchar', length: 32, nullable: true })
  paymentTerms!: string | null;

  /** Default payment method: transfer, sepa_direct_debit, card, cheque, draft. */
  @Column({ name: 'payment_method', type: 'varchar', length: 32, nullable: true })
  paymentMethod!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
