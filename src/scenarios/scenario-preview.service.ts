import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import type { DunningInvoiceView } from '../../activities/ports.js';
import { BusinessRuleError, NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceDirectory, type InvoiceRecord } from '../invoices/invoice-directory.js';
import { customerOpenItems } from '../invoices/open-items.js';
import { messageLanguage } from '../notifications/locale-format.js';
import { MessageComposer } from '../notifications/message-composer.js';
import { TemplateRenderError } from '../notifications/template-render.error.js';
import { LegalEntitySettingsReader, type LegalEntitySettings } from '../organization/legal-entity-settings.reader.js';
import { dateInZone } from '../../workflows/domain/calendar.js';
import { computeLatePaymentPenalty, penaltyInput, type LatePaymentPenalty } from '../../activities/late-payment-penalties.js';
import type { ScenarioDefinition, ScenarioLanguage } from '../../workflows/domain/scenario.js';
import type { PreviewStepDto } from './scenario-preview.dto.js';
import { ScenarioVersionReader } from './scenario-version.reader.js';
import { findScenario } from './scenarios.service.js';
import { Clock, systemClock } from '../clock/clock.js';

export interface StepPreview {
  subject: string | null;
  body: string;
  language: ScenarioLanguage;
  channel: string;
  stepKey: string;
  version: number | 'draft';
  asOf: string;
}

/**
 * Renders a step's message with an invoice's real data, exactly as the send
 * activity would (same composer, open items and statutory penalties), and
 * writes nothing.
 */
@Injectable()
export class ScenarioPreviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MessageComposer) private readonly composer: MessageComposer,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(InvoiceDirectory) private readonly invoices: InvoiceDirectory,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(LegalEntitySettingsReader) private readonly entities: LegalEntitySettingsReader,
    @Inject(ScenarioVersionReader) private readonly versions: ScenarioVersionReader,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async preview(scenarioId: string, dto: PreviewStepDto): Promise<StepPreview> {
    const m = this.dataSource.manager;
    const scenario = await findScenario(m, scenarioId);
    const definition = await this.definition(scenario.id, scenario.draft, dto.version);
    const index = definition.steps.findIndex((s) => s.key === dto.stepKey);
    const step = definition.steps[index];
    if (!step) throw new NotFoundError(`Scenario ${scenario.id} step`, dto.stepKey);
    if (!step.channels.includes(dto.channel)) {
      const channels = step.channels.length > 0 ? `its channels: ${step.channels.join(', ')}` : 'it sends no customer message';
      throw new FieldValidationError([{ field: 'channel', messages: [`step "${step.key}" has no ${dto.channel} message (${channels})`] }]);
    }

    // Scenarios apply to their entity's invoices: another entity's invoice is not found here.
    const invoice = isUUID(dto.invoiceId) ? await this.invoices.find(dto.invoiceId, { entityId: scenario.entityId }) : null;
    if (!invoice) throw new NotFoundError('Invoice', dto.invoiceId);
    const [customer, entity] = await Promise.all([this.customers.find(invoice.customerId), this.entities.byId(invoice.entityId)]);
    // The invoice's foreign keys guarantee both.
    if (!customer || !entity) throw new Error(`customer or entity of invoice ${invoice.id} not found`);
    const contact = customer.contact;
    const asOf = dto.asOf ?? dateInZone(this.clock.nowMs(), customer.timeZone ?? entity.timeZone ?? this.config.RELANCE_DEFAULT_TIMEZONE);
    const language = dto.language ?? messageLanguage(contact?.language);
    const view: DunningInvoiceView = {
      id: invoice.id, number: invoice.number, status: invoice.status, currency: invoice.currency,
      amountMinor: invoice.amountMinor, openAmountMinor: invoice.openAmountMinor, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
      customer: { id: customer.id, name: customer.name, email: contact?.email ?? null, phone: contact?.phone ?? null, language },
    };
    const statement = step.action === 'account_statement' ? await customerOpenItems(this.dataSource.manager, customer.id, asOf) : undefined;
    const penalty = step.action === 'formal_notice' ? statutoryPenalty(invoice, asOf, entity) : undefined;
    try {
      const message = this.composer.composeStep({ step, channel: dto.channel, invoice: view, asOf, statement, penalty });
      return { ...message, language, channel: dto.channel, stepKey: step.key, version: dto.version ?? 'draft', asOf };
    } catch (err) {
      throw err instanceof TemplateRenderError ? err.under(`definition.steps[${index}]`) : err;
    }
  }

  private async definition(scenarioId: string, draft: ScenarioDefinition, version: number | undefined): Promise<ScenarioDefinition> {
    if (version === undefined) return draft;
    const row = await this.versions.find(scenarioId, version);
    if (!row) throw new NotFoundError(`Scenario ${scenarioId} version`, String(version));
    return row.definition;
  }
}

/** The statutory figures, as the send activity computes them; a date with no known ECB rate is the caller's to fix. */
function statutoryPenalty(invoice: InvoiceRecord, asOf: string, entity: LegalEntitySettings): LatePaymentPenalty {
  try {
    return computeLatePaymentPenalty(penaltyInput(
      { amountMinor: invoice.openAmountMinor, currency: invoice.currency, dueDate: invoice.dueDate, asOf },
      entity.penaltyPolicy,
      entity.country,
    ));
  } catch (err) {
    if (err instanceof RangeError) throw new BusinessRuleError('PENALTY_UNAVAILABLE', err.message);
    throw err;
  }
}
