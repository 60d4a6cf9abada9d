import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IN_FLIGHT_POLICIES, RISK_CLASSES, SCENARIO_CHANNELS, SCENARIO_LANGUAGES, type InFlightPolicy, type ScenarioDefinition, type ScenarioLanguage } from '../../workflows/domain/scenario.js';
import { EXPERIMENT_ARMS, type ExperimentArm } from './experiment-split.js';
import { ASSIGNMENT_KINDS, type AssignmentKind } from './scenario-assignment.rules.js';
import type { StepPreview } from './scenario-preview.service.js';
import type { ScenarioResolver } from './scenario-resolver.js';
import { SCENARIO_STATUSES, type ScenarioStatus, type ScenarioSummaryView, type ScenarioVersionSummary, type ScenarioVersionView, type ScenarioView, type RuleView } from './scenario.views.js';

// Response schemas of the scenario routes. `implements` keeps them in step with the views: a field added there fails to compile here.

/** The stored definition has the shape the draft is sent in (PUT), absent options left out. */
// A $ref to the validated DTO's schema (built from its class-validator rules); ApiProperty's typing has no room for a bare $ref.
const DEFINITION = { allOf: [{ $ref: '#/components/schemas/ScenarioDefinitionDto' }] } as ApiPropertyOptions;
const NULLABLE_STRING = { type: 'string', nullable: true } as const;

export class ScenarioSummaryResponse implements ScenarioSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Legal entity code' }) entity!: string;
  @ApiProperty() name!: string;
  @ApiProperty(NULLABLE_STRING) description!: string | null;
  @ApiProperty({ enum: SCENARIO_STATUSES }) status!: ScenarioStatus;
  @ApiProperty({ type: 'integer', description: 'Sent back with a PUT: a stale revision is refused' }) draftRevision!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: never published' }) latestVersion!: number | null;
  @ApiProperty({ description: 'The draft differs from the latest version (or none exists)' }) hasUnpublishedChanges!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ScenarioVersionSummaryResponse implements ScenarioVersionSummary {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: IN_FLIGHT_POLICIES }) inFlightPolicy!: InFlightPolicy;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty(NULLABLE_STRING) publishedBy!: string | null;
}

export class ScenarioResponse extends ScenarioSummaryResponse implements ScenarioView {
  @ApiProperty({ ...DEFINITION, description: 'The draft' } as ApiPropertyOptions) definition!: ScenarioDefinition;
  @ApiProperty({ type: [ScenarioVersionSummaryResponse] }) versions!: ScenarioVersionSummaryResponse[];
}

export class ScenarioVersionResponse extends ScenarioVersionSummaryResponse implements ScenarioVersionView {
  @ApiProperty({ format: 'uuid' }) scenarioId!: string;
  @ApiProperty(DEFINITION) definition!: ScenarioDefinition;
}

export class StepPreviewResponse implements StepPreview {
  @ApiProperty({ type: 'string', nullable: true, description: 'null: the channel has no subject (SMS)' }) subject!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: SCENARIO_LANGUAGES }) language!: ScenarioLanguage;
  @ApiProperty({ enum: SCENARIO_CHANNELS }) channel!: string;
  @ApiProperty() stepKey!: string;
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ['draft'] }] }) version!: number | 'draft';
  @ApiProperty({ format: 'date-time' }) asOf!: string;
}

// GET /customers/:externalId/scenario: which scenario drives the customer's invoices, and why.

type CustomerScenarioView = Awaited<ReturnType<ScenarioResolver['explain']>>;

class CustomerScenarioCustomerResponse {
  @ApiProperty() externalId!: string;
  @ApiProperty({ description: 'Legal entity code' }) entity!: string;
  @ApiProperty(NULLABLE_STRING) segment!: string | null;
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true }) riskClass!: string | null;
}

class CustomerScenarioChoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', description: "The latest published version, or the customer's arm's while an experiment runs" }) version!: number;
}

class AssignmentRuleRefResponse implements RuleView {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ enum: ASSIGNMENT_KINDS }) kind!: AssignmentKind;
  @ApiProperty(NULLABLE_STRING) customerExternalId!: string | null;
  @ApiProperty(NULLABLE_STRING) segment!: string | null;
  @ApiProperty({ type: 'string', enum: RISK_CLASSES, nullable: true }) riskClass!: string | null;
}

class CustomerExperimentArmResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPERIMENT_ARMS }) arm!: ExperimentArm;
}

export class CustomerScenarioResponse implements CustomerScenarioView {
  @ApiProperty({ type: CustomerScenarioCustomerResponse }) customer!: CustomerScenarioCustomerResponse;
  @ApiProperty({ type: CustomerScenarioChoiceResponse, nullable: true, description: 'null: no rule matches, the built-in scenario applies' }) scenario!: CustomerScenarioChoiceResponse | null;
  @ApiProperty({ type: AssignmentRuleRefResponse, nullable: true, description: 'The assignment rule that chose it' }) rule!: AssignmentRuleRefResponse | null;
  @ApiProperty({ type: CustomerExperimentArmResponse, nullable: true, description: "The running experiment's arm the customer falls in" }) experiment!: CustomerExperimentArmResponse | null;
  @ApiProperty({ description: 'Why, in words' }) reason!: string;
}
