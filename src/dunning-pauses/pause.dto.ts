import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class PauseDunningDto {
  @IsString() @Length(1, 500)
  reason!: string;

  /** The pause lifts by itself then; absent: until resumed. */
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'until must be an ISO 8601 date-time' })
  until?: string;
}

export class PauseCustomerDunningDto extends PauseDunningDto {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}

export class ResumeCustomerDunningDto {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;
}
