import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal, Role } from '../auth/principal.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { Integration } from './integration.entity.js';
import { newPersonalToken, tokenHash } from './personal-token.js';

/** The only role an integration credential ever holds. */
export const INTEGRATION_ROLES: readonly Role[] = Object.freeze(['erp']);

export interface IntegrationView {
  id: string;
  name: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
}

const UNIQUE_VIOLATION = '23505';

function toView(i: Integration): IntegrationView {
  return { id: i.id, name: i.name, roles: [...INTEGRATION_ROLES], active: i.active, createdAt: i.createdAt.toISOString() };
}

/** ERP credentials: created, rotated and deactivated by an admin; the token is shown once. */
@Injectable()
export class IntegrationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(name: string): Promise<IntegrationView & { token: string }> {
    const token = newPersonalToken();
    try {
      const saved = await this.dataSource.manager.save(Integration, this.dataSource.manager.create(Integration, {
        name, tokenHash: tokenHash(token), active: true,
      }));
      return { ...toView(saved), token };
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError('INTEGRATION_EXISTS', `An integration named ${name} already exists`);
      }
      throw err;
    }
  }

  async list(): Promise<IntegrationView[]> {
    return (await this.dataSource.manager.find(Integration, { order: { name: 'ASC' } })).map(toView);
  }

  /** Replaces the token: the old one stops working at once. */
  async rotateToken(id: string): Promise<IntegrationView & { token: string }> {
    const found = await this.require(id);
    const token = newPersonalToken();
    await this.dataSource.manager.update(Integration, { id: found.id }, { tokenHash: tokenHash(token) });
    return { ...toView(found), token };
  }

  async setActive(id: string, active: boolean): Promise<IntegrationView> {
    const found = await this.require(id);
    found.active = active;
    return toView(await this.dataSource.manager.save(Integration, found));
  }

  /** The principal for an integration's token, or null (unknown or deactivated). */
  async resolveToken(token: string): Promise<Principal | null> {
    const found = await this.dataSource.manager.findOneBy(Integration, { tokenHash: tokenHash(token), active: true });
    if (!found) return null;
    return { kind: 'integration', userId: null, email: null, name: found.name, roles: INTEGRATION_ROLES, groups: [] };
  }

  private async require(id: string): Promise<Integration> {
    const found = isUuid(id) ? await this.dataSource.manager.findOneBy(Integration, { id }) : null;
    if (!found) throw new NotFoundError('Integration', id);
    return found;
  }
}
