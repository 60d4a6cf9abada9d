import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * An ERP integration's credential: holds only the `erp` role, created and
 * rotated by an admin like a personal token, stored only as its SHA-256.
 * Not a person: no email, no groups, never an approver.
 */
@Entity({ name: 'integrations' })
@Index('uq_integrations_name', ['name'], { unique: true })
@Index('uq_integrations_token_hash', ['tokenHash'], { unique: true })
export class Integration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
