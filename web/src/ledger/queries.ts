import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { customerKeys } from '../customers/queries';
import { invoiceKeys } from '../invoices/queries';

export const INVOICE_STATUSES = ['open', 'paid', 'cancelled'] as const;
export const COLLECTION_STAGES = ['amicable', 'litigation'] as const;
export const RISK_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;
/** The API's sort keys, each ascending and descending (`-` first). */
export const INVOICE_SORTS = ['dueDate', '-dueDate', 'issueDate', '-issueDate', 'amount', '-amount', 'openAmount', '-openAmount', 'number', '-number'] as const;
export const PAYMENT_SORTS = ['-receivedAt', 'receivedAt', '-amount', 'amount'] as const;
export const WRITE_OFF_REASONS = ['uncollectible', 'customer_insolvent', 'small_balance', 'statute_barred', 'commercial_gesture', 'other'] as const;
export const PAGE_SIZE = 50;

/** The invoice list's view, kept in the URL (`/invoices?overdue=true&q=…`): every filter the API takes. */
export interface InvoiceListSearch {
  q?: string;
  status?: (typeof INVOICE_STATUSES)[number];
  overdue?: boolean;
  dueFrom?: string;
  dueTo?: string;
  currency?: string;
  amountMin?: string;
  amountMax?: string;
  customer?: string;
  entity?: string;
  collectionStage?: (typeof COLLECTION_STAGES)[number];
  disputed?: boolean;
  riskClass?: (typeof RISK_CLASSES)[number];
  sort?: (typeof INVOICE_SORTS)[number];
  cursor?: string;
}

export interface PaymentListSearch {
  q?: string;
  customer?: string;
  entity?: string;
  currency?: string;
  receivedFrom?: string;
  receivedTo?: string;
  amountMin?: string;
  amountMax?: string;
  unapplied?: boolean;
  sort?: (typeof PAYMENT_SORTS)[number];
  cursor?: string;
}

export type InvoiceListItem = Schemas['InvoiceListItemResponse'];
export type PaymentListItem = Schemas['PaymentListItemResponse'];
export type WriteOff = Schemas['WriteOffResponse'];
export type WriteOffListItem = Schemas['WriteOffListItemResponse'];
export type CreditNote = Schemas['CreditNoteResponse'];

export const ledgerKeys = {
  invoices: (search: InvoiceListSearch) => ['ledger', 'invoices', search] as const,
  payments: (search: PaymentListSearch) => ['ledger', 'payments', search] as const,
  writeOffs: ['write-offs'] as const,
  pendingWriteOffs: () => [...ledgerKeys.writeOffs, 'pending'] as const,
  invoiceWriteOffs: (invoiceId: string) => [...ledgerKeys.writeOffs, 'invoice', invoiceId] as const,
  creditNote: (id: string) => ['credit-notes', id] as const,
};

/** The routes answer CSV too, but only when asked for it (Accept: text/csv). */
function json<T>(page: T | string, route: string): T {
  if (typeof page === 'string') throw new Error(`${route} answered CSV to a JSON request`);
  return page;
}

export const ledgerQueries = {
  invoices: (search: InvoiceListSearch) => queryOptions({
    queryKey: ledgerKeys.invoices(search),
    queryFn: async () => json(await unwrap(api.GET('/api/v1/invoices', { params: { query: { ...search, limit: PAGE_SIZE } } })), 'the invoice list'),
    placeholderData: keepPreviousData,
    retry: false,
  }),
  payments: (search: PaymentListSearch) => queryOptions({
    queryKey: ledgerKeys.payments(search),
    queryFn: async () => json(await unwrap(api.GET('/api/v1/payments', { params: { query: { ...search, limit: PAGE_SIZE } } })), 'the payment list'),
    placeholderData: keepPreviousData,
    retry: false,
  }),
  /** The finance managers' queue: every write-off waiting for a decision, oldest first. */
  pendingWriteOffs: () => queryOptions({
    queryKey: ledgerKeys.pendingWriteOffs(),
    queryFn: async () => json(await unwrap(api.GET('/api/v1/write-offs', { params: { query: { status: 'pending_approval', sort: 'createdAt', limit: 500 } } })), 'the write-off list'),
  }),
  invoiceWriteOffs: (invoiceId: string) => queryOptions({
    queryKey: ledgerKeys.invoiceWriteOffs(invoiceId),
    queryFn: async () => json(await unwrap(api.GET('/api/v1/write-offs', { params: { query: { invoice: invoiceId, limit: 100 } } })), 'the write-off list'),
  }),
  creditNote: (id: string) => queryOptions({
    queryKey: ledgerKeys.creditNote(id),
    queryFn: () => unwrap(api.GET('/api/v1/credit-notes/{id}', { params: { path: { id } } })),
  }),
};

/** Every row matching the filters as CSV (the API streams it; paging is ignored). */
export async function exportInvoicesCsv(search: InvoiceListSearch): Promise<Blob> {
  const { cursor: _cursor, ...filters } = search;
  return unwrap(api.GET('/api/v1/invoices', { params: { query: filters }, headers: { Accept: 'text/csv' }, parseAs: 'blob' })) as Promise<Blob>;
}

export async function exportPaymentsCsv(search: PaymentListSearch): Promise<Blob> {
  const { cursor: _cursor, ...filters } = search;
  return unwrap(api.GET('/api/v1/payments', { params: { query: filters }, headers: { Accept: 'text/csv' }, parseAs: 'blob' })) as Promise<Blob>;
}

/** A write-off changes the invoice (open amount, timeline), its customer's account and the queue. */
function useLedgerRefresh(invoiceId?: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ledgerKeys.writeOffs }),
      queryClient.invalidateQueries({ queryKey: invoiceId ? invoiceKeys.detail(invoiceId) : invoiceKeys.all }),
      queryClient.invalidateQueries({ queryKey: customerKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['ledger'] }),
    ]);
  };
}

export function useRequestWriteOff(invoiceId: string) {
  const refresh = useLedgerRefresh(invoiceId);
  return useMutation({
    mutationFn: (body: Schemas['RequestWriteOffDto']) => unwrap(api.POST('/api/v1/invoices/{id}/write-off', { params: { path: { id: invoiceId } }, body })),
    onSuccess: refresh,
  });
}

export function useDecideWriteOff() {
  const refresh = useLedgerRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & Schemas['WriteOffDecisionDto']) =>
      unwrap(api.POST('/api/v1/write-offs/{id}/decision', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}
