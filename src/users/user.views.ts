import type { Role } from '../auth/principal.js';
import type { UserGroup } from './user-group.entity.js';
import type { User } from './user.entity.js';

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  groups: string[];
  active: boolean;
  /** Whether a personal API token is in force (never the token itself). */
  hasApiToken: boolean;
  /** When it was issued; null without a token, or when it predates the recording of issue times. */
  apiTokenIssuedAt: string | null;
}

export function toUserView(user: User): UserView {
  const hasApiToken = user.tokenHash !== null;
  return {
    id: user.id, email: user.email, name: user.name, roles: user.roles, groups: user.groups, active: user.active,
    hasApiToken, apiTokenIssuedAt: hasApiToken && user.tokenIssuedAt ? user.tokenIssuedAt.toISOString() : null,
  };
}

export interface GroupView {
  code: string;
  name: string;
  manager: UserView | null;
  members: UserView[];
}

export function toGroupView(group: UserGroup, manager: User | null, members: User[]): GroupView {
  return { code: group.code, name: group.name, manager: manager ? toUserView(manager) : null, members: members.map(toUserView) };
}
