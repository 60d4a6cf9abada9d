import { ApiProperty } from '@nestjs/swagger';
import { CHECKPOINT_DECISIONS, type CheckpointDecision, type CheckpointDecisionView } from './checkpoint-decision.dto.js';

// Response schema of POST /invoices/:id/checkpoints/:stepKey/decision; `implements` keeps it in step with the service.

export class CheckpointDecisionResponse implements CheckpointDecisionView {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ description: 'The scenario step waiting for the decision' }) stepKey!: string;
  @ApiProperty({ enum: CHECKPOINT_DECISIONS, description: 'Sent to the invoice workflow; it applies it to the checkpoint waiting on that step' }) decision!: CheckpointDecision;
}
