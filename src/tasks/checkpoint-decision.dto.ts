import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class CheckpointDecisionDto {
  @IsIn(['approve', 'reject'], { message: 'decision must be approve or reject' })
  decision!: 'approve' | 'reject';

  @IsOptional() @IsString() @Length(1, 1000)
  comment?: string;

  /** Who decides (until users and tokens exist, the caller says). */
  @IsOptional() @IsString() @Length(1, 200)
  by?: string;
}
