/** The console's URL map: every screen, its guard and the data it loads first. */
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { ApiError } from './api/client';
import { GroupsPage } from './admin/GroupsPage';
import { importListQuery } from './admin/imports';
import { ImportsPage } from './admin/ImportsPage';
import { ErpEventsPage } from './admin/ErpEventsPage';
import { erpEventQueries, WATCHED_STATUSES } from './admin/erp-events';
import { IntegrationsPage } from './admin/IntegrationsPage';
import { adminQueries } from './admin/queries';
import { UsersPage } from './admin/UsersPage';
import { AppLayout } from './app/AppLayout';
import { HomePage } from './app/HomePage';
import { RootLayout } from './app/RootLayout';
import { DisputePage } from './disputes/DisputePage';
import { DisputeRulesPage } from './disputes/DisputeRulesPage';
import { disputeRuleQueries } from './disputes/rules';
import { EntitySettingsPage } from './organization/EntitySettingsPage';
import { InboxPage } from './disputes/InboxPage';
import { disputeQueries } from './disputes/queries';
import { addDays, DASHBOARD_CURRENCIES, DASHBOARD_GROUPS, KPI_PERIOD_DAYS, reportQueries, type DashboardSearch } from './reports/queries';
import { LimitRequestsPage } from './credit/LimitRequestsPage';
import { NewLimitRequestPage } from './credit/NewLimitRequestPage';
import { OrderCheckPage } from './credit/OrderCheckPage';
import { PolicyPage } from './credit/PolicyPage';
import { creditQueries } from './credit/queries';
import { CustomerPage } from './customers/CustomerPage';
import { CustomersPage } from './customers/CustomersPage';
import { customerQueries, RISK_CLASSES, type CustomerListSearch } from './customers/queries';
import { InvoicePage } from './invoices/InvoicePage';
import { invoiceQueries } from './invoices/queries';
import { CreditNotePage } from './ledger/CreditNotePage';
import { InvoicesPage } from './ledger/InvoicesPage';
import { PaymentsPage } from './ledger/PaymentsPage';
import { COLLECTION_STAGES, INVOICE_SORTS, INVOICE_STATUSES, ledgerQueries, PAYMENT_SORTS, RISK_CLASSES as INVOICE_RISK_CLASSES, type InvoiceListSearch, type PaymentListSearch } from './ledger/queries';
import { WriteOffsPage } from './ledger/WriteOffsPage';
import { MagicLinkPage } from './session/MagicLinkPage';
import { scenarioQueries } from './scenarios/queries';
import { ScenarioPage } from './scenarios/ScenarioPage';
import { ScenariosPage } from './scenarios/ScenariosPage';
import { assignmentQueries } from './scenarios/assignments';
import { AssignmentsPage } from './scenarios/AssignmentsPage';
import { CalendarPage, type CalendarSearch } from './scenarios/CalendarPage';
import { CollectorRulesPage } from './portfolios/CollectorRulesPage';
import { portfolioQueries } from './portfolios/queries';
import { sessionQuery } from './session/queries';
import { SetPasswordPage } from './session/SetPasswordPage';
import { SignInPage } from './session/SignInPage';
import { CashPage } from './cash/CashPage';
import { cashQueries, LINE_STATUSES } from './cash/queries';
import { StatementsPage, type StatementsSearch } from './cash/StatementsPage';
import { PromisesPage } from './promises/PromisesPage';
import { addDays as addPromiseDays, localToday, PROMISE_STATUSES, promiseQueries, STATS_DAYS, type PromiseSearch } from './promises/queries';
import { worklistQueries } from './workspace/queries';
import { WorklistPage } from './workspace/WorklistPage';

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
const flag = (value: unknown) => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined);
const invoicesRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'invoices', component: InvoicesPage,
  validateSearch: (search: Record<string, unknown>): InvoiceListSearch => ({
    q: text(search.q), customer: text(search.customer), entity: text(search.entity), cursor: text(search.cursor),
    dueFrom: text(search.dueFrom), dueTo: text(search.dueTo), currency: text(search.currency),
    amountMin: text(search.amountMin), amountMax: text(search.amountMax),
    status: INVOICE_STATUSES.find((s) => s === search.status), collectionStage: COLLECTION_STAGES.find((s) => s === search.collectionStage),
    riskClass: INVOICE_RISK_CLASSES.find((c) => c === search.riskClass), sort: INVOICE_SORTS.find((s) => s === search.sort),
    overdue: flag(search.overdue), disputed: flag(search.disputed),
  }),
});
const paymentsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'payments', component: PaymentsPage,
  validateSearch: (search: Record<string, unknown>): PaymentListSearch => ({
    q: text(search.q), customer: text(search.customer), entity: text(search.entity), cursor: text(search.cursor), currency: text(search.currency),
    receivedFrom: text(search.receivedFrom), receivedTo: text(search.receivedTo), amountMin: text(search.amountMin), amountMax: text(search.amountMax),
    unapplied: flag(search.unapplied), sort: PAYMENT_SORTS.find((s) => s === search.sort),
  }),
});
const writeOffsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'write-offs', component: WriteOffsPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(ledgerQueries.pendingWriteOffs()),
});
const creditNoteRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'credit-notes/$creditNoteId', component: CreditNotePage,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(ledgerQueries.creditNote(params.creditNoteId)),
});
const invoiceRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'invoices/$invoiceId', component: InvoicePage,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(invoiceQueries.detail(params.invoiceId)),
});
const limitRequestsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'credit/requests', component: LimitRequestsPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(creditQueries.pending()),
});
const newLimitRequestRoute = createRoute({ getParentRoute: () => signedInRoute, path: 'credit/requests/new', component: NewLimitRequestPage });
const orderCheckRoute = createRoute({ getParentRoute: () => signedInRoute, path: 'credit/order-check', component: OrderCheckPage });
const creditPolicyRoute = createRoute({ getParentRoute: () => signedInRoute, path: 'credit/policy', component: PolicyPage });
const entitySettingsRoute = createRoute({ getParentRoute: () => signedInRoute, path: 'settings/entity', component: EntitySettingsPage });
const disputeRulesRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'settings/dispute-rules', component: DisputeRulesPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(disputeRuleQueries.list()),
});
const scenariosRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'scenarios', component: ScenariosPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(scenarioQueries.list()),
});
const scenarioRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'scenarios/$scenarioId', component: ScenarioPage,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(scenarioQueries.detail(params.scenarioId)),
});
const assignmentsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'scenarios/assignments', component: AssignmentsPage,
  loader: ({ context }) => Promise.all([context.queryClient.ensureQueryData(assignmentQueries.list()), context.queryClient.ensureQueryData(scenarioQueries.list())]),
});
/** A short text parameter (the API checks it further and answers on the field). */
const shortText = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : undefined);
const isoDate = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
const calendarRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'calendar', component: CalendarPage,
  validateSearch: (search: Record<string, unknown>): CalendarSearch => ({
    from: isoDate(search.from), to: isoDate(search.to), entity: shortText(search.entity), collector: shortText(search.collector),
  }),
});
const collectorRulesRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'settings/collector-rules', component: CollectorRulesPage,
  loader: ({ context }) => Promise.all([context.queryClient.ensureQueryData(portfolioQueries.rules()), context.queryClient.ensureQueryData(portfolioQueries.holders())]),
});
const erpEventsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'admin/erp-events', component: ErpEventsPage,
  loader: ({ context }) => Promise.all(WATCHED_STATUSES.map((status) => context.queryClient.ensureQueryData(erpEventQueries.byStatus(status)))),
});
const usersRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'admin/users', component: UsersPage,
  loader: ({ context }) => Promise.all([context.queryClient.ensureQueryData(adminQueries.users()), context.queryClient.ensureQueryData(adminQueries.groups())]),
});
const groupsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'admin/groups', component: GroupsPage,
  loader: ({ context }) => Promise.all([context.queryClient.ensureQueryData(adminQueries.groups()), context.queryClient.ensureQueryData(adminQueries.users())]),
});
const integrationsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'admin/integrations', component: IntegrationsPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(adminQueries.integrations()),
});
const importsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'admin/imports', component: ImportsPage,
  // The opened import (its progress and refused rows), so a link can point at it.
  validateSearch: (search: Record<string, unknown>): { import?: string } => ({ import: text(search.import) }),
  loader: ({ context }) => context.queryClient.ensureInfiniteQueryData(importListQuery()),
});
const inboxRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'disputes', component: InboxPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(disputeQueries.inbox()),
});
const disputeRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'disputes/$disputeId', component: DisputePage,
  loader: ({ context, params }) => context.queryClient.ensureQueryData(disputeQueries.detail(params.disputeId)),
});
const worklistRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'worklist', component: WorklistPage,
  loader: ({ context }) => context.queryClient.ensureQueryData(worklistQueries.mine()),
});
const cashRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'cash', component: CashPage,
  loader: ({ context }) => Promise.all([context.queryClient.ensureQueryData(cashQueries.queue()), context.queryClient.ensureQueryData(cashQueries.unapplied())]),
});
const cashStatementsRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'cash/statements', component: StatementsPage,
  // The opened statement and its status filter, so a link can point at them.
  validateSearch: (search: Record<string, unknown>): StatementsSearch => ({
    statement: text(search.statement), status: LINE_STATUSES.find((s) => s === search.status),
  }),
  loader: ({ context }) => context.queryClient.ensureInfiniteQueryData(cashQueries.statements()),
});
const promisesRoute = createRoute({
  getParentRoute: () => signedInRoute, path: 'promises', component: PromisesPage,
  validateSearch: (search: Record<string, unknown>): PromiseSearch => ({ status: PROMISE_STATUSES.find((s) => s === search.status) }),
  loaderDeps: ({ search }) => search,
  loader: ({ context: { queryClient }, deps }) => {
    const today = localToday();
    return Promise.all([
      queryClient.ensureQueryData(promiseQueries.list(deps)), queryClient.ensureQueryData(promiseQueries.dueOn(today)),
      queryClient.ensureQueryData(promiseQueries.stats(addPromiseDays(today, 1 - STATS_DAYS), today)),
    ]);
  },
});

