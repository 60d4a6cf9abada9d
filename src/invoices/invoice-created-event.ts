import type { ScenarioResolution } from '../scenarios/scenario-resolver.js';
import type { CreateInvoiceDto } from './create-invoice.dto.js';

/** The timeline's first event of an invoice taken in from the ERP (one by one or in bulk). */
export function invoiceCreatedEvent(dto: CreateInvoiceDto, scenario: ScenarioResolution | null) {
  return {
    type: 'invoice_created', dedupeKey: 'created',
    data: {
      amount: dto.amount, currency: dto.currency, dueDate: dto.dueDate, status: 'open',
      scenario: scenario
        ? {
            id: scenario.scenarioId, name: scenario.scenarioName, version: scenario.version, rule: scenario.rule,
            ...(scenario.experiment ? { experiment: scenario.experiment } : {}),
          }
        : null,
    },
  };
}
