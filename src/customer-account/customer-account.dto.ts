import { IsOptional, IsString, Length } from 'class-validator';
import { IsIsoDate } from '../common/iso-date.js';

export class AccountQuery {
  /** Legal entity code (default: `default`). */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

export class StatementQuery extends AccountQuery {
  /** The day the statement is drawn up at (default: today in the entity's zone). */
  @IsOptional() @IsIsoDate()
  asOf?: string;
}
