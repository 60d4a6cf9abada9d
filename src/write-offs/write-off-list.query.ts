import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ListQuery, sortParameterValues } from '../common/lists/list-query.js';

export const WRITE_OFF_SORT_KEYS = { createdAt: true, amount: true } as const;

/** GET /api/v1/write-offs: the approval queue (`status=pending_approval`) and an invoice's write-offs (`invoice=`). */
export class WriteOffListQuery extends ListQuery {
  @IsOptional() @IsIn(sortParameterValues(WRITE_OFF_SORT_KEYS))
  sort?: string;

  @IsOptional() @IsIn(['pending_approval', 'applied', 'rejected', 'lapsed'])
  status?: 'pending_approval' | 'applied' | 'rejected' | 'lapsed';

  /** The invoice's id. */
  @IsOptional() @IsUUID('all', { message: 'invoice must be an invoice id' })
  invoice?: string;

  /** The customer's externalId. */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;
}
