import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ListQuery, sortParameterValues } from '../common/lists/list-query.js';
import { BankLineStatusList } from './cash-application.dto.js';
import { BANK_LINE_SORTS, STATEMENT_SORTS } from './statement-list.service.js';
import { TEXT_ENCODINGS, type TextEncoding } from './statements/text-decoding.js';

export class ImportStatementQuery {
  /** Legal entity code; the default entity when absent. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /** Forces the text encoding (CFONB/MT940); detected otherwise. */
  @IsOptional() @IsIn(TEXT_ENCODINGS, { message: `encoding must be one of ${TEXT_ENCODINGS.join(', ')}` })
  encoding?: TextEncoding;
}

export class ListLinesQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

/** GET /api/v1/bank-statements. */
export class StatementListQuery extends ListQuery {
  /** Legal entity code; the default entity when absent. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /** `-importedAt` (newest first) by default. */
  @IsOptional() @IsIn(sortParameterValues(STATEMENT_SORTS))
  sort?: string;
}

/** GET /api/v1/bank-lines: one statement's lines, in file order by default. */
export class BankLineListQuery extends ListQuery {
  @IsUUID('all', { message: 'statement must be the id of an imported statement (a UUID)' })
  statement!: string;

  /** Comma-separated statuses; all when absent. */
  @IsOptional() @BankLineStatusList()
  status?: string;

  /** `position` (file order) by default. */
  @IsOptional() @IsIn(sortParameterValues(BANK_LINE_SORTS))
  sort?: string;
}
