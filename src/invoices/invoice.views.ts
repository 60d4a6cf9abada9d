import { formatAmount } from '../../workflows/domain/money.js';
import type { CustomerRecord } from '../customers/customer-directory.js';
import type { InvoiceEvent } from './invoice-event.entity.js';
import type { Invoice } from './invoice.entity.js';
import type { InvoicePrediction } from '../prediction/prediction-core.js';

export interface InvoiceIntakeView {
  id: string;
  externalId: string;
  status: string;
  workflowId: string;
}

export function toIntakeView(invoice: Invoice): InvoiceIntakeView {
  return { id: invoice.id, externalId: invoice.externalId, status: invoice.status, workflowId: invoice.workflowId };
}

export function toInvoiceView(
  invoice: Invoice,
  customer: CustomerRecord,
  contact: CustomerRecord['contact'],
  entityCode: string,
  events: InvoiceEvent[],
  pauses: { id: string; scope: string; reason: string; since: string; until: string | null }[],
  prediction: InvoicePrediction | null = null,
) {
  return {
    id: invoice.id,
    externalId: invoice.externalId,
    entity: entityCode,
    number: invoice.number,
    status: invoice.status,
    currency: invoice.currency,
    amount: formatAmount(invoice.amountMinor, invoice.currency),
    openAmount: formatAmount(invoice.openAmountMinor, invoice.currency),
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    /** The invoice's own, else its customer's; null when neither says. */
    paymentTerms: invoice.paymentTerms ?? customer.paymentTerms ?? null,
    paymentMethod: invoice.paymentMethod ?? customer.paymentMethod ?? null,
    customer: {
      id: customer.id,
      externalId: customer.externalId,
      name: customer.name,
      email: contact?.email ?? null,
      phone: contact?.phone ?? null,
      language: contact?.language ?? null,
      timeZone: customer.timeZone,
      paymentTerms: customer.paymentTerms,
      paymentMethod: customer.paymentMethod,
    },
    workflowId: invoice.workflowId,
    paused: pauses.length > 0,
    pauses,
    nextAction:
      invoice.status === 'open' && pauses.length === 0 && invoice.nextActionAt && invoice.nextActionStep
        ? { at: invoice.nextActionAt.toISOString(), step: invoice.nextActionStep }
        : null,
    /** Payment-date prediction (src/prediction/), null unless the invoice is open. */
    prediction: invoice.status === 'open' && prediction
      ? {
        expectedPaymentDate: prediction.expectedPaymentDate,
        predictedDaysToSettle: prediction.predictedDaysToSettle,
        predictedDaysLate: prediction.predictedDaysLate,
        predictedLate: prediction.predictedLate,
        explanation: prediction.explanation,
      }
      : null,
    timeline: events.map((e) => ({ type: e.type, at: e.occurredAt.toISOString(), ...e.data })),
    createdAt: invoice.createdAt.toISOString(),
    updatedAt: invoice.updatedAt.toISOString(),
  };
}

export type InvoiceView = ReturnType<typeof toInvoiceView>;
