import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../../client/schema';
import { unwrap, type Schemas } from '../api/client';

/**
 * The portal's own client: the portal session cookie goes by itself, and writes echo the CSRF token the
 * session answered with (the portal has no readable CSRF cookie). Nothing of the console's session is sent.
 */
let csrfToken: string | null = null;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && UNSAFE.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};
export const portalApi = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
portalApi.use(csrf);

export type PortalSession = Schemas['PortalSessionResponse'];
export type PortalAccount = Schemas['PortalAccountResponse'];
export type PortalInvoice = Schemas['PortalInvoiceResponse'];

export const portalKeys = {
  all: ['portal'] as const,
  session: () => [...portalKeys.all, 'session'] as const,
  account: () => [...portalKeys.all, 'account'] as const,
  invoice: (id: string) => [...portalKeys.all, 'invoice', id] as const,
};

const remember = (session: PortalSession) => {
  csrfToken = session.csrfToken;
  return session;
};

export const portalQueries = {
  session: () => queryOptions({
    queryKey: portalKeys.session(), retry: false, staleTime: Infinity,
    queryFn: async () => remember(await unwrap(portalApi.GET('/api/v1/portal/session'))),
  }),
  account: () => queryOptions({ queryKey: portalKeys.account(), queryFn: () => unwrap(portalApi.GET('/api/v1/portal/account')) }),
  invoice: (id: string) => queryOptions({
    queryKey: portalKeys.invoice(id), retry: false,
    queryFn: () => unwrap(portalApi.GET('/api/v1/portal/invoices/{id}', { params: { path: { id } } })),
  }),
};

/** The landing page's one action: the emailed token for a session (the link alone opens nothing). */
export function useOpenPortal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(portalApi.POST('/api/v1/portal/session', { body: { token } })),
    onSuccess: (session) => {
      queryClient.removeQueries({ queryKey: portalKeys.all });
      queryClient.setQueryData(portalKeys.session(), remember(session));
    },
  });
}

export function useLeavePortal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(portalApi.DELETE('/api/v1/portal/session')),
    onSuccess: () => {
      csrfToken = null;
      queryClient.removeQueries({ queryKey: portalKeys.all });
    },
  });
}

/** A random Idempotency-Key (getRandomValues: also outside a secure context, unlike randomUUID). */
function newSubmissionKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Every action changes the account (disputed marks, promises) and the invoice. Each form submission
 * carries one Idempotency-Key, the same for a double click or a retry, and a new one once it succeeded:
 * the API answers a key it has seen with what it made the first time, so nothing is made twice.
 */
function useAction<T>(call: (input: T, idempotencyKey: string) => Promise<Schemas['PortalActionResponse']>) {
  const queryClient = useQueryClient();
  const key = useRef(newSubmissionKey());
  return useMutation({
    mutationFn: (input: T) => call(input, key.current),
    onSuccess: () => {
      key.current = newSubmissionKey();
      return queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'portal' && q.queryKey[1] !== 'session' });
    },
  });
}

export interface DisputeInput {
  invoiceId: string;
  reasonCode: string;
  comment: string;
  amount?: string;
  attachment: File | null;
}

export function useDispute() {
  return useAction((input: DisputeInput, idempotencyKey: string) => {
    const form = new FormData();
    form.set('reasonCode', input.reasonCode);
    form.set('comment', input.comment);
    if (input.amount) form.set('amount', input.amount);
    if (input.attachment) form.set('attachment', input.attachment, input.attachment.name);
    return unwrap(portalApi.POST('/api/v1/portal/invoices/{id}/disputes', {
      params: { path: { id: input.invoiceId }, header: { 'Idempotency-Key': idempotencyKey } },
      // Multipart: the browser sets the boundary.
      body: form as unknown as Schemas['PortalDisputeDto'], bodySerializer: (body) => body as unknown as FormData,
    }));
  });
}

export function usePromise() {
  return useAction((body: Schemas['PortalPromiseDto'], idempotencyKey: string) =>
    unwrap(portalApi.POST('/api/v1/portal/promises', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })));
}

export function usePaymentPlan() {
  return useAction((body: Schemas['PortalPaymentPlanDto'], idempotencyKey: string) =>
    unwrap(portalApi.POST('/api/v1/portal/payment-plans', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })));
}

export function usePay() {
  return useMutation({
    mutationFn: (invoiceId: string) => unwrap(portalApi.POST('/api/v1/portal/invoices/{id}/pay', { params: { path: { id: invoiceId } } })),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

/** Reasons a customer may give (the API refuses `deduction`, which is the ERP's). */
export const PORTAL_REASONS = [
  'price', 'quantity', 'damaged_goods', 'delivery', 'wrong_po_number', 'wrong_addressee', 'invoice_not_received', 'duplicate', 'other',
] as const;
