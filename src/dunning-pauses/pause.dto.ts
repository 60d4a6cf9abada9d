import { IsOptional, IsString, Length } from 'class-validator';
import { IsInstant } from '../common/iso-date.js';

export class PauseDunningDto {
  @IsString() @Length(1, 500)
  reason!: string;

  /** The pause lifts by itself then; absent: until resumed. */
  @IsOptional() @IsInstant()
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
