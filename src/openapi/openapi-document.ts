import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject, type ParameterObject, type ReferenceObject,
  type ResponseObject, type SchemaObject,
} from '@nestjs/swagger';
import { dtoSchemas } from './dto-schemas.js';
import { ERROR_RESPONSES, ERROR_SCHEMAS, type ErrorResponseName } from './error-responses.js';
import { mountedRoutes, type MountedRoute } from './routes.js';

const DESCRIPTION = `Relance's HTTP API, generated from the code (routes, validation decorators, roles).

Authentication: \`Authorization: Bearer <token>\`, either the operator API key (every role), a user's personal token (\`rl_…\`, that user's roles) or an ERP integration token (role \`erp\`). Each operation lists the roles it accepts in its description and in \`x-roles\`; admins always pass.

Money is always a decimal string such as \`"1250.00"\` (never a JSON number). Instants carry an offset (\`2026-03-01T09:30:00+01:00\`); dates are \`YYYY-MM-DD\`.

Errors share one shape: \`{ statusCode, code, message, ...details }\`, see the \`Error\` schema.`;

const STATUS_TEXT: Record<string, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content',
};

const MUTATIONS = new Set(['post', 'put', 'patch', 'delete']);

/** The OpenAPI 3.1 document of this application's routes; needs no database (works on a `preview` app). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Relance API')
    .setDescription(DESCRIPTION)
    .setVersion('v1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Operator API key, personal token (rl_…) or integration token' }, 'bearer')
    .addSecurityRequirements('bearer')
    .addCookieAuth('relance_portal', { type: 'apiKey', in: 'cookie', description: 'Customer portal session (docs/portal.md)' }, 'portal')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  const dtos = dtoSchemas();
  for (const route of mountedRoutes(app)) {
    const operation = (document.paths[route.path] as Record<string, OperationObject> | undefined)?.[route.method];
    if (operation) describeOperation(operation, route, dtos);
  }
  addCreationLinks(document);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...ERROR_SCHEMAS },
    responses: { ...ERROR_RESPONSES },
  };
  addReferencedDtoSchemas(document, dtos);
  return sorted(document);
}

function describeOperation(operation: OperationObject, route: MountedRoute, dtos: Record<string, SchemaObject>): void {
  // A route past the auth guard but behind its own (e.g. /metrics) says how it is reached in `x-access`, and keeps the bearer scheme.
  const ownAccess = (operation as unknown as Record<string, unknown>)['x-access'];
  const access = typeof ownAccess === 'string'
    ? ownAccess
    : route.public
    ? 'Public: no token needed.'
    : route.portal
    ? 'Customer portal: a portal session (cookie `relance_portal`, opened from an emailed link; X-CSRF-Token on writes), for its own customer only.'
    : `Roles: ${route.roles.map((r) => `\`${r}\``).join(', ')} (admins and the operator API key always pass).`;
  operation.description = [operation.description, access].filter(Boolean).join('\n\n');
  (operation as unknown as Record<string, unknown>)['x-roles'] = route.roles;
  if (route.public && typeof ownAccess !== 'string') operation.security = [];
  if (route.portal) operation.security = [{ portal: [] }];

  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const name of route.invoiceRefParams) {
    if (parameters.some((p) => p.in === 'path' && p.name === name)) continue;
    parameters.unshift({
      name, in: 'path', required: true, schema: { type: 'string' }, example: 'ext:INV-2026-0042',
      description: "The invoice: Relance's UUID, or `ext:<externalId>` (URL-encoded), the ERP's own id, read in the legal entity given by the optional query `entity=<code>` (default `default`; docs/api-conventions.md)",
    });
  }
  for (const parameter of parameters) {
    if (parameter.in === 'path' && route.uuidParams.includes(parameter.name)) parameter.schema = { type: 'string', format: 'uuid' };
  }
  const query = route.queryType ? dtos[route.queryType.name] : undefined;
  for (const [name, schema] of Object.entries(query?.properties ?? {})) {
    if (parameters.some((p) => p.in === 'query' && p.name === name)) continue;
    parameters.push({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema });
  }
  operation.parameters = parameters;

  const responses = operation.responses as Record<string, ResponseObject | ReferenceObject>;
  if (!Object.keys(responses).some((status) => /^2/.test(status))) responses[route.successStatus] = { description: '' };
  for (const [status, response] of Object.entries(responses)) {
    if ('$ref' in response) continue;
    if (!response.description) response.description = STATUS_TEXT[status] ?? `HTTP ${status}`;
    if (!response.content && status !== '204' && /^2/.test(status)) response.content = { 'application/json': { schema: {} } };
  }
  const add = (status: number, name: ErrorResponseName) => {
    responses[status] ??= { $ref: `#/components/responses/${name}` };
  };
  if (route.hasBody && !operation.requestBody) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: { type: 'object', description: 'Validated field by field by the service (see docs/)' } } },
    };
  }
  // A DTO whose fields are all optional accepts an absent body (it validates as `{}`).
  const bodySchema = route.bodyType ? dtos[route.bodyType.name] : undefined;
  if (bodySchema && !bodySchema.required?.length && operation.requestBody && !('$ref' in operation.requestBody)) {
    operation.requestBody.required = false;
  }
  const hasBody = Boolean(route.hasBody || operation.requestBody);
  if (hasBody || route.queryType) add(400, 'BadRequest');
  if (!route.public) {
    add(401, 'Unauthorized');
    add(403, 'Forbidden');
  }
  // Path parameters name an item; bodies and queries may name others (an entity, an invoice, a scenario).
  if (parameters.some((p) => p.in === 'path') || (!route.public && (hasBody || route.queryType))) add(404, 'NotFound');
  if (MUTATIONS.has(route.method) && !route.public) {
    add(409, 'Conflict');
    add(422, 'UnprocessableEntity');
  }
  if (hasBody) add(413, 'PayloadTooLarge');
  if (route.rateLimited) add(429, 'TooManyRequests');
  add(503, 'ServiceUnavailable');
  add(431, 'RequestHeaderFieldsTooLarge');
}

/**
 * OpenAPI links from a creation to what it created: `POST /x` answering `{ id }` links to every
 * operation under `/x/{param}` (read, update, decide…), which clients and stateful fuzzers follow.
 */
