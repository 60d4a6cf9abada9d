import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Controller, Get, Post } from '@nestjs/common';
import { Public, Roles } from '../../src/auth/auth.tokens.js';
import { ROLES } from '../../src/auth/principal.js';
import { startPlatform, type Platform } from '../support/platform.js';
import { mountedControllers, routesOf, undeclaredRoutes, type RouteAccess } from '../support/route-access.js';

// Controllers that exist only to show the check catches each way of forgetting.
@Controller('fixture')
class ForgetfulController {
  @Get('open') open() { return null; }
  @Post('empty') @Roles() empty() { return null; }
  @Get('declared') @Roles('collector') declared() { return null; }
  @Get('public') @Public() publicRoute() { return null; }
}

@Controller('fixture-class')
@Roles('admin')
class ClassLevelController {
  @Get() list() { return null; }
  @Get('override') @Roles('erp') narrowed() { return null; }
}

describe('deny by default: every route declares its roles or is public', () => {
  let platform: Platform;
  let routes: RouteAccess[];
  beforeAll(async () => {
    platform = await startPlatform({ worker: false });
    routes = routesOf(mountedControllers(platform.app));
  });
  afterAll(async () => {
    await platform?.close();
  });

  test('the real application mounts no route without @Roles(...) or @Public()', () => {
    // Sanity: the walk sees the application's routes (not an empty list that passes trivially).
    expect(routes.length).toBeGreaterThan(60);
    expect(routes).toEqual(expect.arrayContaining([
      expect.objectContaining({ method: 'GET', path: '/api/v1/messages/:id/document', public: false }),
      expect.objectContaining({ method: 'GET', path: '/decisions/:token', public: true }),
      expect.objectContaining({ method: 'GET', path: '/health', public: true }),
    ]));
    expect(undeclaredRoutes(routes).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`)).toEqual([]);
  });

  // Provider webhooks are public to the network but authenticated by the provider's signature
  // (or, for inbound email, a signed reply-to address) before anything is read or written.
  const PROVIDER_WEBHOOKS = [
    'POST /api/v1/webhooks/sendgrid/events', 'POST /api/v1/webhooks/sendgrid/inbound', 'POST /api/v1/webhooks/twilio/status',
  ];

  // /metrics passes the auth guard but has its own (MetricsAccessGuard): RELANCE_METRICS_TOKEN or the operator key,
  // open only with RELANCE_METRICS_PUBLIC=true (test/e2e/metrics.e2e.test.ts, test/unit/metrics-access.test.ts).
  test('only health, metrics (own guard), the signed decision links, console sign-in and the signed provider webhooks are public', () => {
    expect(routes.filter((r) => r.public).map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /decisions/:token', 'GET /health', 'GET /metrics', 'POST /api/v1/portal/session', 'POST /api/v1/session', 'POST /api/v1/session/link', 'POST /api/v1/session/link/redeem',
      'POST /api/v1/session/password', ...PROVIDER_WEBHOOKS, 'POST /decisions/:token',
    ]);
  });

  test('every public route but the health probe, the metrics scrape and the signed provider webhooks (whose bursts a per-address limit would drop) is rate-limited', () => {
    expect(routes.filter((r) => r.public && !r.rateLimited).map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /health', 'GET /metrics', ...PROVIDER_WEBHOOKS]);
  });

  test('cash application routes declare the roles of docs/cash.md (cash managers; credit managers; the ERP imports; collectors read and allocate unapplied cash)', () => {
    const cash = routes.filter((r) => /^\/api\/v1\/(bank-statements|bank-lines|cash-application)/.test(r.path))
      .map((r) => `${r.method} ${r.path} ${[...(r.roles ?? [])].sort().join(',')}`).sort();
    expect(cash).toEqual([
      'GET /api/v1/bank-lines cash_manager,credit_manager,erp',
      'GET /api/v1/bank-lines/:id cash_manager,collector,credit_manager',
      'GET /api/v1/bank-statements cash_manager,credit_manager,erp',
      'GET /api/v1/bank-statements/:id/lines cash_manager,credit_manager,erp',
      'GET /api/v1/cash-application/queue cash_manager,collector,credit_manager',
      'GET /api/v1/cash-application/unapplied cash_manager,collector,credit_manager',
      'POST /api/v1/bank-lines/:id/ignore cash_manager,credit_manager',
      'POST /api/v1/bank-lines/:id/match cash_manager,credit_manager',
      'POST /api/v1/bank-lines/:id/unmatch cash_manager,credit_manager',
      'POST /api/v1/bank-statements cash_manager,credit_manager,erp',
      'POST /api/v1/cash-application/unapplied/:id/allocate cash_manager,collector,credit_manager',
    ]);
  });

  test('customer portal routes take a portal session only: all under /api/v1/portal, none with staff roles, none public but the link exchange', () => {
    const portal = routes.filter((r) => r.portal);
    expect(portal.length).toBeGreaterThanOrEqual(10);
    expect(portal.filter((r) => !r.path.startsWith('/api/v1/portal/') || r.public || r.roles)).toEqual([]);
    expect(routes.filter((r) => r.path.startsWith('/api/v1/portal/') && !r.portal).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/portal/session']);
  });

  test('every declared role exists', () => {
    const declared = new Set(routes.flatMap((r) => r.roles ?? []));
    expect([...declared].filter((r) => !(ROLES as readonly string[]).includes(r))).toEqual([]);
  });

  test('the check reports a route with no declaration or an empty @Roles(), at class or handler level', () => {
    const found = routesOf([ForgetfulController, ClassLevelController]);
    expect(undeclaredRoutes(found).map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /fixture/open', 'POST /fixture/empty']);
    expect(found.find((r) => r.path === '/fixture-class')?.roles).toEqual(['admin']);
    expect(found.find((r) => r.path === '/fixture-class/override')?.roles).toEqual(['erp']);
  });
});
