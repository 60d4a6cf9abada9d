import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Principal, type Role } from '../auth/principal.js';
import { INTEGRATION_ROLES, type IntegrationView } from './integrations.service.js';
import { PERSON_ROLES } from './user.dto.js';
import type { GroupView, UserView } from './user.views.js';

// Response schemas of the user, group and integration routes. `implements` keeps them in step with the views.

export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PERSON_ROLES, isArray: true, description: 'A person never holds `erp` (integrations do)' }) roles!: (typeof PERSON_ROLES)[number][];
  @ApiProperty({ type: [String], description: 'Group codes' }) groups!: string[];
  @ApiProperty({ description: 'false: the user can no longer sign in nor use a token' }) active!: boolean;
  @ApiProperty({ description: 'Whether a personal API token is in force (the token itself is shown only when issued)' }) hasApiToken!: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the token in force was issued; null without a token, or for a token issued before issue times were recorded' })
  apiTokenIssuedAt!: string | null;
}

export class UserWithTokenResponse extends UserResponse implements UserView {
  @ApiProperty({ description: 'The personal API token, shown this once' }) token!: string;
}

export class GroupResponse implements GroupView {
  @ApiProperty({ example: 'collectors-north' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: UserResponse, nullable: true }) manager!: UserResponse | null;
  @ApiProperty({ type: [UserResponse] }) members!: UserResponse[];
}

export class IntegrationResponse implements IntegrationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: INTEGRATION_ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ description: 'false: revoked' }) active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class IntegrationWithTokenResponse extends IntegrationResponse implements IntegrationView {
  @ApiProperty({ description: 'The integration token, shown this once' }) token!: string;
}

/** GET /users/me: who the token (or session) belongs to. */
export class MeResponse implements Principal {
  @ApiProperty({ enum: ['system', 'user', 'integration'], description: 'system: the operator API key' }) kind!: Principal['kind'];
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'null: the operator key or an integration' }) userId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) email!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ type: [String], description: 'Group codes' }) groups!: string[];
}
