// Typed client of the Relance API, from openapi.json (`npm run client:generate` rewrites schema.d.ts).
//   const api = createRelanceClient({ baseUrl: 'http://localhost:3000', token });
//   const { data, error, response } = await api.POST('/api/v1/invoices', { body: invoice });
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';
export type RelanceClient = Client<paths>;
/** A request or response schema by name: `Schema<'CreateInvoiceDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export function createRelanceClient(options: { baseUrl: string; token?: string | null; fetch?: typeof fetch }): RelanceClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
