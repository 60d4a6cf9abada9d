/** The console's URL map: every screen, its guard and the data it loads first. */
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { ApiError } from './api/client';
import { AppLayout } from './app/AppLayout';
import { HomePage } from './app/HomePage';
import { RootLayout } from './app/RootLayout';
import { DisputePage } from './disputes/DisputePage';
import { InboxPage } from './disputes/InboxPage';
import { disputeQueries } from './disputes/queries';
import { addDays, DASHBOARD_CURRENCIES, DASHBOARD_GROUPS, KPI_PERIOD_DAYS, reportQueries, type DashboardSearch } from './reports/queries';
import { LimitRequestsPage } from './credit/LimitRequestsPage';
import { creditQueries } from './credit/queries';
import { CustomerPage } from './customers/CustomerPage';
import { CustomersPage } from './customers/CustomersPage';
import { customerQueries, RISK_CLASSES, type CustomerListSearch } from './customers/queries';
import { InvoicePage } from './invoices/InvoicePage';
import { invoiceQueries } from './invoices/queries';
import { MagicLinkPage } from './session/MagicLinkPage';
import { sessionQuery } from './session/queries';
import { SetPasswordPage } from './session/SetPasswordPage';
import { SignInPage } from './session/SignInPage';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: RootLayout });

/** Only same-site paths: a crafted ?redirect= cannot send someone elsewhere after sign-in. */
const localPath = (value: unknown) => (typeof value === 'string' && /^\/(?!\/)/.test(value) ? value : undefined);
const tokenOf = (search: Record<string, unknown>): { token?: string } => ({ token: typeof search.token === 'string' && search.token ? search.token : undefined });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute, path: 'sign-in', component: SignInPage,
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({ redirect: localPath(search.redirect) }),
});
const magicLinkRoute = createRoute({ getParentRoute: () => rootRoute, path: 'sign-in/link', component: MagicLinkPage, validateSearch: tokenOf });
const setPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: 'set-password', component: SetPasswordPage, validateSearch: tokenOf });

/** Every screen below needs a session: without one, the sign-in page, then back here. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute, id: '_signedIn', component: AppLayout,
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(sessionQuery);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
      throw err;
    }
  },
});
const homeRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/', component: HomePage });
const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T => (values.includes(value as T) ? (value as T) : fallback);
const dashboardRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'dashboard',
  // Charts (ECharts) load with the screens that draw them.
  component: lazyRouteComponent(() => import('./reports/DashboardPage'), 'DashboardPage'),
  validateSearch: (search: Record<string, unknown>): DashboardSearch => ({
    currency: oneOf(DASHBOARD_CURRENCIES, search.currency, 'EUR'), groupBy: oneOf(DASHBOARD_GROUPS, search.groupBy, 'entity'),
  }),
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, deps: { currency, groupBy } }) => {
    const [aged] = await Promise.all([
      queryClient.ensureQueryData(reportQueries.agedBalance(currency, groupBy)), queryClient.ensureQueryData(reportQueries.trend(currency)),
    ]);
    await queryClient.ensureQueryData(reportQueries.kpis(currency, addDays(aged.asOf, 1 - KPI_PERIOD_DAYS), aged.asOf));
  },
});
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
const customersRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'customers', component: CustomersPage,
  validateSearch: (search: Record<string, unknown>): CustomerListSearch => ({
    q: text(search.q), segment: text(search.segment), cursor: text(search.cursor),
    riskClass: RISK_CLASSES.find((c) => c === search.riskClass),
    overdue: search.overdue === true || search.overdue === 'true' ? true : undefined,
  }),
});
const customerRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'customers/$externalId', component: CustomerPage,
  validateSearch: (search: Record<string, unknown>): { entity?: string } => ({ entity: text(search.entity) }),
  loaderDeps: ({ search }) => ({ entity: search.entity }),
  loader: ({ context, params, deps }) => context.queryClient.ensureQueryData(customerQueries.account(params.externalId, deps.entity)),
});
const invoiceRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'invoices/$invoiceId', component: InvoicePage,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(invoiceQueries.detail(params.invoiceId)),
});
const limitRequestsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'credit/requests', component: LimitRequestsPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(creditQueries.pending()),
});
const inboxRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'disputes', component: InboxPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(disputeQueries.inbox()),
});
const disputeRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'disputes/$disputeId', component: DisputePage,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(disputeQueries.detail(params.disputeId)),
});

const routeTree = rootRoute.addChildren([
  signInRoute, magicLinkRoute, setPasswordRoute, signedInRoute.addChildren([homeRoute, dashboardRoute, customersRoute, customerRoute, invoiceRoute, limitRequestsRoute, inboxRoute, disputeRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', defaultPreloadStaleTime: 0 });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
