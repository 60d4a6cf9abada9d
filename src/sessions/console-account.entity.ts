import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const CONSOLE_LANGUAGES = ['fr', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

/**
 * A person's console sign-in: their password (argon2id hash, null until they
 * set one from an invitation) and the language the console speaks to them.
 * Keyed by the user's id; the users module owns the person.
 */
@Entity({ name: 'console_accounts' })
export class ConsoleAccount {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 2, default: 'fr' })
  language!: ConsoleLanguage;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
