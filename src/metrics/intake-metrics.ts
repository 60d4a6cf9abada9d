import { counter } from './registry.js';

/** Invoices the ERP pushed, by what the push did: `created`, `updated` (a changed field), `unchanged` (a retry). */
export const invoicesReceived = counter({
  name: 'relance_invoices_received_total',
  help: 'Invoices received through intake, by outcome (created, updated, unchanged)',
  labelNames: ['outcome'] as const,
});

/** Payments recorded, by outcome: `created`, `duplicate` (an ERP retry of a payment already recorded). */
export const paymentsReceived = counter({
  name: 'relance_payments_received_total',
  help: 'Payments received, by outcome (created, duplicate)',
  labelNames: ['outcome'] as const,
});
