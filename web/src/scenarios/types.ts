/**
 * Scenario types for the console: the API's shapes come from the OpenAPI
 * document (`Schemas`); the lists below are the options the editor offers,
 * checked against the values the API answers with.
 */
import type { Schemas } from '../api/client';

export type StepDefinition = Schemas['ScenarioStepDto'];
export type ScenarioDefinition = Schemas['ScenarioDefinitionDto'];
export type InFlightPolicy = Schemas['PublishScenarioDto']['inFlightPolicy'];

export const LANGUAGES = ['fr', 'en'] as const satisfies readonly Schemas['StepPreviewResponse']['language'][];
export type Language = (typeof LANGUAGES)[number];
export const CHANNELS = ['email', 'sms', 'letter'] as const satisfies readonly Schemas['ForecastActionResponse']['channels'][number][];
export type Channel = (typeof CHANNELS)[number];
export const ACTIONS = [
  'reminder', 'account_statement', 'formal_notice', 'call_task', 'litigation_handover', 'internal_notification',
] as const satisfies readonly Schemas['ForecastActionResponse']['action'][];
/** Actions that write to the customer, and so take channels, recipients and templates. */
export const MESSAGE_ACTIONS: readonly string[] = ['reminder', 'account_statement', 'formal_notice'];
export const CONTACT_ROLES = ['billing', 'accounts_payable', 'cfo', 'sales_contact', 'legal', 'management', 'other'] as const;
export const RISK_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const satisfies readonly NonNullable<Schemas['ScenarioAssignmentResponse']['riskClass']>[];
export const IN_FLIGHT_POLICIES: readonly InFlightPolicy[] = ['migrate_at_next_step', 'keep_version'];

export type Scenario = Schemas['ScenarioResponse'];

/** The simulation's totals, in the order the console shows them. */
export const TOTAL_KEYS = [
  'email', 'sms', 'letter', 'call_task', 'checkpoint', 'litigation_handover', 'internal_notification', 'account_statement', 'formal_notice', 'skipped',
] as const satisfies readonly (keyof Schemas['ForecastTotalsResponse'])[];

export type Simulation = Schemas['SimulationResponse'];
export type Effectiveness = Schemas['EffectivenessResponse'];
/** GET experiment: the experiment with each arm's figures (start and promote answer the experiment alone). */
export type Experiment = Schemas['ExperimentComparisonResponse'];
export type Rate = Schemas['WindowFiguresResponse'];
export type Interval = Schemas['IntervalResponse'];

/** One open invoice to preview a step on (GET /api/v1/invoices). */
export type InvoiceChoice = Schemas['InvoiceListItemResponse'];
