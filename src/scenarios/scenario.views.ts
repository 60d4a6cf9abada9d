import type { InFlightPolicy, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { ASSIGNMENT_KINDS, type AssignmentKind } from './scenario-assignment.rules.js';
import type { ScenarioAssignment } from './scenario-assignment.entity.js';
import type { ScenarioVersion } from './scenario-version.entity.js';
import type { Scenario } from './scenario.entity.js';

export const SCENARIO_STATUSES = ['draft', 'published', 'archived'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

export function scenarioStatus(s: Scenario): ScenarioStatus {
  if (s.archivedAt) return 'archived';
  return s.latestVersion === null ? 'draft' : 'published';
}

/** One line of the list. `hasUnpublishedChanges`: the draft differs from the latest version (or none exists). */
export function toScenarioSummary(s: Scenario, entityCode: string, hasUnpublishedChanges: boolean) {
  return {
    id: s.id,
    entity: entityCode,
    name: s.name,
    description: s.description,
    status: scenarioStatus(s),
    draftRevision: s.draftRevision,
    latestVersion: s.latestVersion,
    hasUnpublishedChanges,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
export type ScenarioSummaryView = ReturnType<typeof toScenarioSummary>;

export interface ScenarioVersionSummary {
  version: number;
  inFlightPolicy: InFlightPolicy;
  publishedAt: string;
  publishedBy: string | null;
}

/** The scenario with its draft (`definition`, the field a PUT sends back) and its versions. */
export function toScenarioView(s: Scenario, entityCode: string, hasUnpublishedChanges: boolean, versions: ScenarioVersion[]) {
  return {
    ...toScenarioSummary(s, entityCode, hasUnpublishedChanges),
    definition: s.draft,
    versions: versions.map((v): ScenarioVersionSummary => ({
      version: v.version, inFlightPolicy: v.inFlightPolicy, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy,
    })),
  };
}
export type ScenarioView = ReturnType<typeof toScenarioView>;

export interface ScenarioVersionView extends ScenarioVersionSummary {
  scenarioId: string;
  definition: ScenarioDefinition;
}

export function toVersionView(v: ScenarioVersion): ScenarioVersionView {
  return {
    scenarioId: v.scenarioId, version: v.version, inFlightPolicy: v.inFlightPolicy,
    publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy, definition: v.definition,
  };
}

/** `priority`: 1 wins over 2… (customer, segment+risk, segment, risk, default). */
export function toAssignmentView(a: ScenarioAssignment, entityCode: string, scenario: Scenario) {
  return {
    id: a.id,
    entity: entityCode,
    kind: a.kind,
    priority: ASSIGNMENT_KINDS.indexOf(a.kind) + 1,
    customerExternalId: a.customerExternalId,
    segment: a.segment,
    riskClass: a.riskClass,
    scenario: { id: scenario.id, name: scenario.name, latestVersion: scenario.latestVersion },
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type AssignmentView = ReturnType<typeof toAssignmentView>;

/** Which rule chose the scenario. */
export interface RuleView {
  assignmentId: string;
  kind: AssignmentKind;
  customerExternalId: string | null;
  segment: string | null;
  riskClass: string | null;
}

export function toRuleView(a: ScenarioAssignment): RuleView {
  return { assignmentId: a.id, kind: a.kind, customerExternalId: a.customerExternalId, segment: a.segment, riskClass: a.riskClass };
}
