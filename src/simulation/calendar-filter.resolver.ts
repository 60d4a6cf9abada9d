import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { resolveCollectorParam } from '../portfolios/collector-scope.js';
import { PortfolioService } from '../portfolios/portfolio.service.js';
import { UsersService } from '../users/users.service.js';
import type { CalendarQueryDto } from './forecast.dto.js';
import type { PortfolioFilter } from './portfolio-state.reader.js';

/** The calendar's `entity` and `collector` parameters as the invoices they keep, through their owners' services. */
@Injectable()
export class CalendarFilterResolver {
  constructor(
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(PortfolioService) private readonly portfolios: PortfolioService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  /** Unknown entity or user: field errors (400); a collector naming someone else's portfolio: 403. */
  async resolve(query: Pick<CalendarQueryDto, 'entity' | 'collector'>, principal: Principal): Promise<PortfolioFilter> {
    const errors: FieldError[] = [];
    const entity = query.entity === undefined ? null : await this.entities.findByCode(query.entity);
    if (query.entity !== undefined && !entity) errors.push({ field: 'entity', messages: [`unknown entity "${query.entity}"`] });
    // Absent: every portfolio, as before the filter existed; given, a collector may name only themselves.
    const collectorId = query.collector === undefined ? null : resolveCollectorParam(principal, query.collector);
    if (collectorId && !(await this.users.findById(collectorId))) errors.push({ field: 'collector', messages: [`unknown user "${collectorId}"`] });
    if (errors.length) throw new FieldValidationError(errors);
    return {
      ...(entity ? { entityId: entity.id } : {}),
      ...(collectorId ? { customerIds: await this.portfolios.customersOf(collectorId) } : {}),
    };
  }
}
