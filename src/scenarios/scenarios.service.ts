import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { validateStepTemplates } from '../notifications/validate-step-templates.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { validateScenarioDefinition } from './scenario-validation.js';
import { toScenarioDefinition, type ScenarioDefinitionDto } from './scenario-definition.dto.js';
import type { CreateScenarioDto, UpdateScenarioDto } from './scenario.dto.js';
import { ScenarioNameTakenError, ScenarioRevisionConflictError } from './scenario.errors.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import { Scenario } from './scenario.entity.js';
import {
  toScenarioSummary, toScenarioView, toVersionView, type ScenarioSummaryView, type ScenarioVersionView, type ScenarioView,
} from './scenario.views.js';

/** Rules on a request's definition, with paths from the request body (`definition.steps[2]…`). */
export function definitionProblems(dto: ScenarioDefinitionDto): FieldError[] {
  return storedDefinitionProblems(dto as unknown as ScenarioDefinition);
}

/** The definition's rules, then templates that cannot render (a syntax error must not wait for a send to show). */
export function storedDefinitionProblems(definition: ScenarioDefinition): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const e of [...validateScenarioDefinition(definition), ...validateStepTemplates(definition)]) {
    byField.set(e.field, [...(byField.get(e.field) ?? []), ...e.messages]);
  }
  return [...byField].map(([field, messages]) => ({ field: `definition.${field}`, messages }));
}

/** Unknown and malformed ids alike are 404: an id that cannot exist is not found. */
export async function findScenario(manager: EntityManager, id: string): Promise<Scenario> {
  const scenario = isUUID(id) ? await manager.findOneBy(Scenario, { id }) : null;
  if (!scenario) throw new NotFoundError('Scenario', id);
  return scenario;
}

/** Scenario drafts: create, edit under optimistic concurrency, read. Publishing is ScenarioPublisher's. */
@Injectable()
export class ScenariosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  async create(dto: CreateScenarioDto): Promise<ScenarioView> {
    const entity = await this.entities.findByCode(dto.entity);
    const problems = definitionProblems(dto.definition);
    if (!entity) problems.unshift({ field: 'entity', messages: [`unknown entity "${dto.entity}"`] });
    if (problems.length > 0 || !entity) throw new FieldValidationError(problems);
    const result = await this.dataSource.manager
      .insert(Scenario, {
        entityId: entity.id, name: dto.name, description: dto.description ?? null,
        // TypeORM's deep-partial typing trips on the definition's unions; the column is jsonb.
        draft: toScenarioDefinition(dto.definition) as never,
        draftRevision: 1, latestVersion: null,
      })
      .catch(rethrowNameTaken(dto.name));
    return this.get((result.identifiers[0] as { id: string }).id);
  }

  /** Replaces the draft if nobody saved it since `draftRevision`; every save bumps the revision. */
  async update(id: string, dto: UpdateScenarioDto): Promise<ScenarioView> {
    const scenario = await findScenario(this.dataSource.manager, id);
    const problems = definitionProblems(dto.definition);
    if (problems.length > 0) throw new FieldValidationError(problems);
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Scenario)
      .set({
        draft: toScenarioDefinition(dto.definition) as never,
        draftRevision: () => '"draft_revision" + 1',
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
      })
      // Compare-and-set on the revision: no lock held while the editor thinks.
      .where('id = :id AND draft_revision = :revision', { id: scenario.id, revision: dto.draftRevision })
      .execute()
      .catch(rethrowNameTaken(dto.name ?? scenario.name));
    if (result.affected === 0) {
      const current = await findScenario(this.dataSource.manager, id);
      throw new ScenarioRevisionConflictError(dto.draftRevision, current.draftRevision);
    }
    return this.get(id);
  }

  async list(): Promise<ScenarioSummaryView[]> {
    const scenarios = await this.dataSource.manager.find(Scenario, { order: { name: 'ASC', id: 'ASC' } });
    const changed = await this.unpublishedChanges(scenarios.map((s) => s.id));
    return Promise.all(scenarios.map(async (s) => toScenarioSummary(s, await this.entityCode(s.entityId), changed.get(s.id) ?? true)));
  }

  async get(id: string): Promise<ScenarioView> {
    const scenario = await findScenario(this.dataSource.manager, id);
    const [changed, versions, entityCode] = await Promise.all([
      this.unpublishedChanges([scenario.id]),
      this.dataSource.manager.find(ScenarioVersion, {
        select: { id: true, scenarioId: true, version: true, inFlightPolicy: true, publishedAt: true, publishedBy: true },
        where: { scenarioId: scenario.id },
        order: { version: 'ASC' },
      }),
      this.entityCode(scenario.entityId),
    ]);
    return toScenarioView(scenario, entityCode, changed.get(scenario.id) ?? true, versions);
  }

  async getVersion(id: string, versionParam: string): Promise<ScenarioVersionView> {
    const scenario = await findScenario(this.dataSource.manager, id);
    const version = /^[1-9]\d{0,8}$/.test(versionParam) ? Number(versionParam) : null;
    const row = version === null ? null : await this.dataSource.manager.findOneBy(ScenarioVersion, { scenarioId: scenario.id, version });
    if (!row) throw new NotFoundError(`Scenario ${scenario.id} version`, versionParam);
    return toVersionView(row);
  }

  /** jsonb equality in PostgreSQL: key order and formatting do not count as changes. */
  private async unpublishedChanges(ids: string[]): Promise<Map<string, boolean>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; changed: boolean }[] = await this.dataSource.manager
      .createQueryBuilder(Scenario, 's')
      .leftJoin(ScenarioVersion, 'v', 'v.scenario_id = s.id AND v.version = s.latest_version')
      .select('s.id', 'id')
      .addSelect('v.definition IS DISTINCT FROM s.draft', 'changed')
      .where({ id: In(ids) })
      .getRawMany();
    return new Map(rows.map((r) => [r.id, r.changed]));
  }

  private async entityCode(entityId: string): Promise<string> {
    return (await this.entities.findById(entityId))?.code ?? '';
  }
}

function rethrowNameTaken(name: string) {
  return (err: unknown): never => {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'uq_scenarios_entity_name') throw new ScenarioNameTakenError(name);
    throw err;
  };
}
