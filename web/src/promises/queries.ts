import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import type { paths } from '../../../client/schema';

export type PromiseView = Schemas['PromiseResponse'];
export type PaymentPlan = Schemas['PaymentPlanResponse'];
export const PROMISE_STATUSES = ['open', 'kept', 'broken'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** The list's view, kept in the URL (`/promises?status=broken`). */
export interface PromiseSearch {
  status?: PromiseStatus;
}

/** The stats' period: the last 30 days ending today. */
export const STATS_DAYS = 30;

export const promiseKeys = {
  all: ['promises'] as const,
  list: (search: PromiseSearch) => [...promiseKeys.all, 'list', search] as const,
  dueOn: (day: string) => [...promiseKeys.all, 'due', day] as const,
  stats: (from: string, to: string) => [...promiseKeys.all, 'stats', from, to] as const,
  pendingPlans: () => [...promiseKeys.all, 'plans', 'pending'] as const,
};

export const planQueries = {
  /** Plans waiting for a credit manager's decision, oldest first. */
  pending: () => queryOptions({
    queryKey: promiseKeys.pendingPlans(),
    queryFn: () => unwrap(api.GET('/api/v1/payment-plans', { params: { query: { status: 'pending_approval' } } })),
  }),
};

type ListQuery = NonNullable<paths['/api/v1/promises']['get']['parameters']['query']>;

async function page(query: ListQuery) {
  const result = await unwrap(api.GET('/api/v1/promises', { params: { query: { ...query, limit: 100 } } }));
  // The route answers CSV too, but only when asked for it (Accept: text/csv).
  if (typeof result === 'string') throw new Error('the promise list answered CSV to a JSON request');
  return result;
}

export const promiseQueries = {
  list: (search: PromiseSearch) => queryOptions({
    queryKey: promiseKeys.list(search),
    queryFn: () => page({ status: search.status, sort: 'promisedFor' }),
    placeholderData: keepPreviousData,
  }),
  /** Open promises falling due on a day (today: the customer said they pay today). */
  dueOn: (day: string) => queryOptions({
    queryKey: promiseKeys.dueOn(day),
    queryFn: () => page({ status: 'open', promisedFrom: day, promisedTo: day, sort: 'amount' }),
  }),
  stats: (from: string, to: string) => queryOptions({
    queryKey: promiseKeys.stats(from, to),
    queryFn: () => unwrap(api.GET('/api/v1/promises/stats', { params: { query: { from, to } } })),
  }),
};

export { addDays, localToday } from '../ui/dates';
