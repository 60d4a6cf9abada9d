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
  cashForecast: (currency: string) => [...reportKeys.all, 'cash-forecast', currency] as const,
};

/** The cash forecast's horizon on the dashboard. */
export const FORECAST_WEEKS = 8;

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
  /** Expected receipts per week from the payment predictions. */
  cashForecast: (currency: string) => queryOptions({
    queryKey: reportKeys.cashForecast(currency),
    queryFn: () => unwrap(api.GET('/api/v1/cash-forecast', { params: { query: { currency, weeks: FORECAST_WEEKS } } })),
  }),
  trend: (currency: string, months = 12) => queryOptions({
    queryKey: reportKeys.trend(currency, months),
    queryFn: () => unwrap(api.GET('/api/v1/reports/kpis/trend', { params: { query: { currency, months } } })),
  }),
};

/** The KPI tiles' period: the 90 days ending on the aged balance's date (the API's today). */
export const KPI_PERIOD_DAYS = 90;

export { addDays } from '../ui/dates';
