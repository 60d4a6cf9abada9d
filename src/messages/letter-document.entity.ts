import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OutboundMessage } from './outbound-message.entity.js';

/** The PDF of a postal letter, ready to print and post. One per letter message. */
@Entity({ name: 'letter_documents' })
@Index('uq_letter_documents_message', ['messageId'], { unique: true })
export class LetterDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @OneToOne(() => OutboundMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: OutboundMessage;

  @Column({ name: 'content_type', type: 'varchar', length: 64, default: 'application/pdf' })
  contentType!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
