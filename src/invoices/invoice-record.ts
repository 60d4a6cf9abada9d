/** The invoice row InvoiceBalances answers with, as a type for other capabilities. */
export type { Invoice, InvoiceStatus } from './invoice.entity.js';