function addCreationLinks(document: OpenAPIObject): void {
  const paths = document.paths as Record<string, Record<string, OperationObject>>;
  for (const [path, item] of Object.entries(paths)) {
    const created = item.post?.responses['201'] as ResponseObject | ReferenceObject | undefined;
    if (!created || '$ref' in created) continue;
    const links: Record<string, { operationId: string; parameters: Record<string, string> }> = {};
    for (const [childPath, child] of Object.entries(paths)) {
      const param = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}/\\{([^}]+)\\}`).exec(childPath)?.[1];
      if (!param || (childPath.match(/\{/g) ?? []).length > 1) continue;
      for (const operation of Object.values(child)) {
        if (operation.operationId) links[operation.operationId] = { operationId: operation.operationId, parameters: { [param]: '$response.body#/id' } };
      }
    }
    if (Object.keys(links).length > 0) created.links = links;
  }
}

/** Replaces @nestjs/swagger's empty placeholders with the class-validator schemas, nested DTOs included. */
function addReferencedDtoSchemas(document: OpenAPIObject, dtos: Record<string, SchemaObject>): void {
  const schemas = document.components!.schemas!;
  const pending = [...refsIn(document.paths), ...refsIn(schemas)];
  while (pending.length > 0) {
    const name = pending.pop()!;
    const dto = dtos[name];
    if (!dto || schemas[name] === dto) continue;
    schemas[name] = dto;
    pending.push(...refsIn(dto));
  }
}

function refsIn(value: unknown): string[] {
  const json = JSON.stringify(value) ?? '';
  return [...json.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
}

/** Paths and schemas in a stable order, so the committed openapi.json diffs cleanly. */
function sorted(document: OpenAPIObject): OpenAPIObject {
  const byKey = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ...document,
    paths: byKey(document.paths),
    components: { ...document.components, schemas: byKey(document.components?.schemas ?? {}) },
  };
}
