import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export const CHECKPOINT_DECISIONS = ['approve', 'reject'] as const;
export type CheckpointDecision = (typeof CHECKPOINT_DECISIONS)[number];

export class CheckpointDecisionDto {
  @IsIn(CHECKPOINT_DECISIONS, { message: 'decision must be approve or reject' })
  decision!: CheckpointDecision;

  @IsOptional() @IsString() @Length(1, 1000)
  comment?: string;

  /** Who decides (until users and tokens exist, the caller says). */
  @IsOptional() @IsString() @Length(1, 200)
  by?: string;
}

/** What a checkpoint decision answers: the decision as passed to the invoice's workflow. */
export interface CheckpointDecisionView {
  invoiceId: string;
  stepKey: string;
  decision: CheckpointDecision;
}
