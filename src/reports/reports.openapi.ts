import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount, ApiSignedAmount } from '../openapi/dto-schemas.js';
import { BUCKETS, type BucketAmounts } from './aged-balance.js';
import { GROUP_BY, type GroupBy } from './reports.dto.js';
import type { AgedBalanceGroup, KpiReport } from './reports.service.js';

// Response schemas of the report routes. Balances are signed: a credit note's unallocated rest sits in the buckets (docs/reports.md). `implements` and the controller's return types keep them in step with the service.

const NULLABLE_NUMBER = { type: 'number', nullable: true } as const;

/** Amounts by age bucket (decimal strings in the report's currency) and their total. */
class BucketAmountsResponse implements BucketAmounts {
  @ApiSignedAmount('Not yet due') current!: string;
  @ApiSignedAmount('1 to 30 days past due') '1-30'!: string;
  @ApiSignedAmount('31 to 60 days past due') '31-60'!: string;
  @ApiSignedAmount('61 to 90 days past due') '61-90'!: string;
  @ApiSignedAmount('91 to 120 days past due') '91-120'!: string;
  @ApiSignedAmount('More than 120 days past due') '120+'!: string;
  @ApiSignedAmount('All buckets') total!: string;
}

/** Unapplied cash is a column of its own, never aged into the buckets (docs/reports.md). */
class AgedBalanceTotalResponse extends BucketAmountsResponse {
  @ApiDecimalAmount('Cash received and not yet allocated to invoices, as of asOf, in the report\'s currency') unapplied!: string;
  @ApiSignedAmount('total − unapplied') net!: string;
}

class AgedBalanceGroupResponse extends AgedBalanceTotalResponse implements AgedBalanceGroup {
  @ApiProperty({ type: 'string', nullable: true, description: 'The group: customer externalId, entity code, segment, salesperson, risk class; null: none' })
  key!: string | null;
  @ApiProperty() label!: string;
  @ApiProperty({ required: false, description: "The legal entity of a customer group" }) entity?: string;
}

export class AgedBalanceResponse {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: ['due', 'issue'] }) basis!: 'due' | 'issue';
  @ApiProperty({ enum: GROUP_BY }) groupBy!: GroupBy;
  @ApiProperty({ type: 'string', nullable: true }) entity!: string | null;
  @ApiProperty({ enum: BUCKETS, isArray: true }) buckets!: readonly (typeof BUCKETS)[number][];
  @ApiProperty({ type: AgedBalanceTotalResponse }) total!: AgedBalanceTotalResponse;
  @ApiProperty({ description: 'How many groups there are in all (those with something open or with unapplied cash); `total` covers all of them' })
  groupCount!: number;
  @ApiProperty({ description: 'Most groups in this answer (the `limit` asked for, default 100)' }) limit!: number;
  @ApiProperty({ description: 'Groups skipped before the first of this answer; the next page starts at offset + limit while that is below groupCount' })
  offset!: number;
  @ApiProperty({
    type: [AgedBalanceGroupResponse],
    description: 'One page of the groups: largest total first, then by label (customers with equal totals are cut into pages by internal id, then shown by label: none is on two pages)',
  })
  groups!: AgedBalanceGroupResponse[];
}

export class KpiReportResponse implements KpiReport {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: 'string', nullable: true }) entity!: string | null;
  @ApiSignedAmount() creditSales!: string;
  @ApiSignedAmount('Receivables the day before `from`') arBegin!: string;
  @ApiSignedAmount('Receivables on `to`') arEnd!: string;
  @ApiSignedAmount('Receivables not yet due on `to`') arEndCurrent!: string;
  @ApiSignedAmount('Receivables past due on `to`') overdueAmount!: string;
  @ApiProperty({ description: 'Open items past due on `to`' }) overdueCount!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Days sales outstanding' }) dso!: number | null;
  @ApiProperty(NULLABLE_NUMBER) bestPossibleDso!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Average days delinquent (DSO − best possible DSO)' }) add!: number | null;
  @ApiProperty(NULLABLE_NUMBER) countbackDso!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Collection effectiveness index, percent' }) cei!: number | null;
  @ApiProperty(NULLABLE_NUMBER) turnover!: number | null;
  @ApiProperty(NULLABLE_NUMBER) turnoverDays!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Days from issue to payment, weighted by amount settled in the period' }) averageDaysToPay!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Percent of receivables not yet due' }) currentShare!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Percent of receivables over 90 days past due' }) over90Share!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Write-offs, percent of credit sales' }) writeOffRatio!: number | null;
}

class KpiTrendPointResponse extends KpiReportResponse {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ enum: ['schedule', 'rebuilt'], description: 'Month-end snapshot taken by the schedule, or rebuilt from the ledger' }) origin!: string;
}

export class KpiTrendResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: 'string', nullable: true }) entity!: string | null;
  @ApiProperty({ type: [KpiTrendPointResponse], description: 'Complete calendar months, oldest first' }) months!: KpiTrendPointResponse[];
}
