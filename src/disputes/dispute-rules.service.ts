import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { statesAmounts } from '../../workflows/domain/dispute-rules.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { DisputeRule } from './dispute-rule.entity.js';
import type { DisputeRuleDto } from './dispute.dto.js';
import { DisputesService } from './disputes.service.js';

/**
 * Routing rules: most specific wins (reason + entity + band > reason + entity > reason > default); a rule
 * stating amounts routes only disputes in its currency (docs/disputes.md).
 */
@Injectable()
export class DisputeRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(DisputesService) private readonly disputes: DisputesService,
  ) {}

  async list() {
    const rows = await this.dataSource.manager.find(DisputeRule, { order: { createdAt: 'ASC' } });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(id: string) {
    return this.view(await this.require(id));
  }

  async create(dto: DisputeRuleDto) {
    const row = await this.dataSource.manager.save(this.dataSource.manager.create(DisputeRule, await this.parse(dto)));
    return this.view(row);
  }

  async replace(id: string, dto: DisputeRuleDto) {
    const row = await this.require(id);
    await this.dataSource.manager.update(DisputeRule, { id: row.id }, await this.parse(dto));
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const row = await this.require(id);
    await this.dataSource.manager.delete(DisputeRule, { id: row.id });
  }

  private async require(id: string): Promise<DisputeRule> {
    const row = isUuid(id) ? await this.dataSource.manager.findOneBy(DisputeRule, { id }) : null;
    if (!row) throw new NotFoundError('Dispute rule', id);
    return row;
  }

  private async parse(dto: DisputeRuleDto) {
    const currency = (dto.currency ?? 'EUR').toUpperCase();
    const errors: FieldError[] = [];
    const amount = (field: string, value: string | null | undefined) => {
      try {
        return this.disputes.parseAmountField(field, value, currency);
      } catch (err) {
        if (!(err instanceof FieldValidationError)) throw err;
        errors.push(...err.errors);
        return null;
      }
    };
    const minAmountMinor = amount('minAmount', dto.minAmount);
    const maxAmountMinor = amount('maxAmount', dto.maxAmount);
    const secondLevelFromMinor = amount('secondLevelFrom', dto.secondLevelFrom);
    if (minAmountMinor !== null && maxAmountMinor !== null && minAmountMinor >= maxAmountMinor) {
      errors.push({ field: 'maxAmount', messages: ['maxAmount must be above minAmount'] });
    }
    let entityId: string | null = null;
    if (dto.entity) {
      const entity = await this.entities.findByCode(dto.entity);
      if (!entity) errors.push({ field: 'entity', messages: [`unknown entity "${dto.entity}"`] });
      else entityId = entity.id;
    }
    if (errors.length) throw new FieldValidationError(errors);
    const amounts = { minAmountMinor, maxAmountMinor, secondLevelFromMinor };
    return {
      reasonCode: dto.reasonCode ?? null, entityId, ...amounts,
      validatorGroup: dto.validatorGroup, resolutionHours: dto.resolutionHours,
      // A rule's amounts are in its currency and route only disputes in it; without amounts it routes any currency.
      currency: statesAmounts(amounts) ? currency : null,
    };
  }

  private async view(r: DisputeRule) {
    const entity = r.entityId ? await this.entities.findById(r.entityId) : null;
    const amt = (v: bigint | null) => (v === null ? null : formatAmount(v, r.currency ?? 'EUR'));
    return {
      id: r.id, reasonCode: r.reasonCode, entity: entity?.code ?? null, minAmount: amt(r.minAmountMinor), maxAmount: amt(r.maxAmountMinor),
      validatorGroup: r.validatorGroup, resolutionHours: r.resolutionHours, secondLevelFrom: amt(r.secondLevelFromMinor),
      currency: r.currency, createdAt: r.createdAt.toISOString(),
    };
  }
}
