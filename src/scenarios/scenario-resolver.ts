import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { InFlightPolicy, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { describeRule, pickAssignment } from './scenario-assignment.rules.js';
import { ScenarioAssignment } from './scenario-assignment.entity.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import { Scenario } from './scenario.entity.js';
import { toRuleView, type RuleView } from './scenario.views.js';

/** The scenario version that drives a customer's invoices, and the rule that chose it. */
export interface ScenarioResolution {
  scenarioId: string;
  scenarioName: string;
  /** The latest published version at the time of resolution. */
  version: number;
  inFlightPolicy: InFlightPolicy;
  definition: ScenarioDefinition;
  rule: RuleView;
}

/**
 * Resolves assignment rules: customer override, then segment + risk class,
 * then segment, then risk class, then the entity's default. Exported for the
 * invoice intake.
 */
@Injectable()
export class ScenarioResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  /**
   * null when no rule matches (the built-in scenario applies). Pass the
   * caller's transaction manager to see a customer it has just upserted.
   */
  async resolveScenarioFor(
    ref: { entityId: string; customerId: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ScenarioResolution | null> {
    const customer = await this.customers.find(ref.customerId, { entityId: ref.entityId }, manager);
    if (!customer) throw new NotFoundError('Customer', ref.customerId);
    return this.resolveForCustomer(manager, customer);
  }

  /** GET /api/v1/customers/:externalId/scenario: which scenario and version, and why. */
  async explain(externalId: string, entityCode: string | undefined) {
    const entity = await this.entities.findByCode(entityCode);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${entityCode}"`] }]);
    const customer = await this.customers.findByExternalId(entity.id, externalId);
    if (!customer) throw new NotFoundError('Customer', externalId);
    const resolution = await this.resolveForCustomer(this.dataSource.manager, customer);
    return {
      customer: { externalId: customer.externalId, entity: entity.code, segment: customer.segment, riskClass: customer.riskClass },
      scenario: resolution && { id: resolution.scenarioId, name: resolution.scenarioName, version: resolution.version },
      rule: resolution?.rule ?? null,
      reason: resolution
        ? describeRule(resolution.rule, entity.code)
        : 'no assignment rule matches this customer: the built-in scenario applies',
    };
  }

  private async resolveForCustomer(manager: EntityManager, customer: CustomerRecord): Promise<ScenarioResolution | null> {
    const criteria = { customerExternalId: customer.externalId, segment: customer.segment, riskClass: customer.riskClass };
    // A rule matches when each criterion it names equals the customer's; SQL narrows, pickAssignment ranks.
    const candidates = await manager
      .createQueryBuilder(ScenarioAssignment, 'a')
      .where('a.entity_id = :entityId', { entityId: customer.entityId })
      .andWhere('(a.customer_external_id IS NULL OR a.customer_external_id = :customerExternalId)', criteria)
      .andWhere('(a.segment IS NULL OR a.segment = :segment)', criteria)
      .andWhere('(a.risk_class IS NULL OR a.risk_class = :riskClass)', criteria)
      .getMany();
    const rule = pickAssignment(candidates, criteria);
    if (!rule) return null;
    const scenario = await manager.findOneByOrFail(Scenario, { id: rule.scenarioId });
    // Assignments require a published scenario and versions are never deleted, so the version exists.
    const version = await manager.findOneByOrFail(ScenarioVersion, { scenarioId: scenario.id, version: scenario.latestVersion! });
    return {
      scenarioId: scenario.id, scenarioName: scenario.name, version: version.version,
      inFlightPolicy: version.inFlightPolicy, definition: version.definition, rule: toRuleView(rule),
    };
  }
}
