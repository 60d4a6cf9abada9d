import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One signed decision link (single use): bound to one validator, one dispute, one decision, one level. */
@Entity({ name: 'dispute_decision_links' })
@Index('ix_dispute_decision_links_dispute', ['disputeId'])
export class DisputeDecisionLink {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  nonce!: string;

  @Column({ name: 'dispute_id', type: 'uuid' })
  disputeId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  decision!: string;

  @Column({ type: 'int' })
  level!: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
