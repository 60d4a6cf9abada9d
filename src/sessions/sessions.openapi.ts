import { ApiProperty } from '@nestjs/swagger';
import { CONSOLE_LANGUAGES } from './console-account.entity.js';
import type { SessionView } from './sessions.service.js';

// Response schemas of the session routes. `implements` keeps them in step with the views.

class SessionUserResponse {
  @ApiProperty({
    type: 'string', pattern: '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$',
    description: "The user's id (UUID); empty for the operator API key, which is no user",
  }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
}

export class SessionResponse implements SessionView {
  @ApiProperty({ type: SessionUserResponse }) user!: SessionUserResponse;
  @ApiProperty({ type: [String], example: ['credit_manager'] }) roles!: readonly string[];
  @ApiProperty({ type: [String], description: 'Group codes' }) groups!: readonly string[];
  @ApiProperty({ enum: CONSOLE_LANGUAGES }) language!: SessionView['language'];
  @ApiProperty({ type: 'string', nullable: true, description: 'Echo it in X-CSRF-Token on unsafe requests (null with a bearer token)' })
  csrfToken!: string | null;
}

export class LinkSentResponse {
  @ApiProperty({ description: 'Always true: nobody can probe which addresses have accounts' }) sent!: boolean;
}

export class InvitationSentResponse {
  @ApiProperty({ description: 'Where the link went' }) email!: string;
  @ApiProperty({ format: 'date-time', description: 'The link works until then' }) expiresAt!: string;
}
