/**
 * Ports the scenario-step activities need beyond the dunning ones.
 * `src/` implements them; activities never import the application.
 */
import type { PenaltyPolicy } from './late-payment-penalties.js';
import type { InFlightPolicy, ScenarioDefinition } from '../workflows/domain/scenario.js';
import type { DunningInvoiceView, StatementLine } from './ports.js';
import type { DeliveryContact } from './step-recipients.js';
import type { TaskTitleCode, TaskTitleParams } from './task-titles.js';

/** The invoice as a scenario step sees it: with the facts step conditions test. */
export interface ScenarioInvoiceView extends DunningInvoiceView {
  segment: string | null;
  riskClass: string | null;
  salespersonEmail: string | null;
  collectionStage: 'amicable' | 'litigation';
  /** The invoicing entity's late-payment terms and country (formal notices state them). */
  penaltyPolicy: PenaltyPolicy;
  entityCountry: string;
}

export type CollectorTaskKind = 'call' | 'checkpoint' | 'litigation_handover' | 'contact_missing';

export interface CollectorTaskDraft {
  /** Business key (invoice + step + kind): creating twice creates once. */
  idempotencyKey: string;
  kind: CollectorTaskKind;
  invoiceId: string;
  customerId: string;
  step: string;
  /** In English (title), and as a code with params (activities/task-titles.ts). */
  title: string;
  titleCode: TaskTitleCode;
  titleParams: TaskTitleParams;
  dueAt: Date;
  data: Record<string, unknown>;
}

export interface PublishedScenarioVersion {
  scenarioId: string;
  version: number;
  inFlightPolicy: InFlightPolicy;
  definition: ScenarioDefinition;
}

export interface ScenarioStepPort {
  findForScenario(invoiceId: string): Promise<ScenarioInvoiceView | null>;
  /** Every open invoice of the customer, oldest due first, as of a date. */
  openItems(customerId: string, asOf: string): Promise<StatementLine[]>;
  /** The customer's contacts with their roles, channels and opt-outs. */
  contacts(customerId: string): Promise<DeliveryContact[]>;
  createTask(task: CollectorTaskDraft): Promise<{ id: string; status: string }>;
  /** Closes an open task; a closed one stays as it is. */
  closeTask(idempotencyKey: string, outcome: string): Promise<void>;
  /** Returns whether the stage changed. */
  setCollectionStage(invoiceId: string, stage: 'amicable' | 'litigation'): Promise<boolean>;
  setScenarioVersion(invoiceId: string, scenarioId: string, version: number): Promise<void>;
  /**
   * The newest version after `afterVersion` published with the policy
   * `migrate_at_next_step`; null when in-flight invoices stay where they are,
   * and for an invoice in an arm of a running experiment.
   */
  migrationTarget(scenarioId: string, afterVersion: number, invoiceId: string): Promise<PublishedScenarioVersion | null>;
}
