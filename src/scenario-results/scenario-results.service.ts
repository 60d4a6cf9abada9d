import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock, systemClock } from '../clock/clock.js';
import { NotFoundError } from '../common/errors.js';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { InvoiceDirectory, type InvoiceRecord } from '../invoices/invoice-directory.js';
import { InvoicePortfolioReader } from '../invoices/invoice-portfolio.reader.js';
import { LedgerQueries } from '../ledger/ledger-queries.js';
import { StepMessageReader } from '../messages/step-message.reader.js';
import { PromiseFiguresReader } from '../promises/promise-figures.reader.js';
import { LegalEntitySettingsReader } from '../organization/legal-entity-settings.reader.js';
import { ScenarioExperimentReader } from '../scenarios/scenario-experiment.reader.js';
import type { ExperimentView } from '../scenarios/scenario-experiment.views.js';
import { ScenarioVersionReader } from '../scenarios/scenario-version.reader.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { compareArms, PAID_WITHIN_DAYS, type ArmComparison } from './experiment-comparison.js';
import { scenarioEffectiveness, type MessageOutcome, type VersionEffectiveness } from './effectiveness.js';

export interface EffectivenessView {
  scenarioId: string;
  /** Today where the scenario's entity is: windows not over by then are left out of the rates. */
  asOf: string;
  /** Whether delivery is tracked at all (false: `delivered` and `opened` are null). */
  tracked: { delivery: boolean };
  versions: VersionEffectiveness[];
}

/** The experiment; each arm with its version and figures. */
export interface ExperimentComparisonView extends Omit<ExperimentView, 'arms'>, ArmComparison {
  asOf: string;
  /** Days after the due date an invoice has to be paid in full to count as paid on time. */
  paidWithinDays: number;
}

/** Ids per InvoiceDirectory.findMany call: it binds one parameter per id, and PostgreSQL takes at most 65,535. */
const FIND_MANY_CHUNK = 10_000;

const OUTCOMES: Record<string, MessageOutcome> = { sent: 'sent', recorded: 'sent', to_post: 'sent', failed: 'failed', pending: 'pending' };

/**
 * Read side of scenarios: what each step achieved and how experiment arms
 * compare, computed by pure functions from the owners' readers (invoice
 * timelines, messages, the receivables ledger, disputes, promises). Reads no other
 * module's tables.
 */
