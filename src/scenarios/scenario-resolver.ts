import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, systemClock } from '../clock/clock.js';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { InFlightPolicy, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { experimentArm, type ExperimentArm } from './experiment-split.js';
import { describeRule, pickAssignment } from './scenario-assignment.rules.js';
import { ScenarioAssignment } from './scenario-assignment.entity.js';
import { ScenarioExperimentAssignment } from './scenario-experiment-assignment.entity.js';
import { ScenarioExperiment } from './scenario-experiment.entity.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import { Scenario } from './scenario.entity.js';
import { toRuleView, type RuleView } from './scenario.views.js';

/** The scenario version that drives a customer's invoices, and the rule that chose it. */
export interface ScenarioResolution {
  scenarioId: string;
  scenarioName: string;
  /** The latest published version at the time of resolution, or the customer's arm's while an experiment runs. */
  version: number;
  /** The running experiment's arm the customer falls in (experiment-split.ts); null: no experiment. */
  experiment: { id: string; arm: ExperimentArm } | null;
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
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
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
      experiment: resolution?.experiment ?? null,
      reason: resolution
        ? describeRule(resolution.rule, entity.code)
          + (resolution.experiment ? `; experiment ${resolution.experiment.id} puts this customer in arm ${resolution.experiment.arm}` : '')
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
    const running = await manager.findOneBy(ScenarioExperiment, { scenarioId: scenario.id, status: 'running' });
    const experiment = running && { id: running.id, arm: experimentArm(running.id, customer.id, running.shareB) };
    const chosen = !running ? scenario.latestVersion! : experiment!.arm === 'A' ? running.versionA : running.versionB;
    // Assignments and experiments require published versions, and versions are never deleted: the version exists.
    const version = await manager.findOneByOrFail(ScenarioVersion, { scenarioId: scenario.id, version: chosen });
    return {
      scenarioId: scenario.id, scenarioName: scenario.name, version: version.version, experiment,
      inFlightPolicy: version.inFlightPolicy, definition: version.definition, rule: toRuleView(rule),
    };
  }

  /**
   * Records, in the intake's transaction, the experiment arm a new invoice was
   * put in when its version was chosen (nothing without an experiment): the
   * comparison then counts every invoice of each arm.
   */
  async recordChoice(
    manager: EntityManager,
    invoice: { id: string; customerId: string },
    resolution: ScenarioResolution | null,
  ): Promise<void> {
    if (!resolution?.experiment) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ScenarioExperimentAssignment)
      .values({
        invoiceId: invoice.id, customerId: invoice.customerId, experimentId: resolution.experiment.id,
        arm: resolution.experiment.arm, version: resolution.version, assignedAt: this.clock.now(),
      })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }
}
