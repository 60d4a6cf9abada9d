import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type PayerLinkKind = 'iban' | 'name' | 'style';

/**
 * Learned from confirmations: this payer IBAN (or normalised payer name) paid
 * for this customer. A key linked to several customers (a holding paying for
 * its subsidiaries) identifies nobody on its own. Kind `style`: how this
 * customer writes our invoice numbers (key `tail:5`, `head:8`, see
 * matching/reference-style.ts); several customers may share a style.
 */
@Entity({ name: 'cash_payer_links' })
@Index('uq_cash_payer_links_entity_kind_key_customer', ['entityId', 'kind', 'key', 'customerId'], { unique: true })
@Check('ck_cash_payer_links_kind', `"kind" IN ('iban', 'name', 'style')`)
export class PayerLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: PayerLinkKind;

  /** IBAN without spaces, upper case; or the normalised name; or the style key. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'int', default: 1 })
  confirmations!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
