import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { customerKeys } from '../customers/queries';
import { invoiceKeys } from '../invoices/queries';

export type BankLine = Schemas['BankLineResponse'];
export type StatementImport = Schemas['StatementImportResponse'];
export type Unapplied = Schemas['UnappliedCashResponse'];
export type WriteOffReason = Schemas['WriteOffDto']['reasonCode'];
export const WRITE_OFF_REASONS = ['deduction', 'price', 'quantity', 'damaged_goods', 'delivery', 'duplicate', 'other'] as const satisfies readonly WriteOffReason[];

export const cashKeys = {
  all: ['cash'] as const,
  queue: () => [...cashKeys.all, 'queue'] as const,
  unapplied: () => [...cashKeys.all, 'unapplied'] as const,
  unappliedOf: (customer: string) => [...cashKeys.all, 'unapplied', customer] as const,
};

/** The most lines the review screen reads at once (oldest booking first). */
const QUEUE_PAGE = 100;

export const cashQueries = {
  /** Credits waiting for a person: suggested (with the reasons) and unmatched. */
  queue: () => queryOptions({
    queryKey: cashKeys.queue(),
    queryFn: () => unwrap(api.GET('/api/v1/cash-application/queue', { params: { query: { limit: QUEUE_PAGE } } })),
  }),
  unapplied: () => queryOptions({
    queryKey: cashKeys.unapplied(),
    queryFn: () => unwrap(api.GET('/api/v1/cash-application/unapplied')),
  }),
  unappliedOf: (customer: string) => queryOptions({
    queryKey: cashKeys.unappliedOf(customer),
    queryFn: () => unwrap(api.GET('/api/v1/cash-application/unapplied', { params: { query: { customer } } })),
  }),
};

/** Applying cash changes the queue, unapplied cash, invoices and customers' balances. */
function useCashMutation<TBody, TResult>(call: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Not awaited: the caller's own onSuccess (its confirmation) must run before the refetch unmounts the line it decided.
    onSuccess: () => {
      void Promise.all([cashKeys.all, invoiceKeys.all, customerKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

/** The statement file's bytes as they are (CFONB 120, camt.053, MT940): the API detects the format and the encoding. */
export const useImportStatement = () => useCashMutation((file: File) =>
  // openapi-typescript types a binary body as a string; the browser sends the File's bytes untouched.
  unwrap(api.POST('/api/v1/bank-statements', {
    body: file as unknown as string, bodySerializer: (body) => body, headers: { 'Content-Type': 'application/octet-stream' },
  })));

export const useMatchLine = (id: string) => useCashMutation((body: Schemas['MatchLineDto']) =>
  unwrap(api.POST('/api/v1/bank-lines/{id}/match', { params: { path: { id } }, body })));

export const useIgnoreLine = (id: string) => useCashMutation((_: void) =>
  unwrap(api.POST('/api/v1/bank-lines/{id}/ignore', { params: { path: { id } } })));

export const useAllocateCredit = (id: string) => useCashMutation((body: Schemas['AllocateCreditDto']) =>
  unwrap(api.POST('/api/v1/cash-application/unapplied/{id}/allocate', { params: { path: { id } }, body })));
