import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';

/** One imported bank statement file (one account, one currency). */
@Entity({ name: 'bank_statements' })
@Index('uq_bank_statements_entity_file', ['entityId', 'fileSha256'], { unique: true })
export class BankStatement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @ManyToOne(() => LegalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id' })
  entity?: LegalEntity;

  @Column({ type: 'varchar', length: 16 })
  format!: string;

  @Column({ type: 'text' })
  account!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'from_date', type: 'date', nullable: true })
  fromDate!: string | null;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate!: string | null;

  /** Null for camt.054 notifications, which carry no balances. */
  @Column({ name: 'opening_balance_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  openingBalanceMinor!: bigint | null;

  @Column({ name: 'closing_balance_minor', type: 'bigint', nullable: true, transformer: bigintTransformer })
  closingBalanceMinor!: bigint | null;

  /** The same file imported twice is refused on this. */
  @Column({ name: 'file_sha256', type: 'char', length: 64 })
  fileSha256!: string;

  @Column({ type: 'varchar', length: 8 })
  encoding!: string;

  /** Lines stored by this import (new ones). */
  @Column({ name: 'line_count', type: 'int' })
  lineCount!: number;

  /** Lines of the file already stored by an earlier (overlapping) import. */
  @Column({ name: 'duplicate_count', type: 'int' })
  duplicateCount!: number;

  @Column({ name: 'imported_by', type: 'text' })
  importedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
