import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type GroupBy = NonNullable<Schemas['AgedBalanceResponse']['groupBy']>;

/** The dashboard's URL search: what it shows, so a view can be linked to. */
export const DASHBOARD_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const;
export const DASHBOARD_GROUPS = ['entity', 'segment', 'salesperson', 'customer'] as const satisfies readonly GroupBy[];
export interface DashboardSearch {
  currency: (typeof DASHBOARD_CURRENCIES)[number];
  groupBy: (typeof DASHBOARD_GROUPS)[number];
}

export const reportKeys = {
  all: ['reports'] as const,
  agedBalance: (currency: string, groupBy: GroupBy) => [...reportKeys.all, 'aged-balance', currency, groupBy] as const,
  kpis: (currency: string, from: string, to: string) => [...reportKeys.all, 'kpis', currency, from, to] as const,
  trend: (currency: string, months: number) => [...reportKeys.all, 'trend', currency, months] as const,
};

export const reportQueries = {
  /** Today's receivables (the API's today) by age bucket. */
  agedBalance: (currency: string, groupBy: GroupBy) => queryOptions({
    queryKey: reportKeys.agedBalance(currency, groupBy),
    queryFn: () => unwrap(api.GET('/api/v1/reports/aged-balance', { params: { query: { currency, groupBy } } })),
  }),
  kpis: (currency: string, from: string, to: string) => queryOptions({
    queryKey: reportKeys.kpis(currency, from, to),
    queryFn: () => unwrap(api.GET('/api/v1/reports/kpis', { params: { query: { currency, from, to } } })),
  }),
  trend: (currency: string, months = 12) => queryOptions({
    queryKey: reportKeys.trend(currency, months),
    queryFn: () => unwrap(api.GET('/api/v1/reports/kpis/trend', { params: { query: { currency, months } } })),
  }),
};

/** The KPI tiles' period: the 90 days ending on the aged balance's date (the API's today). */
export const KPI_PERIOD_DAYS = 90;

/** `YYYY-MM-DD` shifted by whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
