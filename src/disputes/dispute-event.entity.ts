import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change of a dispute: who, when, why. One row per workflow event key. */
@Entity({ name: 'dispute_events' })
@Index('uq_dispute_events_key', ['disputeId', 'eventKey'], { unique: true })
export class DisputeEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dispute_id', type: 'uuid' })
  disputeId!: string;

  @Column({ name: 'event_key', type: 'varchar', length: 100 })
  eventKey!: string;

  @Column({ type: 'varchar', length: 32 })
  event!: string;

  @Column({ name: 'status_from', type: 'varchar', length: 16, nullable: true })
  statusFrom!: string | null;

  @Column({ name: 'status_to', type: 'varchar', length: 16 })
  statusTo!: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 200 })
  actorName!: string;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
