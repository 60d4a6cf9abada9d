import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { Clock, systemClock } from '../clock/clock.js';
import { activeCustomerPauses, activePausesFor, toPauseSignal, type ActivePause } from '../dunning-pauses/active-pauses.js';
import type { LegalEntity } from '../organization/legal-entity.view.js';
import { scenarioVersion, type PublishedScenarioVersion } from '../scenarios/scenario-versions.js';
import type { InvoiceDunningInput } from '../../workflows/definitions.js';
import { createBusinessCalendar } from '../../workflows/domain/business-calendar.js';
import type { Invoice } from './invoice.entity.js';

/**
 * Everything an invoice's workflow starts from: its scenario version, the
 * entity's business calendar and sending window, the customer's time zone
 * and pauses in force (a new invoice of a paused customer starts paused).
 */
@Injectable()
export class InvoiceWorkflowInputs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async build(invoice: Invoice, entity: LegalEntity, customerTimeZone: string | null): Promise<InvoiceDunningInput> {
    const m = this.dataSource.manager;
    const [version, pauses] = await Promise.all([
      invoice.scenarioId && invoice.scenarioVersion !== null
        ? scenarioVersion(m, invoice.scenarioId, invoice.scenarioVersion)
        : null,
      activePausesFor(m, { invoiceId: invoice.id, customerId: invoice.customerId }, this.clock.now()),
    ]);
    return this.assemble(invoice, entity, customerTimeZone, version, pauses);
  }

  /**
   * The inputs of invoices created together (an initial load's batch): each
   * scenario version and each customer's pauses read once. A new invoice has
   * no pause of its own yet, so only its customer's apply.
   */
  async buildMany(created: readonly { invoice: Invoice; entity: LegalEntity; customerTimeZone: string | null }[]): Promise<InvoiceDunningInput[]> {
    const m = this.dataSource.manager;
    const now = this.clock.now();
    const versions = new Map<string, Promise<PublishedScenarioVersion>>();
    const pausesOf = await activeCustomerPauses(m, created.map((c) => c.invoice.customerId), now);
    return Promise.all(created.map(async ({ invoice, entity, customerTimeZone }) => {
      const { scenarioId, scenarioVersion: v } = invoice;
      let version: Promise<PublishedScenarioVersion> | null = null;
      if (scenarioId && v !== null) {
        version = versions.get(`${scenarioId}:${v}`) ?? null;
        if (!version) versions.set(`${scenarioId}:${v}`, (version = scenarioVersion(m, scenarioId, v)));
      }
      return this.assemble(invoice, entity, customerTimeZone, await version, pausesOf.get(invoice.customerId) ?? []);
    }));
  }

  private assemble(
    invoice: Invoice, entity: LegalEntity, customerTimeZone: string | null, version: PublishedScenarioVersion | null, pauses: ActivePause[],
  ): InvoiceDunningInput {
    return {
      invoiceId: invoice.id,
      dueDate: invoice.dueDate,
      currency: invoice.currency,
      openAmountMinor: invoice.openAmountMinor.toString(),
      timeZone: customerTimeZone ?? entity.timeZone ?? this.config.RELANCE_DEFAULT_TIMEZONE,
      sendHour: this.config.RELANCE_SEND_HOUR,
      scenario: version && {
        scenarioId: version.scenarioId, version: version.version, inFlightPolicy: version.inFlightPolicy, definition: version.definition,
      },
      calendar: createBusinessCalendar(entity.businessCalendar),
      window: this.config.RELANCE_SENDING_WINDOW === 'off' ? null : entity.sendingWindow,
      pauses: pauses.map(toPauseSignal),
    };
  }
}
