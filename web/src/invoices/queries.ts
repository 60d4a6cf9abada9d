import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { customerKeys } from '../customers/queries';

export type Invoice = Schemas['InvoiceResponse'];

export const invoiceKeys = {
  all: ['invoices'] as const,
  detail: (id: string) => [...invoiceKeys.all, 'detail', id] as const,
  messages: (id: string) => [...invoiceKeys.all, 'messages', id] as const,
};

export const invoiceQueries = {
  detail: (id: string) => queryOptions({
    queryKey: invoiceKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })),
  }),
  /** Every message about the invoice (customer mail, letters, texts), newest first, with its delivery status. */
  messages: (id: string) => queryOptions({
    queryKey: invoiceKeys.messages(id),
    queryFn: () => unwrap(api.GET('/api/v1/messages', { params: { query: { invoiceId: id, audience: 'customer' } } })),
  }),
};

/** Pausing or resuming changes the invoice (next action, timeline) and its customer's account. */
export function usePauseInvoice(id: string) {
  const queryClient = useQueryClient();
  const settled = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: customerKeys.all }),
    ]);
  };
  const pause = useMutation({
    mutationFn: (body: Schemas['PauseDunningDto']) => unwrap(api.POST('/api/v1/invoices/{id}/pause', { params: { path: { id } }, body })),
    onSuccess: settled,
  });
  const resume = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/invoices/{id}/resume', { params: { path: { id } } })),
    onSuccess: settled,
  });
  return { pause, resume };
}
