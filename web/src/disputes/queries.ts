import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export const disputeKeys = {
  all: ['disputes'] as const,
  inbox: () => [...disputeKeys.all, 'inbox'] as const,
  stats: () => [...disputeKeys.all, 'stats'] as const,
  detail: (id: string) => [...disputeKeys.all, 'detail', id] as const,
};

export const disputeQueries = {
  inbox: () => queryOptions({ queryKey: disputeKeys.inbox(), queryFn: () => unwrap(api.GET('/api/v1/disputes/inbox')) }),
  /** Open disputes by reason, resolution times and acceptance rate (all time). */
  stats: () => queryOptions({ queryKey: disputeKeys.stats(), queryFn: () => unwrap(api.GET('/api/v1/disputes/stats')) }),
  detail: (id: string) =>
    queryOptions({ queryKey: disputeKeys.detail(id), queryFn: () => unwrap(api.GET('/api/v1/disputes/{id}', { params: { path: { id } } })) }),
};

/** A decision changes the dispute, the inbox (and, once they have screens, the invoices and the customer's exposure). */
export function useDecideDispute(id: string, onDecided?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['DisputeDecisionDto']) => unwrap(api.POST('/api/v1/disputes/{id}/decisions', { params: { path: { id } }, body })),
    // Here rather than in mutate(): the form that called it is gone once the dispute takes no more decisions.
    onSuccess: async (dispute) => {
      onDecided?.();
      queryClient.setQueryData(disputeKeys.detail(id), dispute);
      await queryClient.invalidateQueries({ queryKey: disputeKeys.all });
    },
  });
}

/** The answer to a validator's request for information: the dispute goes back to review. */
export function useAnswerDisputeInfo(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['DisputeInfoDto']) => unwrap(api.POST('/api/v1/disputes/{id}/info', { params: { path: { id } }, body })),
    onSuccess: async (dispute) => {
      queryClient.setQueryData(disputeKeys.detail(id), dispute);
      await queryClient.invalidateQueries({ queryKey: disputeKeys.all });
    },
  });
}
