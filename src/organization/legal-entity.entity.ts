import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BusinessCalendarOptions, SendingWindow } from '../../workflows/domain/business-calendar.js';
import type { PenaltyPolicy } from '../../activities/late-payment-penalties.js';

/** A legal entity of the seller (company, subsidiary): invoices and customers belong to one. */
@Entity({ name: 'legal_entities' })
export class LegalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_legal_entities_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, default: 'FR' })
  country!: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Europe/Paris' })
  timeZone!: string;

  /** Holidays and weekends for business-day shifting; French public holidays by default. */
  @Column({ name: 'business_calendar', type: 'jsonb', default: () => `'{"country": "FR"}'` })
  businessCalendar!: BusinessCalendarOptions;

  /** Local hours and days messages may go out (written as PostgreSQL normalises jsonb, so schema diffs stay empty). */
  @Column({ name: 'sending_window', type: 'jsonb', default: () => `'{"endHour": 18, "startHour": 9, "businessDaysOnly": true}'` })
  sendingWindow!: SendingWindow;

  /** Late-payment terms stated in formal notices; empty: the country's statutory defaults. */
  @Column({ name: 'penalty_policy', type: 'jsonb', default: () => `'{}'` })
  penaltyPolicy!: PenaltyPolicy;

  /** Write-offs above these amounts (currency → decimal string) need a finance manager; a currency absent always does. */
  @Column({ name: 'write_off_approval_thresholds', type: 'jsonb', default: () => `'{}'` })
  writeOffApprovalThresholds!: Record<string, string>;

  /** The payment page the customer portal's pay button opens (payment-url.ts placeholders); null: no pay button. */
  @Column({ name: 'payment_url_template', type: 'varchar', length: 1000, nullable: true })
  paymentUrlTemplate!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
