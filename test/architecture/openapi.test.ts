// The OpenAPI contract is generated from the code: the committed openapi.json must be today's,
// every mounted route documented (and nothing else), with its roles, and money as decimal strings.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from '../../src/bootstrap/app.modules.js';
import { projectRoot } from '../../src/bootstrap/project-root.js';
import { loadConfig } from '../../src/config/app-config.js';
import { generateOpenApiDocument, serializeOpenApiDocument } from '../../src/openapi/generate.js';
import { mountedRoutes, type MountedRoute } from '../../src/openapi/routes.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function operations(document: OpenAPIObject): { key: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, OperationObject>)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })));
}

/** Every `path.to.property` of the document whose name says money, with its schema. */
function moneyProperties(value: unknown, at = ''): { at: string; schema: SchemaObject }[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const here = at ? `${at}.${key}` : key;
    const own = at.endsWith('properties') && /^(amount|openAmount|[a-z]+Amount)$/.test(key) ? [{ at: here, schema: child as SchemaObject }] : [];
    return [...own, ...moneyProperties(child, here)];
  });
}

describe('OpenAPI document', () => {
  let document: OpenAPIObject;
  let app: INestApplication;
  let routes: MountedRoute[];
  beforeAll(async () => {
    document = await generateOpenApiDocument();
    app = await NestFactory.create(ApiModule.forRoot(loadConfig({}), ['k'.repeat(32)]), { preview: true, logger: false });
    routes = mountedRoutes(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  test('the committed openapi.json is the one the code generates (run `npm run openapi`)', () => {
    const committed = readFileSync(join(projectRoot(), 'openapi.json'), 'utf8');
    expect(committed).toEqual(serializeOpenApiDocument(document));
  });

  test('is OpenAPI 3.1 with a bearer scheme required by default', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components?.securitySchemes?.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  test('documents every mounted route and no other', () => {
    expect(routes.length).toBeGreaterThan(60);
    const mounted = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(operations(document).map((o) => o.key).sort()).toEqual(mounted);
  });

  test('each operation names the roles its route declares; public ones need no token, but those behind their own guard (x-access)', () => {
    for (const route of routes) {
      const operation = (document.paths[route.path] as Record<string, OperationObject>)[route.method]!;
      const label = `${route.method.toUpperCase()} ${route.path}`;
      expect({ label, roles: (operation as unknown as Record<string, unknown>)['x-roles'] }).toEqual({ label, roles: route.roles });
      const ownAccess = (operation as unknown as Record<string, unknown>)['x-access'];
      if (route.public && typeof ownAccess === 'string') {
        // /metrics: its own bearer credential (metrics token or operator key), refused with 401.
        expect({ label, security: operation.security, denied: Object.keys(operation.responses).filter((s) => s === '401') })
          .toEqual({ label, security: undefined, denied: ['401'] });
        expect(operation.description).toContain(ownAccess);
      } else if (route.portal) {
        // Customer portal routes: the portal session, not a bearer token or roles.
        expect({ label, security: operation.security }).toEqual({ label, security: [{ portal: [] }] });
      } else if (route.public) {
        expect({ label, security: operation.security }).toEqual({ label, security: [] });
      } else {
        expect({ label, roles: route.roles.length > 0, denied: Object.keys(operation.responses).filter((s) => s === '401' || s === '403') })
          .toEqual({ label, roles: true, denied: ['401', '403'] });
        expect(operation.description).toContain(`Roles: \`${route.roles[0]}\``);
      }
    }
  });

  test('every operation with a body or query documents VALIDATION_FAILED, and every JSON error uses the one Error shape', () => {
    const missing = operations(document)
      .filter(({ operation }) => (operation.requestBody || (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'query')) && !operation.responses['400'])
      .map((o) => o.key);
    expect(missing).toEqual([]);
    const error = document.components!.schemas!.Error as SchemaObject;
    expect(error.required).toEqual(['statusCode', 'code', 'message']);
    expect(JSON.stringify(document.components!.responses!.BadRequest)).toContain('VALIDATION_FAILED');
  });

  test('request DTOs come from their validators: required fields, enums, no unknown properties', () => {
    const invoice = document.components!.schemas!.CreateInvoiceDto as SchemaObject;
    expect(invoice.required).toEqual(expect.arrayContaining(['externalId', 'number', 'customer', 'issueDate', 'dueDate', 'amount', 'currency']));
    expect(invoice.required).not.toContain('entity');
    expect(invoice.additionalProperties).toBe(false);
    expect(invoice.properties!.issueDate).toEqual(expect.objectContaining({ type: 'string', format: 'date' }));
    const customer = document.components!.schemas!.CustomerInputDto as SchemaObject;
    expect(customer.properties!.language).toEqual(expect.objectContaining({ enum: ['fr', 'en'] }));
    const payment = document.components!.schemas!.RecordPaymentDto as SchemaObject;
    expect(payment.properties!.receivedAt).toEqual(expect.objectContaining({ type: 'string', format: 'date-time' }));
  });

  test('money is a decimal string everywhere, never a number', () => {
    const found = moneyProperties(document);
    expect(found.length).toBeGreaterThan(10);
    // Optional amounts may also be null (@IsOptional lets null through); never a number.
    const types = (schema: SchemaObject) => [schema.type].flat();
    // An amount with its currency: the MoneyResponse object, whose own `amount` is checked here too.
    const money = '#/components/schemas/MoneyResponse';
    const isMoney = (schema: SchemaObject & { $ref?: string }) =>
      schema.$ref === money || (schema.anyOf ?? []).every((s) => ('$ref' in s && s.$ref === money) || ('type' in s && s.type === 'null'));
    const wrong = found.filter(({ schema }) => !isMoney(schema)).filter(({ schema }) => !types(schema).includes('string') || types(schema).some((t) => t === 'number' || t === 'integer') || !schema.pattern)
      .map(({ at }) => at);
    expect(wrong).toEqual([]);
  });

  test('the main ERP routes carry examples and both their success statuses', () => {
    for (const path of ['/api/v1/invoices', '/api/v1/payments']) {
      const post = (document.paths[path] as Record<string, OperationObject>).post!;
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '413', '503']));
      expect(JSON.stringify(post.requestBody)).toContain('"examples"');
    }
  });

  test('every successful JSON answer declares its schema, so the fuzzer checks it and the console gets its type', () => {
    const undocumented = operations(document).flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => status.startsWith('2') && status !== '204')
        .flatMap(([status, response]) => Object.entries((response as { content?: Record<string, { schema?: object }> }).content ?? {})
          .filter(([media, body]) => media === 'application/json' && (!body.schema || Object.keys(body.schema).length === 0))
          .map(() => `${key} ${status}`)));
    expect(undocumented).toEqual([]);
  });
});