// The customer portal: its own layout and session (never the console's), loaded on demand.
const portalOpenRoute = createRoute({
  getParentRoute: () => rootRoute, path: 'portal/open', component: lazyRouteComponent(() => import('./portal/OpenPage'), 'OpenPage'), validateSearch: tokenOf,
});
const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: 'portal', component: lazyRouteComponent(() => import('./portal/PortalLayout'), 'PortalLayout') });
const portalHomeRoute = createRoute({ getParentRoute: () => portalRoute, path: '/', component: lazyRouteComponent(() => import('./portal/HomePage'), 'HomePage') });
const portalInvoiceRoute = createRoute({
  getParentRoute: () => portalRoute, path: 'invoices/$invoiceId', component: lazyRouteComponent(() => import('./portal/InvoicePage'), 'InvoicePage'),
});

const routeTree = rootRoute.addChildren([
  portalOpenRoute, portalRoute.addChildren([portalHomeRoute, portalInvoiceRoute]),
  signInRoute, magicLinkRoute, setPasswordRoute,
  // One screen a line: helpers add theirs without touching the others.
  signedInRoute.addChildren([
    homeRoute,
    dashboardRoute,
    customersRoute,
    customerRoute,
    invoiceRoute,
    invoicesRoute,
    paymentsRoute,
    writeOffsRoute,
    creditNoteRoute,
    limitRequestsRoute,
    newLimitRequestRoute,
    orderCheckRoute,
    creditPolicyRoute,
    scenariosRoute,
    scenarioRoute,
    assignmentsRoute,
    calendarRoute,
    collectorRulesRoute,
    erpEventsRoute,
    usersRoute,
    groupsRoute,
    integrationsRoute,
    importsRoute,
    entitySettingsRoute,
    disputeRulesRoute,
    inboxRoute,
    disputeRoute,
    worklistRoute,
    promisesRoute,
    cashRoute,
    cashStatementsRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', defaultPreloadStaleTime: 0 });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
