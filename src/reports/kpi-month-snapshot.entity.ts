import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The KPIs of one calendar month as they stood when the month-end schedule
 * took them (or as rebuilt from the ledger for months before it ran).
 * `scope` is `all` or a legal entity id.
 */
@Entity({ name: 'kpi_month_snapshots' })
@Index('uq_kpi_month_snapshots_month', ['currency', 'scope', 'month'], { unique: true })
export class KpiMonthSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 64 })
  scope!: string;

  /** First day of the month. */
  @Column({ type: 'date' })
  month!: string;

  /** The KPI body as the API returns it (amounts as decimal strings). */
  @Column({ type: 'jsonb' })
  kpis!: Record<string, unknown>;

  /** `schedule` (taken at month end) or `rebuilt` (computed later from the ledger). */
  @Column({ type: 'varchar', length: 16 })
  origin!: string;

  @Column({ name: 'taken_at', type: 'timestamptz' })
  takenAt!: Date;
}
