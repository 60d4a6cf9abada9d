import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { Clock, systemClock } from '../clock/clock.js';
import { activePausesFor, toPauseSignal } from '../dunning-pauses/active-pauses.js';
import type { LegalEntity } from '../organization/legal-entity.view.js';
import { scenarioVersion } from '../scenarios/scenario-versions.js';
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
