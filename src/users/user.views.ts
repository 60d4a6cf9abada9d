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
}

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, groups: user.groups, active: user.active };
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
