import { Inject, Injectable } from '@nestjs/common';
import { addDays, daysBetween, zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { keptRatePercent } from '../../workflows/domain/promise-rules.js';
import { unknownFilterValue } from '../common/lists/filters.js';
import { FieldValidationError } from '../common/validation.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { PromiseFiguresReader } from './promise-figures.reader.js';
import type { PromiseStatsQuery } from './promise.dto.js';

/** The promise KPIs (docs/promises-and-plans.md, "KPIs"). */
@Injectable()
export class PromiseStatsService {
  constructor(
    @Inject(PromiseFiguresReader) private readonly figures: PromiseFiguresReader,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  async stats(query: PromiseStatsQuery) {
    if (daysBetween(query.from, query.to) < 0) throw new FieldValidationError([{ field: 'to', messages: ['to must not be before from'] }]);
    const entity = await this.entities.findByCode(query.entity);
    if (!entity) throw unknownFilterValue('entity', query.entity ?? 'default');
    // Days are the entity's (the default entity's when none is named).
    const range = {
      from: new Date(zonedDateHourToEpoch(query.from, 0, entity.timeZone)),
      to: new Date(zonedDateHourToEpoch(addDays(query.to, 1), 0, entity.timeZone)),
    };
    const rows = await this.figures.figures(range, query.entity === undefined ? null : entity.id);
    return {
      from: query.from, to: query.to, entity: query.entity ?? null,
      currencies: rows.map((r) => ({
        currency: r.currency, made: r.made, kept: r.kept, keptLate: r.keptLate, broken: r.broken, open: r.open,
        keptRatePercent: keptRatePercent(r.kept, r.broken),
        amountPromised: formatAmount(r.promisedMinor, r.currency),
        amountPromisedJudged: formatAmount(r.judgedPromisedMinor, r.currency),
        amountReceived: formatAmount(r.receivedMinor, r.currency),
      })),
    };
  }
}
