/** Portfolios: collector rules and who holds a customer, typed by the generated client. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '../api/client';

export type CollectorRule = Schemas['CollectorRuleResponse'];
export type CollectorRuleInput = Schemas['CollectorRuleDto'];
export type Holder = Schemas['PortfolioHolderResponse'];
export type CustomerCollector = Schemas['CustomerCollectorResponse'];

export const portfolioKeys = {
  all: ['portfolios'] as const,
  rules: ['portfolios', 'rules'] as const,
  holders: ['portfolios', 'holders'] as const,
  customer: (externalId: string, entity: string) => ['portfolios', 'customer', externalId, entity] as const,
};

export const portfolioQueries = {
  rules: () => queryOptions({ queryKey: portfolioKeys.rules, queryFn: () => unwrap(api.GET('/api/v1/collector-rules')) }),
  /** Who may hold a portfolio (credit managers only: a collector gets an empty list and no choice to make). */
  holders: () => queryOptions({
    queryKey: portfolioKeys.holders,
    queryFn: async (): Promise<Holder[]> => {
      try {
        return await unwrap(api.GET('/api/v1/collectors'));
      } catch (err) {
        if (err instanceof ApiError && err.status === 403) return [];
        throw err;
      }
    },
  }),
  /** A person's customers, each with why it is theirs. */
  portfolio: (collector: string) => queryOptions({
    queryKey: [...portfolioKeys.all, 'of', collector] as const,
    queryFn: () => unwrap(api.GET('/api/v1/portfolio', { params: { query: { collector } } })),
  }),
  customer: (externalId: string, entity: string) => queryOptions({
    queryKey: portfolioKeys.customer(externalId, entity),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{externalId}/collector', { params: { path: { externalId }, query: { entity } } })),
    retry: false,
  }),
};

/** A change of rules or assignments moves customers (and their open tasks): every portfolio read is refreshed. */
function usePortfolioMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: portfolioKeys.all }) });
}

export const useCreateRule = () => usePortfolioMutation((body: CollectorRuleInput) => unwrap(api.POST('/api/v1/collector-rules', { body })));
export const useReplaceRule = () => usePortfolioMutation(({ id, body }: { id: string; body: CollectorRuleInput }) =>
  unwrap(api.PUT('/api/v1/collector-rules/{id}', { params: { path: { id } }, body })));
export const useDeleteRule = () => usePortfolioMutation((id: string) => unwrap(api.DELETE('/api/v1/collector-rules/{id}', { params: { path: { id } } })));

export const useAssignCustomer = (externalId: string, entity: string) => usePortfolioMutation((collectorUserId: string) =>
  unwrap(api.PUT('/api/v1/customers/{externalId}/collector', { params: { path: { externalId } }, body: { entity, collectorUserId } })));
export const useUnassignCustomer = (externalId: string, entity: string) => usePortfolioMutation(() =>
  unwrap(api.DELETE('/api/v1/customers/{externalId}/collector', { params: { path: { externalId }, query: { entity } } })));
