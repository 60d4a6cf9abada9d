import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
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