@Injectable()
export class ScenarioResultsService {
  constructor(
    @Inject(ScenarioVersionReader) private readonly versions: ScenarioVersionReader,
    @Inject(ScenarioExperimentReader) private readonly experiments: ScenarioExperimentReader,
    @Inject(InvoicePortfolioReader) private readonly portfolio: InvoicePortfolioReader,
    @Inject(InvoiceDirectory) private readonly invoices: InvoiceDirectory,
    @Inject(StepMessageReader) private readonly messages: StepMessageReader,
    @Inject(LedgerQueries) private readonly ledger: LedgerQueries,
    @Inject(DisputeFiguresService) private readonly disputes: DisputeFiguresService,
    @Inject(LegalEntitySettingsReader) private readonly entities: LegalEntitySettingsReader,
    @Inject(PromiseFiguresReader) private readonly promises: PromiseFiguresReader,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async effectiveness(scenarioId: string): Promise<EffectivenessView> {
    const { timeZone } = await this.scenarioEntity(scenarioId);
    const [versions, runs] = await Promise.all([this.versions.versionsOf([scenarioId]), this.portfolio.scenarioStepRuns(scenarioId)]);
    const ids = [...new Set(runs.map((r) => r.invoiceId))];
    const [invoices, settlements, messages, payments, disputes, promises] = await Promise.all([
      this.invoiceRecords(ids),
      this.ledger.settlementsOf(ids),
      this.messages.forInvoices(ids),
      this.ledger.paymentsOf(ids),
      this.disputes.raisedOn(ids),
      this.promises.madeOn(ids),
    ]);
    const settled = new Map(settlements.map((s) => [s.documentId, s]));
    const day = (at: Date) => dateInZone(at.getTime(), timeZone);
    const asOf = day(this.clock.now());
    return {
      scenarioId,
      asOf,
      tracked: { delivery: messages.some((m) => m.delivered !== null) },
      versions: scenarioEffectiveness({
        versions: versions.map((v) => ({ version: v.version, steps: v.definition.steps.map((s) => ({ key: s.key, action: s.action })) })),
        executions: runs.map((r) => ({ invoiceId: r.invoiceId, version: r.version, step: r.step, at: r.at.toISOString(), date: day(r.at) })),
        invoices: [...invoices.values()].map((i) => ({
          id: i.id, currency: i.currency, dueDate: i.dueDate,
          settledOn: settled.get(i.id)?.settledOn ?? null, closedOtherwise: settled.get(i.id)?.closedOtherwise ?? false,
        })),
        messages: messages.map((m) => ({
          invoiceId: m.invoiceId, step: m.step, channel: m.channel, messageId: m.messageId, outcome: OUTCOMES[m.status] ?? 'pending',
          delivered: m.delivered, opened: m.opened,
        })),
        collections: payments.map((p) => ({ invoiceId: p.documentId, date: p.date, amountMinor: p.amountMinor })),
        disputes: disputes.map((d) => ({ invoiceId: d.invoiceId, date: day(d.openedAt) })),
        promises: promises.map((p) => ({ invoiceId: p.invoiceId, date: day(p.madeAt) })),
        asOf,
      }),
    };
  }

  /** The running experiment (else the latest) with its arms compared as of today. */
  async experiment(scenarioId: string): Promise<ExperimentComparisonView> {
    const { timeZone } = await this.scenarioEntity(scenarioId);
    const experiment = await this.experiments.currentOf(scenarioId);
    if (!experiment) throw new NotFoundError(`Experiment of scenario`, scenarioId);
    const assignments = await this.experiments.assignments(experiment.id);
    const ids = assignments.map((a) => a.invoiceId);
    const [invoices, settlements] = await Promise.all([this.invoiceRecords(ids), this.ledger.settlementsOf(ids)]);
    const settled = new Map(settlements.map((s) => [s.documentId, s]));
    const asOf = dateInZone(this.clock.nowMs(), timeZone);
    const armVersions = { A: experiment.arms[0]!.version, B: experiment.arms[1]!.version };
    const comparison = compareArms(
      assignments.flatMap((a) => {
        const invoice = invoices.get(a.invoiceId);
        return invoice ? [{
          arm: a.arm, customerId: a.customerId, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
          settledOn: settled.get(a.invoiceId)?.settledOn ?? null, closedOtherwise: settled.get(a.invoiceId)?.closedOtherwise ?? false,
        }] : [];
      }),
      armVersions,
      asOf,
    );
    return { ...experiment, asOf, paidWithinDays: PAID_WITHIN_DAYS, ...comparison };
  }

  /** The invoices of these ids, read in chunks whatever their number. */
  private async invoiceRecords(ids: readonly string[]): Promise<Map<string, InvoiceRecord>> {
    const found = new Map<string, InvoiceRecord>();
    for (let i = 0; i < ids.length; i += FIND_MANY_CHUNK) {
      for (const [id, record] of await this.invoices.findMany(ids.slice(i, i + FIND_MANY_CHUNK))) found.set(id, record);
    }
    return found;
  }

  /** The scenario's legal entity's settings; unknown and malformed ids are a NotFoundError. */
  private async scenarioEntity(scenarioId: string) {
    const scenario = await this.versions.draftOf(scenarioId);
    const entity = await this.entities.byId(scenario.entityId);
    if (!entity) throw new NotFoundError('Legal entity', scenario.entityId);
    return entity;
  }
}
