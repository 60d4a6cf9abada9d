import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PortalLink } from './portal-link.entity.js';

/** A browser in the customer portal, opened from a portal link. The cookie holds a random token; only its SHA-256 is stored. */
@Entity({ name: 'portal_sessions' })
@Index('ix_portal_sessions_link', ['linkId'])
export class PortalSession {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  /** Revoking the link ends its sessions (cascade on delete; revocation is checked on every request). */
  @Column({ name: 'link_id', type: 'uuid' })
  linkId!: string;

  @ManyToOne(() => PortalLink, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_id' })
  link?: PortalLink;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
