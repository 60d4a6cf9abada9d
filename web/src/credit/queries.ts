import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { customerKeys } from '../customers/queries';

export type CreditLimitRequest = Schemas['CreditLimitRequestResponse'];

export const creditKeys = {
  all: ['credit-limit-requests'] as const,
  pending: () => [...creditKeys.all, 'pending'] as const,
  detail: (id: string) => [...creditKeys.all, 'detail', id] as const,
};

/** The most pending requests the screen reads (oldest first). */
const PENDING_PAGE = 100;

export const creditQueries = {
  /** Pending requests with their detail (approval chain, who may decide now). */
  pending: () => queryOptions({
    queryKey: creditKeys.pending(),
    queryFn: async (): Promise<CreditLimitRequest[]> => {
      const page = await unwrap(api.GET('/api/v1/credit-limit-requests', { params: { query: { status: 'pending', sort: 'createdAt', limit: PENDING_PAGE } } }));
      if (typeof page === 'string') throw new Error('the request list answered CSV to a JSON request');
      return Promise.all(page.items.map((r) => unwrap(api.GET('/api/v1/credit-limit-requests/{id}', { params: { path: { id: r.id } } }))));
    },
  }),
};

/** A decision changes the request list and, once approved, the customer's limit. */
export function useDecideLimitRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreditLimitDecisionDto']) =>
      unwrap(api.POST('/api/v1/credit-limit-requests/{id}/decisions', { params: { path: { id } }, body })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: creditKeys.all }),
        queryClient.invalidateQueries({ queryKey: customerKeys.all }),
      ]);
    },
  });
}
