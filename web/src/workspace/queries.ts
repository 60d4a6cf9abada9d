import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { customerKeys } from '../customers/queries';
import { invoiceKeys } from '../invoices/queries';

export type Worklist = Schemas['WorklistResponse'];
export type WorklistCustomer = Worklist['customers'][number];
export type WorklistTask = Worklist['tasks'][number];

export const worklistKeys = {
  all: ['worklist'] as const,
  mine: () => [...worklistKeys.all, 'me'] as const,
};

export const worklistQueries = {
  /** The signed-in collector's ranked customers and tasks (a credit manager without a portfolio: every customer). */
  mine: () => queryOptions({
    queryKey: worklistKeys.mine(),
    queryFn: () => unwrap(api.GET('/api/v1/worklist', { params: { query: { collector: 'me' } } })),
  }),
};

/** What a collector does from the worklist changes the worklist, the customer's account and its invoices (pauses, timeline). */
function useWorkspaceMutation<TBody>(call: (body: TBody) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Not awaited: the caller's own onSuccess (its confirmation) must run before the refetch can unmount the caller.
    onSuccess: () => {
      void Promise.all([worklistKeys.all, customerKeys.all, invoiceKeys.all, ['promises']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export const useLogCall = (externalId: string) => useWorkspaceMutation((body: Schemas['LogCallDto']) =>
  unwrap(api.POST('/api/v1/customers/{externalId}/calls', { params: { path: { externalId } }, body })));

export const useAddNote = (externalId: string) => useWorkspaceMutation((body: Schemas['CustomerNoteDto']) =>
  unwrap(api.POST('/api/v1/customers/{externalId}/notes', { params: { path: { externalId } }, body })));

export const useRecordPromise = () => useWorkspaceMutation((body: Schemas['CreatePromiseDto']) =>
  unwrap(api.POST('/api/v1/promises', { body })));

export const usePauseCustomer = (externalId: string) => useWorkspaceMutation((body: Schemas['PauseCustomerDunningDto']) =>
  unwrap(api.POST('/api/v1/customers/{externalId}/pause', { params: { path: { externalId } }, body })));

export const useOpenDispute = () => useWorkspaceMutation((body: Schemas['OpenDisputeDto']) =>
  unwrap(api.POST('/api/v1/disputes', { body })));

export const useAssignTask = (id: string) => useWorkspaceMutation((body: Schemas['AssignTaskDto']) =>
  unwrap(api.POST('/api/v1/tasks/{id}/assignment', { params: { path: { id } }, body })));

export const useSnoozeTask = (id: string) => useWorkspaceMutation((body: Schemas['SnoozeTaskDto']) =>
  unwrap(api.POST('/api/v1/tasks/{id}/snooze', { params: { path: { id } }, body })));

export const useCompleteTask = (id: string) => useWorkspaceMutation((body: Schemas['CompleteTaskDto']) =>
  unwrap(api.POST('/api/v1/tasks/{id}/completion', { params: { path: { id } }, body })));

export type CallOutcome = Schemas['LogCallDto']['outcome'];
export const CALL_OUTCOMES = ['reached', 'no_answer', 'left_message', 'wrong_number', 'promise', 'dispute_raised', 'refused_to_pay', 'call_back_on'] as const satisfies readonly CallOutcome[];

export type TaskOutcome = Schemas['CompleteTaskDto']['outcome'];
/** The outcomes each kind of task accepts (the API's task rules; docs/collector-workspace.md). */
export const TASK_OUTCOMES: Record<string, readonly TaskOutcome[]> = {
  call: CALL_OUTCOMES.filter((o) => o !== 'promise'),
  checkpoint: ['approved', 'rejected'],
  litigation_handover: ['handed_over', 'not_needed'],
  credit_alert: ['reviewed', 'limit_changed', 'not_needed'],
  class_degraded: ['reviewed', 'not_needed'],
  contact_missing: ['contact_updated', 'not_needed'],
};

export type DisputeReason = Schemas['OpenDisputeDto']['reasonCode'];
export const DISPUTE_REASONS = ['price', 'quantity', 'damaged_goods', 'delivery', 'wrong_po_number', 'wrong_addressee', 'invoice_not_received', 'duplicate', 'deduction', 'other'] as const satisfies readonly DisputeReason[];

export type PromiseChannel = Schemas['CreatePromiseDto']['channel'];
export const PROMISE_CHANNELS = ['phone', 'email', 'letter', 'meeting', 'other'] as const satisfies readonly PromiseChannel[];
