import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Principal, Role } from '../auth/principal.js';
import { Clock, systemClock } from '../clock/clock.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { newPersonalToken, tokenHash } from './personal-token.js';
import type { CreateUserDto, PutGroupDto, UpdateUserDto } from './user.dto.js';
import { UserGroup } from './user-group.entity.js';
import { User } from './user.entity.js';
import { toGroupView, toUserView, type GroupView, type UserView } from './user.views.js';

export type { UserView } from './user.views.js';

const UNIQUE_VIOLATION = '23505';

/** People, their roles and groups, and the personal tokens they call the API with. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async create(dto: CreateUserDto): Promise<UserView & { token: string }> {
    const token = newPersonalToken();
    const groups = [...new Set(dto.groups ?? [])];
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        await this.ensureGroups(manager, groups);
        return manager.save(User, manager.create(User, {
          email: dto.email.toLowerCase(), name: dto.name, roles: dto.roles, groups, tokenHash: tokenHash(token), tokenIssuedAt: this.clock.now(), active: true,
        }));
      });
      return { ...toUserView(user), token };
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError('USER_EXISTS', `A user with email ${dto.email.toLowerCase()} already exists`);
      }
      throw err;
    }
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.requireUser(manager, id);
      if (dto.groups) await this.ensureGroups(manager, dto.groups);
      Object.assign(user, {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.roles !== undefined && { roles: dto.roles }),
        ...(dto.groups !== undefined && { groups: dto.groups }),
        ...(dto.active !== undefined && { active: dto.active }),
      });
      return toUserView(await manager.save(User, user));
    });
  }

  /** Replaces the user's token: the old one stops working at once. */
  async rotateToken(id: string): Promise<UserView & { token: string }> {
    const user = await this.requireUser(this.dataSource.manager, id);
    const token = newPersonalToken();
    Object.assign(user, { tokenHash: tokenHash(token), tokenIssuedAt: this.clock.now() });
    return { ...toUserView(await this.dataSource.manager.save(User, user)), token };
  }

  /** Removes the user's token: it stops working at once, and none replaces it (idempotent). */
  async revokeToken(id: string): Promise<UserView> {
    const user = await this.requireUser(this.dataSource.manager, id);
    Object.assign(user, { tokenHash: null, tokenIssuedAt: null });
    return toUserView(await this.dataSource.manager.save(User, user));
  }

  async list(): Promise<UserView[]> {
    return (await this.dataSource.manager.find(User, { order: { email: 'ASC' } })).map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    return toUserView(await this.requireUser(this.dataSource.manager, id));
  }

  async findById(id: string): Promise<UserView | null> {
    if (!isUuid(id)) return null;
    const user = await this.dataSource.manager.findOneBy(User, { id });
    return user ? toUserView(user) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserView[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return (await this.dataSource.manager.findBy(User, { id: In(valid) })).map(toUserView);
  }

  async findByEmail(email: string): Promise<UserView | null> {
    const user = await this.dataSource.manager.findOneBy(User, { email: email.toLowerCase() });
    return user ? toUserView(user) : null;
  }

  /** Active users holding the role (admins are not implied: they are not approvers by default). */
  async usersWithRole(role: Role): Promise<UserView[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where(':role = ANY(u.roles)', { role })
      .andWhere('u.active')
      .orderBy('u.email')
      .getMany();
    return rows.map(toUserView);
  }

  /** Active members of a group. */
  async usersInGroup(code: string): Promise<UserView[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where(':code = ANY(u.groups)', { code })
      .andWhere('u.active')
      .orderBy('u.email')
      .getMany();
    return rows.map(toUserView);
  }

  async groupManager(code: string): Promise<UserView | null> {
    const group = await this.dataSource.manager.findOneBy(UserGroup, { code });
    if (!group?.managerUserId) return null;
    const manager = await this.dataSource.manager.findOneBy(User, { id: group.managerUserId, active: true });
    return manager ? toUserView(manager) : null;
  }

  async putGroup(code: string, dto: PutGroupDto): Promise<GroupView> {
    return this.dataSource.transaction(async (manager) => {
      const managerUser = dto.managerUserId ? await this.requireUser(manager, dto.managerUserId) : null;
      await manager.upsert(UserGroup, { code, name: dto.name, managerUserId: managerUser?.id ?? null }, ['code']);
      const group = await manager.findOneByOrFail(UserGroup, { code });
      const members = await manager.createQueryBuilder(User, 'u').where(':code = ANY(u.groups)', { code }).orderBy('u.email').getMany();
      return toGroupView(group, managerUser, members);
    });
  }

  async listGroups(): Promise<GroupView[]> {
    const groups = await this.dataSource.manager.find(UserGroup, { order: { code: 'ASC' } });
    const users = await this.dataSource.manager.find(User, { order: { email: 'ASC' } });
    return groups.map((g) =>
      toGroupView(g, users.find((u) => u.id === g.managerUserId) ?? null, users.filter((u) => u.groups.includes(g.code))),
    );
  }

  /** The principal for a personal token, or null (unknown or deactivated). */
  async resolveToken(token: string): Promise<Principal | null> {
    const user = await this.dataSource.manager.findOneBy(User, { tokenHash: tokenHash(token), active: true });
    if (!user) return null;
    return { kind: 'user', userId: user.id, email: user.email, name: user.name, roles: user.roles, groups: user.groups };
  }

  private async requireUser(manager: EntityManager, id: string): Promise<User> {
    const user = isUuid(id) ? await manager.findOneBy(User, { id }) : null;
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  /** Groups named on a user exist from then on (named after their code until someone renames them). */
  private async ensureGroups(manager: EntityManager, codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(UserGroup)
      .values(codes.map((code) => ({ code, name: code, managerUserId: null })))
      .orIgnore()
      .execute();
  }
}
