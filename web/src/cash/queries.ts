import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { customerKeys } from '../customers/queries';
import { invoiceKeys } from '../invoices/queries';

export type BankLine = Schemas['BankLineResponse'];
export type StatementImport = Schemas['StatementImportResponse'];
export type Unapplied = Schemas['UnappliedCashResponse'];
export type StatementSummary = Schemas['StatementListPageResponse']['items'][number];
export type BankLineStatus = BankLine['status'];
/** The statuses a statement's line can be filtered on, in the order the screen offers them. */
export const LINE_STATUSES = ['auto_applied', 'confirmed', 'suggested', 'unmatched', 'ignored'] as const satisfies readonly BankLineStatus[];
/** Applied (by the engine or a reviewer) or rejected: an unmatch puts these back in the review queue. */
export const UNDOABLE_STATUSES: readonly BankLineStatus[] = ['auto_applied', 'confirmed', 'ignored'];
export type WriteOffReason = Schemas['WriteOffDto']['reasonCode'];
export const WRITE_OFF_REASONS = ['deduction', 'price', 'quantity', 'damaged_goods', 'delivery', 'duplicate', 'other'] as const satisfies readonly WriteOffReason[];

export const cashKeys = {
  all: ['cash'] as const,
  queue: () => [...cashKeys.all, 'queue'] as const,
  unapplied: () => [...cashKeys.all, 'unapplied'] as const,
  unappliedOf: (customer: string) => [...cashKeys.all, 'unapplied', customer] as const,
  statements: () => [...cashKeys.all, 'statements'] as const,
  lines: (statement: string, status: BankLineStatus | undefined) => [...cashKeys.all, 'statements', statement, 'lines', status ?? 'all'] as const,
};

/** Statements and lines read a page at a time (the API's cursor). */
const STATEMENT_PAGE = 20;
const LINE_PAGE = 100;

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
  statements: () => infiniteQueryOptions({
    queryKey: cashKeys.statements(),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/bank-statements', { params: { query: { limit: STATEMENT_PAGE, ...(pageParam && { cursor: pageParam }) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  }),
  /** One statement's lines, every status or one, in file order. */
  lines: (statement: string, status?: BankLineStatus) => infiniteQueryOptions({
    queryKey: cashKeys.lines(statement, status),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/bank-lines', {
      params: { query: { statement, limit: LINE_PAGE, ...(status && { status }), ...(pageParam && { cursor: pageParam }) } },
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
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

/** Reverses an applied line's payment (its invoices reopen) or brings a rejected one back: either way it waits in the review queue again. */
export const useUnmatchLine = (id: string) => useCashMutation((_: void) =>
  unwrap(api.POST('/api/v1/bank-lines/{id}/unmatch', { params: { path: { id } } })));
