import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Clock, systemClock } from '../clock/clock.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { positiveAmount } from '../common/amount-input.js';
import { isUuid } from '../common/uuid.js';
import { FieldRuleError, FieldValidationError, type FieldError } from '../common/validation.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import type { Customer } from '../customers/customer.view.js';
import { CustomerScoringService } from '../credit/customer-scoring.service.js';
import { ExposureAlertsService } from '../credit/exposure-alerts.service.js';
import { frenchTermsProblems } from './payment-terms.js';
import { CustomersService } from '../customers/customers.service.js';
import { activePausesFor, toPauseView } from '../dunning-pauses/active-pauses.js';
import { ScenarioResolver, type ScenarioResolution } from '../scenarios/scenario-resolver.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { PredictionService } from '../prediction/prediction.service.js';
import type { LegalEntity } from '../organization/legal-entity.view.js';
import { invoiceWorkflowId, type InvoiceDunningInput } from '../../workflows/definitions.js';
import { formatAmount } from '../../workflows/domain/money.js';
import type { CreateInvoiceDto } from './create-invoice.dto.js';
import { InvoiceEvent } from './invoice-event.entity.js';
import { appendInvoiceEvent } from './invoice-timeline.js';
import { invoiceCreatedEvent } from './invoice-created-event.js';
import { InvoiceBalances } from './invoice-balances.js';
import { planIntake, type IntakePlan } from './intake-plan.js';
import { InvoiceWorkflowInputs } from './invoice-workflow-input.js';
import { InvoiceWorkflowGateway, type WorkflowLane } from './invoice-workflow.gateway.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceDocumentsService, type InvoiceDocumentSummary } from './invoice-documents.service.js';
import { toIntakeView, toInvoiceView, type InvoiceIntakeView, type InvoiceView } from './invoice.views.js';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { invoicesReceived } from '../metrics/intake-metrics.js';


export type IntakeOutcome = 'created' | 'unchanged' | 'updated';

