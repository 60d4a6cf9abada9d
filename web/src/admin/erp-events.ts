/** The outbox toward the ERP (admin): events by status, and the operator's retry. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type ErpEvent = Schemas['ErpEventResponse'];
export type ErpEventStatus = ErpEvent['status'];
/** What an operator watches: refused events first, then those on their way, then those the ERP has to pull. */
export const WATCHED_STATUSES = ['failed', 'pending', 'held'] as const satisfies readonly ErpEventStatus[];
/** An operator may send these again (the API refuses the others with ERP_EVENT_NOT_RETRYABLE). */
export const RETRYABLE: readonly ErpEventStatus[] = ['failed', 'pending'];
const LIMIT = 100;

export const erpEventKeys = { all: ['erp-events'] as const, byStatus: (status: ErpEventStatus) => ['erp-events', status] as const };

export const erpEventQueries = {
  /** The oldest first, at most LIMIT. */
  byStatus: (status: ErpEventStatus) => queryOptions({
    queryKey: erpEventKeys.byStatus(status),
    queryFn: () => unwrap(api.GET('/api/v1/erp-events', { params: { query: { status, limit: LIMIT } } })),
  }),
};

export function useRetryErpEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/erp-events/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: erpEventKeys.all }),
  });
}

export const ERP_EVENT_LIMIT = LIMIT;
