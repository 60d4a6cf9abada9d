import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type DisputeRule = Schemas['DisputeRuleResponse'];
export type DisputeRuleInput = Schemas['DisputeRuleDto'];
export const REASON_CODES = [
  'price', 'quantity', 'damaged_goods', 'delivery', 'wrong_po_number', 'wrong_addressee', 'invoice_not_received', 'duplicate', 'deduction', 'other',
] as const satisfies readonly NonNullable<DisputeRule['reasonCode']>[];

const ruleKeys = { all: ['dispute-rules'] as const };

export const disputeRuleQueries = {
  list: () => queryOptions({ queryKey: ruleKeys.all, queryFn: () => unwrap(api.GET('/api/v1/dispute-rules')) }),
};

function useRuleMutation<A>(fn: (args: A) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ruleKeys.all }) });
}

export const useCreateRule = () => useRuleMutation((body: DisputeRuleInput) => unwrap(api.POST('/api/v1/dispute-rules', { body })));
export const useReplaceRule = () => useRuleMutation(({ id, body }: { id: string; body: DisputeRuleInput }) =>
  unwrap(api.PUT('/api/v1/dispute-rules/{id}', { params: { path: { id } }, body })));
export const useDeleteRule = () => useRuleMutation((id: string) => unwrap(api.DELETE('/api/v1/dispute-rules/{id}', { params: { path: { id } } })));
