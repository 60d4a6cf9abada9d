import createClient, { type Middleware } from 'openapi-fetch';
// The route types are generated from the OpenAPI document (`npm run client:generate`), never written by hand.
import type { components, paths } from '../../../client/schema';

export type Schemas = components['schemas'];
export type FieldErrors = Record<string, string>;

/** Every failed call, whatever the route: the status, the server's code and message, and field errors for forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function csrfCookie(): string | undefined {
  return document.cookie.split('; ').find((c) => c.startsWith('relance_csrf='))?.slice('relance_csrf='.length);
}

/** The session cookie goes by itself; unsafe requests echo the CSRF cookie in X-CSRF-Token (double submit). */
const csrf: Middleware = {
  onRequest({ request }) {
    const token = csrfCookie();
    if (token && UNSAFE.has(request.method)) request.headers.set('X-CSRF-Token', decodeURIComponent(token));
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

/** The data of a successful answer, or an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as Partial<Schemas['Error']>;
  const fields: FieldErrors = {};
  for (const e of body.errors ?? []) fields[e.field] = e.messages.join(' ');
  const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
  throw new ApiError(response.status, body.code, message ?? response.statusText, fields);
}
