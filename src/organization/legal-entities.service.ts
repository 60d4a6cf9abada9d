import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { LegalEntity } from './legal-entity.entity.js';

export const DEFAULT_ENTITY_CODE = 'default';

@Injectable()
export class LegalEntitiesService {
  private readonly cache = new Map<string, LegalEntity>();

  constructor(@InjectRepository(LegalEntity) private readonly repo: Repository<LegalEntity>) {}

  async findByCode(code: string = DEFAULT_ENTITY_CODE): Promise<LegalEntity | null> {
    const cached = this.cache.get(code);
    if (cached) return cached;
    const found = await this.repo.findOneBy({ code });
    if (found) this.cache.set(code, found);
    return found;
  }

  async findById(id: string): Promise<LegalEntity | null> {
    for (const e of this.cache.values()) if (e.id === id) return e;
    return this.repo.findOneBy({ id });
  }
}
