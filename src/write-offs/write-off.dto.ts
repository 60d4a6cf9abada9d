import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DecimalAmount } from '../common/decimal-amount.js';
import { WRITE_OFF_REASON_CODES, type WriteOffReasonCode } from '../../workflows/domain/write-off-policy.js';

/** POST /api/v1/invoices/:id/write-off. */
export class RequestWriteOffDto {
  /** In the invoice's currency; absent: everything still open. */
  @IsOptional() @DecimalAmount()
  amount?: string;

  @IsIn(WRITE_OFF_REASON_CODES, { message: `reasonCode must be one of ${WRITE_OFF_REASON_CODES.join(', ')}` })
  reasonCode!: WriteOffReasonCode;

  @IsString() @Length(1, 4000) @Matches(/\S/, { message: 'comment must not be blank' })
  comment!: string;
}

/** POST /api/v1/write-offs/:id/decision: a finance manager's answer. */
export class WriteOffDecisionDto {
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @IsString() @Length(1, 4000) @Matches(/\S/, { message: 'comment must not be blank' })
  comment!: string;
}
