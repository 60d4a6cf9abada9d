/**
 * Whether an error means "PostgreSQL cannot be reached right now" (down,
 * restarting, refusing connections, a connection cut mid-query) rather than a
 * fault in the request or the code. Such errors deserve a 503 the client may
 * retry, not a 500.
 */

/** Socket-level errors from `net` while connecting to or talking with the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of an unavailable server: class 08 (connection exception), the
 * server shutting down or starting up (57P01–57P03) and no connection slot
 * left (53300).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres and its pool throw when a connection dies or cannot be had in time. */
const DRIVER_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const { code, message, driverError, cause, errors } = err as {
    code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => message.includes(m))) return true;
  // TypeORM wraps the driver's error; Node wraps a refused dual-stack connect in an AggregateError.
  if (driverError !== undefined && isDatabaseUnavailable(driverError, depth + 1)) return true;
  if (cause !== undefined && isDatabaseUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1));
}
