import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../auth/principal.js';

/**
 * A person using Relance (validator, approver, collector…) or an integration
 * account (role `erp`). The personal token is stored only as its SHA-256
 * (one at a time: issuing another replaces it; revoking leaves none).
 */
@Entity({ name: 'users' })
@Index('uq_users_email', ['email'], { unique: true })
@Index('uq_users_token_hash', ['tokenHash'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: Role[];

  /** Group codes. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  groups!: string[];

  /** null: no personal token (never issued, or revoked). */
  @Column({ name: 'token_hash', type: 'char', length: 64, nullable: true })
  tokenHash!: string | null;

  /** When the current token was issued; null without a token, or for tokens issued before this was recorded. */
  @Column({ name: 'token_issued_at', type: 'timestamptz', nullable: true })
  tokenIssuedAt!: Date | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
