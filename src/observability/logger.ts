import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { isProduction, type AppConfig } from '../config/app-config.js';
import { currentLogContext, type LogContext } from './log-context.js';

/** Nest's levels (LOG_LEVEL) as pino's. */
const PINO_LEVEL: Record<AppConfig['LOG_LEVEL'], pino.Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

const REDACTED = '[redacted]';

/**
 * Where secrets can sit in a log record: credentials in headers (both ways), and fields named
 * like a secret in anything logged as an object (an error's details, a DTO). Paths are pino's
 * (fast-redact) syntax; `*` is one level.
 */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.headers["x-csrf-token"]',
  'req.headers["proxy-authorization"]', 'req.headers["twilio-signature"]', 'req.headers["x-twilio-signature"]',
  'req.headers["x-twilio-email-event-webhook-signature"]', 'req.headers["relance-signature"]',
  'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie',
  ...['password', 'token', 'apiKey', 'secret', 'authorization', 'cookie', 'signature', 'accessToken', 'refreshToken', 'linkToken', 'csrfToken']
    .flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/** Query parameters and path segments that carry a credential (signed links, tokens) are masked in logged URLs. */
const SECRET_QUERY = /([?&](?:token|t|sig|signature|key|api_key|apikey|code|password|secret)=)[^&#]*/gi;
/** A path segment after one of these names a signed link or a token. */
const SECRET_SEGMENT_AFTER = new Set(['decisions', 'links', 'link', 'invitations', 'tokens', 'token', 'redeem', 'unsubscribe', 'portal']);
/** Long opaque segments (signed tokens, JWT-like `a.b.c`, base64url of 32+ characters) are masked wherever they appear. */
const OPAQUE_SEGMENT = /^(?:[A-Za-z0-9_-]{32,}|[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+|rl_[A-Za-z0-9_-]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A URL fit for a log: credentials in its query and signed-link tokens in its path replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const [path = '', ...rest] = url.split('?');
  const query = rest.length > 0 ? `?${rest.join('?')}` : '';
  const segments = path.split('/');
  const masked = segments.map((segment, i) => {
    if (!segment || UUID.test(segment)) return segment;
    if (SECRET_SEGMENT_AFTER.has(segments[i - 1] ?? '') || OPAQUE_SEGMENT.test(decodeSafe(segment))) return REDACTED;
    return segment;
  });
  return masked.join('/') + query.replace(SECRET_QUERY, `$1${REDACTED}`);
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The format in effect: LOG_FORMAT, else pretty only for a development process writing to a terminal. */
export function logFormat(config: Pick<AppConfig, 'LOG_FORMAT' | 'NODE_ENV' | 'RELANCE_ENV'>, isTty = Boolean(process.stdout.isTTY)): 'json' | 'pretty' {
  if (config.LOG_FORMAT) return isProduction(config) ? 'json' : config.LOG_FORMAT;
  return !isProduction(config) && isTty ? 'pretty' : 'json';
}

export function loggerOptions(config: Pick<AppConfig, 'LOG_LEVEL'>): LoggerOptions {
  return {
    level: PINO_LEVEL[config.LOG_LEVEL],
    base: { pid: process.pid, service: 'relance' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    // The request or activity this line is written for (see log-context.ts).
    mixin: () => logFields(currentLogContext()),
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
}

/** The context's fields for a log line; in an HTTP request the request logger binds `requestId` itself. */
function logFields(context: LogContext | undefined): Record<string, unknown> {
  if (!context) return {};
  const { http, requestId, ...rest } = context;
  return http ? rest : { requestId, ...rest };
}

/**
 * The process's root logger: JSON lines on stdout (or `destination`), pretty lines only for
 * development (pino-pretty is a dev dependency; without it, JSON).
 */
export function createRootLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV' | 'RELANCE_ENV'>, destination?: DestinationStream): Logger {
  const options = loggerOptions(config);
  if (destination) return pino(options, destination);
  if (logFormat(config) === 'pretty' && prettyAvailable()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } });
  }
  return pino(options);
}

function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