@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(InvoiceWorkflowGateway) private readonly workflows: InvoiceWorkflowGateway,
    @Inject(ScenarioResolver) private readonly scenarios: ScenarioResolver,
    @Inject(InvoiceWorkflowInputs) private readonly inputs: InvoiceWorkflowInputs,
    @Inject(ExposureAlertsService) private readonly exposure: ExposureAlertsService,
    @Inject(CustomerScoringService) private readonly scoring: CustomerScoringService,
    @Inject(PredictionService) private readonly predictions: PredictionService,
    @Inject(DisputeFiguresService) private readonly disputes: DisputeFiguresService,
    @Inject(CustomerDirectory) private readonly customerDirectory: CustomerDirectory,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(InvoiceBalances) private readonly balances: InvoiceBalances,
    @Inject(InvoiceDocumentsService) private readonly documents: InvoiceDocumentsService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /**
   * ERP intake, idempotent on (entity, externalId): creates the invoice and
   * starts its workflow; the same request again changes nothing; a new amount
   * or due date updates the invoice and reschedules its workflow.
   */
  async intake(dto: CreateInvoiceDto, options: { lane?: WorkflowLane } = {}): Promise<{ outcome: IntakeOutcome; view: InvoiceIntakeView }> {
    const { entity, amountMinor } = await this.precheck(dto);
    const result = await this.dataSource.transaction(async (manager) => {
      const customer = await this.customers.upsertFromErp(manager, entity.id, dto.customer);
      // Once scored, the computed class stands: the ERP's class only seeds customers never scored.
      await this.scoring.restoreScoredClass(manager, customer);
      const existing = await manager.findOne(Invoice, {
        where: { entityId: entity.id, externalId: dto.externalId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!existing) {
        const scenario = await this.scenarios.resolveScenarioFor({ entityId: entity.id, customerId: customer.id }, manager);
        return this.create(manager, entity, customer, dto, amountMinor, scenario);
      }
      return this.update(manager, entity, existing, customer, dto, amountMinor);
    });

    const input = await this.inputs.build(result.invoice, entity, result.timeZone);
    const lane = options.lane ?? 'live';
    const plan = planIntake(input, this.clock.now().getTime());
    if (result.outcome === 'created') {
      const intake = await this.projectFirstNextAction(result.invoice.id, plan);
      await this.workflows.ensureStarted(result.invoice.workflowId, { ...input, intake }, { lane, urgency: plan.urgency });
    }
    // Replays re-send the invoice's state too: this repairs a start or a signal
    // lost to a crash between our commit and the call to Temporal.
    else if (result.invoice.status === 'open' || result.outcome === 'updated') {
      await this.workflows.invoiceChanged(result.invoice.workflowId, input, { lane, urgency: plan.urgency });
    }
    // Receivables changed: the customer may have crossed its credit limit (logs, never throws).
    if (result.outcome !== 'unchanged') await this.exposure.evaluateExposureSafely(result.invoice.customerId);
    invoicesReceived.inc({ outcome: result.outcome });
    return { outcome: result.outcome, view: toIntakeView(result.invoice) };
  }

  /**
   * The checks intake makes before writing anything, beyond the DTO's own:
   * a known entity, a positive amount, coherent dates, French legal terms.
   * Throws FieldValidationError (400) or FieldRuleError (422). An import
   * checks each row with it, so a row is valid exactly when intake accepts it.
   */
  async precheck(
    dto: CreateInvoiceDto,
    findEntity: (code: string | undefined) => Promise<LegalEntity | null> = (code) => this.entities.findByCode(code),
  ): Promise<{ entity: LegalEntity; amountMinor: bigint }> {
    const entity = await findEntity(dto.entity);
    const problems: FieldError[] = [];
    if (!entity) problems.push({ field: 'entity', messages: [`unknown entity "${dto.entity}"`] });
    const amountMinor = positiveAmount('amount', dto.amount, dto.currency, problems);
    if (dto.dueDate < dto.issueDate) problems.push({ field: 'dueDate', messages: ['dueDate must not be before issueDate'] });
    if (problems.length > 0 || !entity) throw new FieldValidationError(problems);
    if (entity.country === 'FR') {
      // With terms stated, the due date they lead to is held to the same maximum.
      const unlawful = [
        ...frenchTermsProblems({ terms: dto.paymentTerms, ...(dto.paymentTerms && { issueDate: dto.issueDate, dueDate: dto.dueDate }) }),
        ...frenchTermsProblems({ terms: dto.customer.paymentTerms }, 'customer.'),
      ];
      if (unlawful.length > 0) throw new FieldRuleError('PAYMENT_TERMS_UNLAWFUL', unlawful, 'Payment terms exceed the French legal maximum');
    }
    return { entity, amountMinor };
  }

  /**
   * A new invoice's first next action, written here so that its workflow's
   * first task need not (it checks that its own plan agrees). Nothing is
   * written for an invoice already due for a step or paused: its workflow acts first.
   */
  private async projectFirstNextAction(invoiceId: string, plan: IntakePlan): Promise<NonNullable<InvoiceDunningInput['intake']>> {
    if (plan.projected === undefined) return {};
    const next = plan.projected;
    await this.dataSource.query('UPDATE invoices SET next_action_at = $1, next_action_step = $2 WHERE id = $3', [next?.at ?? null, next?.step ?? null, invoiceId]);
    return { projectedNextAction: next };
  }

  private async create(
    manager: EntityManager,
    entity: LegalEntity,
    customer: Customer,
    dto: CreateInvoiceDto,
    amountMinor: bigint,
    scenario: ScenarioResolution | null,
  ) {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Invoice)
      .values({
        entityId: entity.id, customerId: customer.id, externalId: dto.externalId, number: dto.number,
        issueDate: dto.issueDate, dueDate: dto.dueDate, currency: dto.currency,
        amountMinor, openAmountMinor: amountMinor, status: 'open',
        paymentTerms: dto.paymentTerms ?? null, paymentMethod: dto.paymentMethod ?? null,
        workflowId: invoiceWorkflowId(entity.code, dto.externalId), version: 1,
        scenarioId: scenario?.scenarioId ?? null, scenarioVersion: scenario?.version ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .updateEntity(false)
      .execute();
    const invoice = await manager.findOneOrFail(Invoice, {
      where: { entityId: entity.id, externalId: dto.externalId },
      lock: { mode: 'pessimistic_write' },
    });
    if (inserted.raw.length === 0) {
      // A concurrent request created it first: treat ours as its retry.
      return this.update(manager, entity, invoice, customer, dto, amountMinor);
    }
    await this.ledger.record(manager, [this.ledger.invoiceIssued(invoice, amountMinor)]);
    await this.scenarios.recordChoice(manager, invoice, scenario);
    await appendInvoiceEvent(manager, invoice.id, invoiceCreatedEvent(dto, scenario));
    return { outcome: 'created' as const, invoice, timeZone: customer.timeZone };
  }

  private async update(
    manager: EntityManager,
    entity: LegalEntity,
    invoice: Invoice,
    customer: Customer,
    dto: CreateInvoiceDto,
    amountMinor: bigint,
  ) {
    if (invoice.customerId !== customer.id) {
      throw new ConflictError('INVOICE_CUSTOMER_MISMATCH', `Invoice ${dto.externalId} belongs to another customer`);
    }
    if (invoice.currency !== dto.currency) {
      throw new ConflictError('INVOICE_CURRENCY_MISMATCH', `Invoice ${dto.externalId} is in ${invoice.currency}`);
    }
    const changes: Record<string, { from: string; to: string }> = {};
    if (invoice.amountMinor !== amountMinor) {
      changes.amount = { from: formatAmount(invoice.amountMinor, invoice.currency), to: formatAmount(amountMinor, invoice.currency) };
    }
    if (invoice.dueDate !== dto.dueDate) changes.dueDate = { from: invoice.dueDate, to: dto.dueDate };
    if (invoice.issueDate !== dto.issueDate) changes.issueDate = { from: invoice.issueDate, to: dto.issueDate };
    if (invoice.number !== dto.number) changes.number = { from: invoice.number, to: dto.number };
    if (dto.paymentTerms !== undefined && invoice.paymentTerms !== dto.paymentTerms) {
      changes.paymentTerms = { from: invoice.paymentTerms ?? '', to: dto.paymentTerms };
    }
    if (dto.paymentMethod !== undefined && invoice.paymentMethod !== dto.paymentMethod) {
      changes.paymentMethod = { from: invoice.paymentMethod ?? '', to: dto.paymentMethod };
    }
    if (Object.keys(changes).length === 0) return { outcome: 'unchanged' as const, invoice, timeZone: customer.timeZone };
    if (invoice.status !== 'open' && (changes.amount || changes.dueDate)) {
      throw new ConflictError('INVOICE_CLOSED', `Invoice ${dto.externalId} is ${invoice.status}; its amount and due date are final`);
    }

    const allocated = invoice.amountMinor - invoice.openAmountMinor;
    const openAmountMinor = amountMinor - allocated;
    if (openAmountMinor < 0n) {
      throw new FieldValidationError([
        { field: 'amount', messages: [`amount is below the ${formatAmount(allocated, invoice.currency)} already paid`] },
      ]);
    }
    // The ledger takes a correction from today: a report of a past date keeps what it saw.
    await this.balances.changeOpenAmount(manager, invoice, {
      cause: 'invoice_amended', sourceKey: `v${invoice.version + 1}`, openAmountMinor,
      ledger: { date: this.ledger.today(entity.timeZone), key: `invoice:${invoice.id}:v${invoice.version + 1}:amount` },
      alsoSet: {
        amountMinor, dueDate: dto.dueDate, issueDate: dto.issueDate, number: dto.number,
        ...(dto.paymentTerms !== undefined && { paymentTerms: dto.paymentTerms }),
        ...(dto.paymentMethod !== undefined && { paymentMethod: dto.paymentMethod }),
      },
    });
    await appendInvoiceEvent(manager, invoice.id, {
      type: 'invoice_updated', dedupeKey: `updated:v${invoice.version + 1}`, data: { changes },
    });
    const updated = await manager.findOneByOrFail(Invoice, { id: invoice.id });
    await this.redate(manager, entity, invoice, updated);
    return { outcome: 'updated' as const, invoice: updated, timeZone: customer.timeZone };
  }

  /** The ledger follows an ERP correction from today: the new amount (changeOpenAmount), then the open amount moved to new dates. */
  private async redate(manager: EntityManager, entity: LegalEntity, before: Invoice, after: Invoice): Promise<void> {
    if (before.dueDate !== after.dueDate || before.issueDate !== after.issueDate) {
      await this.ledger.redate(manager, after, this.ledger.today(entity.timeZone), `invoice:${after.id}:v${after.version}:dates`);
    }
  }

  /**
   * The ERP cancelled the invoice: its open amount goes to zero, the timeline
   * says why, and its workflow ends at once (signal-with-start, so a lost
   * workflow starts only to end). Idempotent: cancelling a cancelled invoice
   * answers the same and tells the workflow again (repairs a lost signal).
   * A settled invoice cannot be cancelled (409): the ERP credits it instead.
   */
  async cancel(id: string, reason: string): Promise<CancellationView> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const invoice = await manager.findOne(Invoice, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!invoice) throw new NotFoundError('Invoice', id);
      if (invoice.status === 'cancelled') return { invoice, cancelledNow: false };
      if (invoice.status !== 'open') {
        throw new ConflictError('INVOICE_SETTLED', `Invoice ${invoice.externalId} is ${invoice.status}: issue a credit note instead of cancelling it`);
      }
      const now = this.clock.now();
      const zone = (await this.entities.findById(invoice.entityId))?.timeZone ?? 'Europe/Paris';
      // The ledger takes the cancellation from today: reports of past dates keep the invoice open.
      const cancelled = await this.balances.changeOpenAmount(manager, invoice, {
        cause: 'cancellation', sourceKey: 'cancel', openAmountMinor: 0n, status: 'cancelled',
        ledger: { date: this.ledger.dateOf(now, zone), key: `cancellation:${invoice.id}` },
      });
      await appendInvoiceEvent(manager, invoice.id, {
        type: 'invoice_cancelled', dedupeKey: 'cancelled', occurredAt: now,
        data: { reason, cancelledOpenAmount: formatAmount(invoice.openAmountMinor, invoice.currency), by: 'erp' },
      });
      return { invoice: cancelled, cancelledNow: true };
    });
    const { invoice } = outcome;
    const event = await this.dataSource.manager.findOneByOrFail(InvoiceEvent, { invoiceId: invoice.id, dedupeKey: 'cancelled' });
    const entity = await this.entities.findById(invoice.entityId);
    if (!entity) throw new Error(`Invoice ${invoice.id}: legal entity not found`);
    const input = await this.inputs.build(invoice, entity, await this.customers.timeZoneOf(invoice.customerId));
    // A workflow started by this signal starts open (with the invoice's amount), so it ends as cancelled, not as paid.
    await this.workflows.cancelled(invoice.workflowId, String(event.data.reason), { ...input, openAmountMinor: invoice.amountMinor.toString() });
    if (outcome.cancelledNow) await this.exposure.evaluateExposureSafely(invoice.customerId);
    return {
      id: invoice.id, externalId: invoice.externalId, status: 'cancelled', reason: String(event.data.reason),
      cancelledAt: event.occurredAt.toISOString(), cancelledOpenAmount: String(event.data.cancelledOpenAmount), currency: invoice.currency,
    };
  }

  async get(id: string): Promise<InvoiceView & { disputes: OpenDisputeOnInvoice[]; document: InvoiceDocumentSummary | null }> {
    if (!isUuid(id)) throw new NotFoundError('Invoice', id);
    const invoice = await this.dataSource.manager.findOneBy(Invoice, { id });
    if (!invoice) throw new NotFoundError('Invoice', id);
    const [found, entity, events, pauses, prediction, document] = await Promise.all([
      this.customerDirectory.find(invoice.customerId),
      this.entities.findById(invoice.entityId),
      this.dataSource.manager.find(InvoiceEvent, { where: { invoiceId: id }, order: { occurredAt: 'ASC', id: 'ASC' } }),
      invoice.status === 'open' ? activePausesFor(this.dataSource.manager, { invoiceId: id, customerId: invoice.customerId }) : [],
      // A prediction is an aid: the invoice still shows when the model cannot answer.
      invoice.status === 'open'
        ? this.predictions.forInvoice(id).catch((err: unknown) => {
            new Logger('InvoicesService').warn(`No prediction for invoice ${id}: ${err instanceof Error ? err.message : String(err)}`);
            return null;
          })
        : null,
      this.documents.summary(id),
    ]);
    if (!found) throw new NotFoundError('Customer', invoice.customerId);
    const view = toInvoiceView(invoice, found, found.contact, entity?.code ?? '', events, pauses.map(toPauseView), prediction);
    return { ...view, disputes: await this.openDisputes(invoice), document };
  }

  /** Disputes still open on the invoice, with the part of it they hold. */
  private async openDisputes(invoice: Invoice): Promise<OpenDisputeOnInvoice[]> {
    const shares = await this.disputes.openOnInvoice(invoice.id);
    return shares.map((d) => ({
      id: d.id, status: d.status, reasonCode: d.reasonCode, disputedAmount: formatAmount(d.amountMinor, invoice.currency),
    }));
  }
}

export interface CancellationView {
  id: string;
  externalId: string;
  status: 'cancelled';
  /** The reason first given: a replay with another reason does not rewrite it. */
  reason: string;
  cancelledAt: string;
  /** What was still open when it was cancelled. */
  cancelledOpenAmount: string;
  currency: string;
}

export interface OpenDisputeOnInvoice {
  id: string;
  status: string;
  reasonCode: string;
  disputedAmount: string;
}

