import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoDate } from '../common/iso-date.js';

export class AccountQuery {
  /** Legal entity code (default: `default`). */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

export class AccountViewQuery extends AccountQuery {
  /** Newest timeline entries returned (default 200, at most 1000). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  timelineLimit?: number;
}

export class StatementQuery extends AccountQuery {
  /** The day the statement is drawn up at (default: today in the entity's zone). */
  @IsOptional() @IsIsoDate()
  asOf?: string;
}
