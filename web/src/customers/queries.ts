import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

/** The list's view, kept in the URL (`/customers?q=…&riskClass=D&overdue=true`). */
export interface CustomerListSearch {
  q?: string;
  segment?: string;
  riskClass?: 'A' | 'B' | 'C' | 'D' | 'E';
  overdue?: boolean;
  cursor?: string;
}
export const RISK_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;
export const CUSTOMER_PAGE_SIZE = 50;

export type CustomerAccount = Schemas['CustomerAccountResponse'];
export type CustomerRisk = Schemas['CustomerRiskResponse'];

export const customerKeys = {
  all: ['customers'] as const,
  list: (search: CustomerListSearch) => [...customerKeys.all, 'list', search] as const,
  account: (externalId: string, entity?: string) => [...customerKeys.all, 'account', externalId, entity ?? null] as const,
  risk: (externalId: string, entity?: string) => [...customerKeys.all, 'risk', externalId, entity ?? null] as const,
};

const listQuery = (search: CustomerListSearch) => ({ ...search, limit: CUSTOMER_PAGE_SIZE });

export const customerQueries = {
  list: (search: CustomerListSearch) => queryOptions({
    queryKey: customerKeys.list(search),
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/customers', { params: { query: listQuery(search) } }));
      // The route answers CSV too, but only when asked for it (Accept: text/csv).
      if (typeof page === 'string') throw new Error('the customer list answered CSV to a JSON request');
      return page;
    },
    placeholderData: keepPreviousData,
  }),
  account: (externalId: string, entity?: string) => queryOptions({
    queryKey: customerKeys.account(externalId, entity),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{externalId}', { params: { path: { externalId }, query: { entity } } })),
  }),
  risk: (externalId: string, entity?: string) => queryOptions({
    queryKey: customerKeys.risk(externalId, entity),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{externalId}/risk', { params: { path: { externalId }, query: { entity } } })),
  }),
};

/** Every customer matching the list's filters as CSV (the API streams it; paging is ignored). */
export async function exportCustomersCsv(search: CustomerListSearch): Promise<Blob> {
  const { cursor: _cursor, ...filters } = search;
  return unwrap(api.GET('/api/v1/customers', { params: { query: filters }, headers: { Accept: 'text/csv' }, parseAs: 'blob' })) as Promise<Blob>;
}

/** The statement PDF: a plain link the browser downloads with the session cookie. */
export function statementUrl(externalId: string, entity: string): string {
  return `/api/v1/customers/${encodeURIComponent(externalId)}/statement?entity=${encodeURIComponent(entity)}`;
}
