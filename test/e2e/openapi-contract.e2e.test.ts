// The served contract: /openapi.json and /docs answer without a token, the document lists exactly the
// routes Express serves, and real answers (through the generated typed client) match their documented schemas.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRelanceClient, type RelanceClient, type Schema } from '../../client/index.js';
import { projectRoot } from '../../src/bootstrap/project-root.js';
import { ContractChecker } from '../support/openapi-contract.js';
import { isoDateDaysFromToday, startPlatform, TEST_API_KEY, uniqueId, type Platform } from '../support/platform.js';

let platform: Platform;
let api: RelanceClient;
let served: OpenAPIObject;
let contract: ContractChecker;
beforeAll(async () => {
  platform = await startPlatform({ worker: false });
  api = createRelanceClient({ baseUrl: platform.baseUrl, token: TEST_API_KEY });
  const res = await fetch(`${platform.baseUrl}/openapi.json`);
  served = (await res.json()) as OpenAPIObject;
  contract = new ContractChecker(served);
});
afterAll(async () => {
  await platform?.close();
});

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `METHOD /path/{param}` of every route Express serves, but the contract's own pages. */
function servedRoutes(): string[] {
  const express = platform.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack
    .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => [m, layer.route!.path] as const) : []))
    .filter(([, path]) => !/^\/(docs|openapi\.json)(\/|$)/.test(path))
    .map(([method, path]) => `${method.toUpperCase()} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`)
    .sort();
}

function invoice(): Schema<'CreateInvoiceDto'> {
  return {
    externalId: uniqueId('INV'), number: 'F-OPENAPI-1',
    customer: { externalId: uniqueId('CUST'), name: 'Contract SARL', email: 'ap@contract.example', language: 'fr' },
    issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20), amount: '1250.00', currency: 'EUR',
  };
}

describe('the served OpenAPI contract', () => {
  test('/openapi.json is public and is the committed document', () => {
    const committed = JSON.parse(readFileSync(join(projectRoot(), 'openapi.json'), 'utf8')) as unknown;
    expect(served).toEqual(committed);
  });

  test('/docs is Swagger UI, its scripts allowed by its own CSP while the API keeps the strict one', async () => {
    const page = await fetch(`${platform.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']) {
      expect({ asset, status: (await fetch(`${platform.baseUrl}/docs/${asset}`)).status }).toEqual({ asset, status: 200 });
    }
    const init = await (await fetch(`${platform.baseUrl}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('Relance API');
    const apiAnswer = await fetch(`${platform.baseUrl}/health`);
    expect(apiAnswer.headers.get('content-security-policy')).not.toContain('script-src');
  });

  test('documents exactly the routes Express serves', () => {
    const routes = servedRoutes();
    expect(routes.length).toBeGreaterThan(60);
    const documented = Object.entries(served.paths)
      .flatMap(([path, item]) => Object.keys(item).filter((k) => k !== 'parameters').map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(routes);
  });

  test('intake, read and payment answers match their documented schemas, errors included', async () => {
    const problems: string[] = [];
    const check = (method: string, path: string, res: Response, body: unknown) =>
      problems.push(...contract.problems(method, path, res.status, body, res.headers.get('content-type') ?? ''));

    const payload = invoice();
    const created = await api.POST('/api/v1/invoices', { body: payload });
    expect(created.response.status).toBe(201);
    check('POST', '/api/v1/invoices', created.response, created.data);
    const replay = await api.POST('/api/v1/invoices', { body: payload });
    expect(replay.response.status).toBe(200);
    check('POST', '/api/v1/invoices', replay.response, replay.data);

    const read = await api.GET('/api/v1/invoices/{id}', { params: { path: { id: created.data!.id } } });
    expect(read.data).toMatchObject({ externalId: payload.externalId, amount: '1250.00', status: 'open' });
    check('GET', '/api/v1/invoices/{id}', read.response, read.data);
    const missing = await api.GET('/api/v1/invoices/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(missing.response.status).toBe(404);
    check('GET', '/api/v1/invoices/{id}', missing.response, missing.error);

    const invalid = await api.POST('/api/v1/invoices', { body: { ...payload, amount: 1250 as unknown as string, currency: 'euro' } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.arrayContaining([expect.objectContaining({ field: 'amount' })]) });
    check('POST', '/api/v1/invoices', invalid.response, invalid.error);

    const anonymous = await createRelanceClient({ baseUrl: platform.baseUrl }).POST('/api/v1/invoices', { body: payload });
    expect(anonymous.response.status).toBe(401);
    check('POST', '/api/v1/invoices', anonymous.response, anonymous.error);

    const tooBig = await api.POST('/api/v1/invoices', { body: { ...payload, number: 'x'.repeat(1_100_000) } });
    expect(tooBig.response.status).toBe(413);
    check('POST', '/api/v1/invoices', tooBig.response, tooBig.error);

    const payment: Schema<'RecordPaymentDto'> = {
      externalId: uniqueId('PAY'), amount: '1250.00', currency: 'EUR', receivedAt: new Date().toISOString(),
      allocations: [{ invoiceExternalId: payload.externalId, amount: '1250.00' }],
    };
    const paid = await api.POST('/api/v1/payments', { body: payment });
    expect(paid.response.status).toBe(201);
    check('POST', '/api/v1/payments', paid.response, paid.data);
    const paidAgain = await api.POST('/api/v1/payments', { body: payment });
    expect(paidAgain.response.status).toBe(200);
    check('POST', '/api/v1/payments', paidAgain.response, paidAgain.data);
    const conflicting = await api.POST('/api/v1/payments', { body: { ...payment, amount: '1000.00', allocations: [{ ...payment.allocations[0]!, amount: '1000.00' }] } });
    expect(conflicting.response.status).toBe(409);
    check('POST', '/api/v1/payments', conflicting.response, conflicting.error);

    const health = await api.GET('/health');
    check('GET', '/health', health.response, health.data);

    expect(problems).toEqual([]);
  });

  test('the checker itself refuses an undocumented status and a body off its schema', () => {
    expect(contract.problems('POST', '/api/v1/invoices', 418, {})).toEqual(['POST /api/v1/invoices does not document status 418']);
    expect(contract.problems('POST', '/api/v1/payments', 201, { id: 'x', amount: 1250 }).join('\n')).toMatch(/amount must be string/);
    expect(contract.problems('POST', '/api/v1/invoices', 400, { statusCode: 400, message: 'no code' }).join('\n')).toMatch(/must have required property 'code'/);
    expect(contract.templateOf('POST', '/api/v1/invoices/ext%3AINV%2F1/cancel?entity=x')).toBe('/api/v1/invoices/{id}/cancel');
    expect(contract.templateOf('GET', '/api/v1/users/me')).toBe('/api/v1/users/me');
    expect(contract.problemsAt('GET', '/api/v1/write-offs/x', 200, { id: 'x' }).join('\n')).toMatch(/must have required property 'invoice'/);
    expect(contract.problemsAt('GET', '/api/v1/nowhere', 200, {})).toEqual(['GET /api/v1/nowhere matches no documented path']);
  });
});
