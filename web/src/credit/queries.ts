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

/** A salesperson's opinion on a request for one of their customers (the policy may wait for it). */
export function useSalesOpinion(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['SalesOpinionDto']) =>
      unwrap(api.POST('/api/v1/credit-limit-requests/{id}/sales-opinion', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: creditKeys.all }),
  });
}

export type OrderCheck = Schemas['OrderCheckResponse'];
export type OrderDecision = OrderCheck['decision'];

export type CreditPolicy = Schemas['CreditPolicyResponse'];
/** What the policy form edits and sends: the policy without where it comes from. */
export type CreditPolicyForm = Omit<CreditPolicy, 'entity' | 'source'>;
type ApproverRole = CreditPolicy['approval']['escalationRole'];
export const APPROVER_ROLES: readonly ApproverRole[] = ['credit_manager', 'finance_manager', 'finance_director', 'cfo'];

export const policyKeys = { all: ['credit-policy'] as const, of: (entity: string) => [...policyKeys.all, entity] as const };

export const policyQueries = {
  /** The policy in force for an entity ('' = the default policy) and where it comes from. */
  of: (entity: string) => queryOptions({
    queryKey: policyKeys.of(entity),
    queryFn: () => unwrap(api.GET('/api/v1/credit-policy', { params: { query: entity ? { entity } : {} } })),
  }),
};

export function useSavePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    // The form edits what the API answered, which is the shape it takes back (CreditPolicyDto).
    mutationFn: (policy: CreditPolicyForm & { entity?: string }) => unwrap(api.PUT('/api/v1/credit-policy', { body: policy })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: policyKeys.all }),
  });
}

export function useOrderCheck() {
  return useMutation({
    mutationFn: ({ externalId, entity, body }: { externalId: string; entity?: string; body: Schemas['MoneyDto'] }) =>
      unwrap(api.POST('/api/v1/customers/{externalId}/order-check', { params: { path: { externalId }, query: entity ? { entity } : {} }, body })),
  });
}

export function useRequestLimit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateCreditLimitRequestDto']) => unwrap(api.POST('/api/v1/credit-limit-requests', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: creditKeys.all }),
  });
}
