/**
 * Dunning scenarios as data: what credit managers configure, what the
 * invoice workflow executes and what simulation replays. Node-free.
 */

export const SCENARIO_LANGUAGES = ['fr', 'en'] as const;
export type ScenarioLanguage = (typeof SCENARIO_LANGUAGES)[number];

export const SCENARIO_CHANNELS = ['email', 'sms', 'letter'] as const;
export type ScenarioChannel = (typeof SCENARIO_CHANNELS)[number];

/** What a customer's contact is for: a step names the roles it writes to. */
export const CONTACT_ROLES = ['billing', 'accounts_payable', 'cfo', 'sales_contact', 'legal', 'management', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** Who a message step writes to when it names nobody (every scenario before contact roles existed). */
export const DEFAULT_STEP_RECIPIENTS: readonly ContactRole[] = ['billing'];

/**
 * - `reminder`: a message on each channel.
 * - `account_statement`: all open items of the customer instead of one invoice.
 * - `formal_notice`: states statutory late-payment penalties (mise en demeure).
 * - `call_task`: a phone-call task for the collector (no message).
 * - `litigation_handover`: status change + task + notification.
 * - `internal_notification`: tells the account's salesperson (no customer message).
 */
export const SCENARIO_ACTIONS = [
  'reminder',
  'account_statement',
  'formal_notice',
  'call_task',
  'litigation_handover',
  'internal_notification',
] as const;
export type ScenarioAction = (typeof SCENARIO_ACTIONS)[number];

/** When a step comes due: relative to the due date, or to the previous step. */
export type StepTrigger =
  | { kind: 'due_date'; offsetDays: number }
  | { kind: 'after_previous'; days: number };

export interface StepConditions {
  /** Decimal amount in the invoice's currency: below it the step is skipped. */
  minOverdueAmount?: string;
  /** The step runs only for customers in one of these segments. */
  segments?: string[];
  /** The step runs only for customers in one of these risk classes (A–E). */
  riskClasses?: string[];
}

/** A collector must approve the step; `onTimeout` applies when nobody answers in time. */
export interface StepCheckpoint {
  timeoutHours: number;
  onTimeout: 'proceed' | 'skip';
}

export interface StepTemplate {
  /** Email and letter only. */
  subject?: string;
  body: string;
}

export type StepTemplates = Partial<Record<ScenarioLanguage, Partial<Record<ScenarioChannel, StepTemplate>>>>;

export interface ScenarioStepDefinition {
  /** Unique within the scenario: the business key of the step (idempotency keys use it). */
  key: string;
  trigger: StepTrigger;
  action: ScenarioAction;
  /** Channels of customer messages; empty for tasks and internal notifications. */
  channels: ScenarioChannel[];
  /**
   * Contact roles the step's messages go to, each contact its own message in its language
   * (message actions only); absent → DEFAULT_STEP_RECIPIENTS.
   */
  recipients?: ContactRole[];
  /** Templates per language and channel; built-in defaults when absent. */
  templates?: StepTemplates;
  conditions?: StepConditions;
  checkpoint?: StepCheckpoint;
}

export interface ScenarioDefinition {
  steps: ScenarioStepDefinition[];
}

/** What publishing a new version does to invoices already following the scenario. */
export const IN_FLIGHT_POLICIES = ['migrate_at_next_step', 'keep_version'] as const;
export type InFlightPolicy = (typeof IN_FLIGHT_POLICIES)[number];

/** Customer credit risk classes, A (safest) to E; steps and assignment rules match on them. */
export const RISK_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export const STEP_TRIGGER_KINDS = ['due_date', 'after_previous'] as const;
export const CHECKPOINT_TIMEOUT_OUTCOMES = ['proceed', 'skip'] as const;
