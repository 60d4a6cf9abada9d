import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type FindOptionsWhere } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { describeRule, segmentRuleKind, type AssignmentCriteria, type AssignmentKind } from './scenario-assignment.rules.js';
import { ScenarioAssignment } from './scenario-assignment.entity.js';
import { ScenarioEntityMismatchError, ScenarioNotPublishedError } from './scenario.errors.js';
import { toAssignmentView, type AssignmentView } from './scenario.views.js';
import { findScenario } from './scenarios.service.js';

export type AssignmentRule = AssignmentCriteria & { kind: AssignmentKind };

/** The columns of each kind's partial unique index: the upsert's conflict target. */
const CONFLICT_COLUMNS: Record<AssignmentKind, string[]> = {
  customer: ['entity_id', 'customer_external_id'],
  segment_risk: ['entity_id', 'segment', 'risk_class'],
  segment: ['entity_id', 'segment'],
  risk: ['entity_id', 'risk_class'],
  default: ['entity_id'],
};

export const defaultRule = (): AssignmentRule => ({ kind: 'default', customerExternalId: null, segment: null, riskClass: null });
export const customerRule = (customerExternalId: string): AssignmentRule =>
  ({ kind: 'customer', customerExternalId, segment: null, riskClass: null });

/** The rule's row: criteria it does not name are NULL (FindOptionsWhere needs IsNull() for that). */
function ruleWhere(entityId: string, rule: AssignmentRule): FindOptionsWhere<ScenarioAssignment> {
  const orNull = (v: string | null) => v ?? IsNull();
  return {
    entityId, kind: rule.kind,
    customerExternalId: orNull(rule.customerExternalId), segment: orNull(rule.segment), riskClass: orNull(rule.riskClass),
  };
}

/** A segment and/or risk class rule; naming neither is a 400 (that is the default rule). */
export function segmentRule(segment: string | undefined, riskClass: string | undefined): AssignmentRule {
  const kind = segmentRuleKind(segment ?? null, riskClass ?? null);
  if (!kind) {
    throw new FieldValidationError([
      { field: 'segment', messages: ['give a segment, a riskClass or both (the entity default has its own route)'] },
    ]);
  }
  return { kind, customerExternalId: null, segment: segment ?? null, riskClass: riskClass ?? null };
}

/** Assignment rules: one scenario per rule, a rule per (entity, kind, criteria). */
@Injectable()
export class ScenarioAssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  /** Creates the rule or points it at another scenario (PUT semantics). */
  async assign(entityCode: string | undefined, rule: AssignmentRule, scenarioId: string): Promise<AssignmentView> {
    const entity = await this.entity(entityCode);
    const scenario = await findScenario(this.dataSource.manager, scenarioId);
    if (scenario.entityId !== entity.id) {
      throw new ScenarioEntityMismatchError(scenario.id, (await this.entities.findById(scenario.entityId))?.code ?? '?', entity.code);
    }
    // Versions are never removed, so a scenario once published stays assignable.
    if (scenario.latestVersion === null) throw new ScenarioNotPublishedError(scenario.id);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ScenarioAssignment)
      .values({ entityId: entity.id, ...rule, scenarioId: scenario.id })
      .orUpdate(['scenario_id', 'updated_at'], CONFLICT_COLUMNS[rule.kind], { indexPredicate: `"kind" = '${rule.kind}'` })
      .updateEntity(false)
      .execute();
    const saved = await this.dataSource.manager.findOneByOrFail(ScenarioAssignment, ruleWhere(entity.id, rule));
    return toAssignmentView(saved, entity.code, scenario);
  }

  async remove(entityCode: string | undefined, rule: AssignmentRule): Promise<void> {
    const entity = await this.entity(entityCode);
    const result = await this.dataSource.manager.delete(ScenarioAssignment, ruleWhere(entity.id, rule));
    if (!result.affected) throw new NotFoundError('Scenario assignment', `(${describeRule(rule, entity.code)})`);
  }

  /** Every rule, by entity then priority (the order in which they are tried). */
  async list(entityCode: string | undefined): Promise<AssignmentView[]> {
    const entity = entityCode === undefined ? null : await this.entity(entityCode);
    const rows = await this.dataSource.manager.find(ScenarioAssignment, {
      where: entity ? { entityId: entity.id } : {},
      relations: { scenario: true },
    });
    const views = await Promise.all(
      rows.map(async (a) => toAssignmentView(a, (await this.entities.findById(a.entityId))?.code ?? '', a.scenario!)),
    );
    const key = (v: AssignmentView) =>
      [v.entity, v.priority, v.customerExternalId ?? '', v.segment ?? '', v.riskClass ?? ''].join('\u0000');
    return views.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  private async entity(code: string | undefined): Promise<{ id: string; code: string }> {
    const entity = await this.entities.findByCode(code);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${code}"`] }]);
    return entity;
  }
}
