import { ApiProperty } from '@nestjs/swagger';
import { WRITE_OFF_REASON_CODES } from '../../workflows/domain/write-off-policy.js';
import { ActorResponse } from '../openapi/common-responses.js';
import { ApiDecimalAmount, DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import type { WriteOffRowStatus } from './write-off.entity.js';
import type { WriteOffListItem } from './write-off-list.service.js';
import type { WriteOffView } from './write-off.views.js';

// Response schema of the write-off routes; `implements` keeps it in step with WriteOffView.

const STATUSES: WriteOffRowStatus[] = ['pending_approval', 'applied', 'rejected', 'lapsed'];
const NULLABLE_INSTANT = { type: 'string', format: 'date-time', nullable: true } as const;

class WriteOffInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
}

class WriteOffDeciderResponse {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) name!: string | null;
}

class WriteOffDecisionResponse {
  @ApiProperty({ type: WriteOffDeciderResponse }) by!: WriteOffDeciderResponse;
  @ApiProperty({ type: 'string', nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class WriteOffResponse implements WriteOffView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: WriteOffInvoiceResponse }) invoice!: WriteOffInvoiceResponse;
  @ApiProperty({ enum: STATUSES, description: '`lapsed`: nothing was left open to write off when it was to be applied (paid, credited or cancelled meanwhile)' }) status!: WriteOffRowStatus;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount('Asked for') amount!: string;
  @ApiProperty({ type: 'string', pattern: DECIMAL_AMOUNT_PATTERN, nullable: true, description: 'Written off (at most what was still open then); null until applied' }) appliedAmount!: string | null;
  @ApiProperty({ enum: WRITE_OFF_REASON_CODES }) reasonCode!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ type: ActorResponse }) requestedBy!: ActorResponse;
  @ApiProperty({ type: WriteOffDecisionResponse, nullable: true, description: "A finance manager's decision; null when none was needed or it is awaited" }) decision!: WriteOffDecisionResponse | null;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'Null until applied' }) appliedAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'The approval workflow; null when none was needed' }) workflowId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class WriteOffListInvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() externalId!: string;
  @ApiProperty() number!: string;
}

class WriteOffListCustomerResponse {
  @ApiProperty() externalId!: string;
  @ApiProperty() name!: string;
}

export class WriteOffListItemResponse implements WriteOffListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: WriteOffListInvoiceResponse }) invoice!: WriteOffListInvoiceResponse;
  @ApiProperty({ type: WriteOffListCustomerResponse, nullable: true }) customer!: WriteOffListCustomerResponse | null;
  @ApiProperty({ enum: STATUSES }) status!: WriteOffRowStatus;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount('Asked for') amount!: string;
  @ApiProperty({ type: 'string', pattern: DECIMAL_AMOUNT_PATTERN, nullable: true, description: 'Written off; null until applied' }) appliedAmount!: string | null;
  @ApiProperty({ enum: WRITE_OFF_REASON_CODES }) reasonCode!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ type: ActorResponse }) requestedBy!: ActorResponse;
  @ApiProperty({ type: WriteOffDecisionResponse, nullable: true }) decision!: WriteOffDecisionResponse | null;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'Null until applied' }) appliedAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) workflowId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WriteOffListPageResponse {
  @ApiProperty({ type: [WriteOffListItemResponse] }) items!: WriteOffListItemResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Matching write-offs; null when asked total=false' }) total!: number | null;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: string | null;
}
