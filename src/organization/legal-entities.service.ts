import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import { toMinor } from '../common/amount-input.js';
import { FieldValidationError } from '../common/validation.js';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import { defaultPenaltyPolicy, type PenaltyPolicy } from '../../activities/late-payment-penalties.js';
import type { EntitySettingsDto } from './entity-settings.dto.js';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { LegalEntity } from './legal-entity.entity.js';
import { paymentUrlTemplateProblems } from './payment-url.js';

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

  settingsView(entity: LegalEntity) {
    return {
      code: entity.code, name: entity.name, country: entity.country, timeZone: entity.timeZone,
      businessCalendar: createBusinessCalendar(entity.businessCalendar), sendingWindow: entity.sendingWindow,
      latePaymentPenalties: { ...defaultPenaltyPolicy(entity.country), ...entity.penaltyPolicy },
      writeOffApprovalThresholds: Object.entries(entity.writeOffApprovalThresholds ?? {})
        .map(([currency, amount]) => ({ currency, amount }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
      paymentUrlTemplate: entity.paymentUrlTemplate,
    };
  }

  async getSettings(code: string) {
    const entity = await this.repo.findOneBy({ code });
    if (!entity) throw new NotFoundError('Entity', code);
    return this.settingsView(entity);
  }

  /** Applies to invoices whose workflow starts afterwards; running ones keep what they started with. */
  async updateSettings(code: string, dto: EntitySettingsDto) {
    const entity = await this.repo.findOneBy({ code });
    if (!entity) throw new NotFoundError('Entity', code);
    const problems: { field: string; messages: string[] }[] = [];
    let businessCalendar = entity.businessCalendar;
    if (dto.businessCalendar) {
      try {
        businessCalendar = createBusinessCalendar({ ...dto.businessCalendar });
      } catch (err) {
        problems.push({ field: 'businessCalendar', messages: [(err as Error).message] });
      }
    }
    if (dto.sendingWindow && dto.sendingWindow.startHour >= dto.sendingWindow.endHour) {
      problems.push({ field: 'sendingWindow.endHour', messages: ['endHour must be after startHour'] });
    }
    const rates = dto.latePaymentPenalties?.rates;
    if (rates && rates.some((r, i) => i > 0 && r.from <= rates[i - 1]!.from)) {
      problems.push({ field: 'latePaymentPenalties.rates', messages: ['rates must be in increasing order of their from dates'] });
    }
    const thresholds = dto.writeOffApprovalThresholds;
    thresholds?.forEach((t, i) => {
      if (thresholds.findIndex((o) => o.currency === t.currency) !== i) {
        problems.push({ field: `writeOffApprovalThresholds[${i}].currency`, messages: ['one threshold per currency'] });
      }
    });
    if (typeof dto.paymentUrlTemplate === 'string') {
      const issues = paymentUrlTemplateProblems(dto.paymentUrlTemplate);
      if (issues.length > 0) problems.push({ field: 'paymentUrlTemplate', messages: issues });
    }
    if (problems.length > 0) throw new FieldValidationError(problems);
    await this.repo.update({ id: entity.id }, {
      ...(dto.latePaymentPenalties ? { penaltyPolicy: JSON.parse(JSON.stringify(dto.latePaymentPenalties)) as PenaltyPolicy } : {}),
      businessCalendar,
      ...(dto.sendingWindow ? { sendingWindow: { ...dto.sendingWindow } } : {}),
      ...(dto.timeZone ? { timeZone: dto.timeZone } : {}),
      ...(dto.paymentUrlTemplate !== undefined ? { paymentUrlTemplate: dto.paymentUrlTemplate } : {}),
      ...(thresholds ? { writeOffApprovalThresholds: Object.fromEntries(thresholds.map((t) => [t.currency, t.amount])) } : {}),
    });
    this.cache.delete(code);
    return this.getSettings(code);
  }

  /** The entity's write-off thresholds in minor units, per currency. */
  writeOffThresholdsMinor(entity: LegalEntity): Record<string, bigint> {
    return Object.fromEntries(
      Object.entries(entity.writeOffApprovalThresholds ?? {}).map(([currency, amount]) => [currency, toMinor(amount, currency)]),
    );
  }

  async findById(id: string): Promise<LegalEntity | null> {
    for (const e of this.cache.values()) if (e.id === id) return e;
    return this.repo.findOneBy({ id });
  }

  /** Every legal entity (few): lists compute each one's "today" in its own zone. */
  async list(): Promise<LegalEntity[]> {
    return this.repo.find({ order: { code: 'ASC' } });
  }
}
