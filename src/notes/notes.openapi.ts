import { ApiProperty } from '@nestjs/swagger';
import { ActorResponse } from '../openapi/common-responses.js';
import type { NoteView } from './notes.service.js';

// Response schema of the note routes; `implements` keeps it in step with NoteView.

export class NoteResponse implements NoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() customerExternalId!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'Null: a note on the customer itself' }) invoiceId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: ActorResponse }) author!: ActorResponse;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
