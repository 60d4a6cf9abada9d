import 'reflect-metadata';
import { parseSendGridPublicKey } from '../delivery-tracking/sendgrid-signature.js';
import { temporalConnectionOptions } from '../temporal/temporal-connection-options.js';
import { ConfigValidationError } from './config-validation-error.js';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsFQDN,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

/**
 * Every environment variable Relance reads. Names are the variable names, so a
 * validation error names exactly what the operator must fix.
 */
export class AppConfig {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString() @MinLength(1)
  HOST = '0.0.0.0';

  @Transform(emptyToUndefined) @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  /**
   * PostgreSQL connections each process (the API, every worker) opens at most. Requests and activities
   * wait for a free one; the total across processes must stay under PostgreSQL's max_connections.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  DATABASE_POOL_SIZE = 10;

  /**
   * Longest a request or an activity waits for a connection, in milliseconds, before it fails (a request
   * answers 503, an activity attempt is retried) instead of hanging while PostgreSQL is away or the pool is full.
   */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  DATABASE_CONNECTION_TIMEOUT_MS = 5000;

  /** host:port of an existing Temporal frontend; unset → `npm start` runs a dev server. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_ADDRESS?: string;

  @IsString() @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  /**
   * API key for Temporal Cloud (or a server with an API-key authorizer), sent as a bearer token on
   * every call of the API's client and the worker; turns TLS on unless TEMPORAL_TLS=false.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(1)
  TEMPORAL_API_KEY?: string;

  /** `true`: TLS to Temporal with the system's CAs; unset: TLS when any TEMPORAL_TLS_* or an API key is set; `false`: plain gRPC. */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['true', 'false'])
  TEMPORAL_TLS?: 'true' | 'false';

  /** Name checked in the server's certificate (SNI), when it differs from TEMPORAL_ADDRESS's host. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_TLS_SERVER_NAME?: string;

  /** CA that signed the server's certificate (a self-hosted cluster's own CA), as a PEM file or PEM text; unset: the system's CAs. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_TLS_SERVER_CA_CERT_PATH?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_TLS_SERVER_CA_CERT_DATA?: string;

  /** mTLS client certificate (PEM file or text); goes with TEMPORAL_TLS_CLIENT_KEY_*. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_TLS_CLIENT_CERT_PATH?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_TLS_CLIENT_CERT_DATA?: string;

  /** mTLS client private key (PEM file or text); goes with TEMPORAL_TLS_CLIENT_CERT_*. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_TLS_CLIENT_KEY_PATH?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_TLS_CLIENT_KEY_DATA?: string;

  @IsString() @MinLength(1)
  TEMPORAL_TASK_QUEUE = 'relance-dunning';

  /**
   * An initial load's own workflow runs on this queue, polled by every worker with fewer slots (the
   * invoices it starts go on the live queue below every live priority); unset → TEMPORAL_TASK_QUEUE + `-bulk`.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(1)
  TEMPORAL_BULK_TASK_QUEUE?: string;

  /** Workflow and activity task slots of the bulk queue's worker (the live queue keeps its own, larger sizing). */
  @Transform(toInt) @IsInt() @Min(2) @Max(1000)
  RELANCE_BULK_TASK_SLOTS = 4;

  /**
   * Backpressure: once the oldest task waiting on a task queue is older than this, the API says so
   * (Retry-After on bulk endpoints, /health detail, metrics) and imports slow down. ERP invoices are still accepted.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400)
  RELANCE_BACKPRESSURE_AGE_SECONDS = 30;

  /** An import paces itself to keep at most this many tasks waiting on the bulk queue. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  RELANCE_IMPORT_MAX_BACKLOG = 200;

  /** Largest import file accepted (CSV or JSON lines), in MiB. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1024)
  RELANCE_IMPORT_LIMIT_MB = 100;

  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  TEMPORAL_DEV_PORT = 7233;

  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  TEMPORAL_UI_PORT = 8233;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_CLI_PATH?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_TEST_SERVER_PATH?: string;

  /** Directory for local state (Temporal SQLite file, generated dev key). */
  @IsString() @MinLength(1)
  RELANCE_DATA_DIR = '.relance';

  /** Bearer key accepted by the API; unset → a key is generated and printed. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  RELANCE_DEV_API_KEY?: string;

  /** IANA time zone used when a customer has none. */
  @IsString() @MinLength(1)
  RELANCE_DEFAULT_TIMEZONE = 'Europe/Paris';

  /** `off` lets steps go out on weekends, holidays and at any hour (development). */
  @IsIn(['on', 'off'])
  RELANCE_SENDING_WINDOW: 'on' | 'off' = 'on';

  /**
   * Longest a customer's message batch stays open after its first invoice
   * step (15 minutes), so invoices reaching a step together share one message.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400)
  RELANCE_MESSAGE_BATCH_SECONDS = 900;

  /**
   * A customer's message batch leaves this long after its latest invoice step
   * (at most RELANCE_MESSAGE_BATCH_SECONDS after its first): steps firing
   * together become one message, a lone one goes out within seconds.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(3600)
  RELANCE_MESSAGE_BATCH_QUIET_SECONDS = 5;

  /** Business days after a promise's date during which a payment still keeps it (docs/promises-and-plans.md). */
  @Transform(toInt) @IsInt() @Min(0) @Max(30)
  RELANCE_PROMISE_GRACE_BUSINESS_DAYS = 2;

  /**
   * Payment plans whose total is above this amount (in the plan's currency) wait for a credit
   * manager's approval: `default=5000.00`, with per-entity overrides `default=5000.00,FR01=20000.00`.
   */
  @Matches(/^[A-Za-z0-9_-]{1,64}=\d{1,15}(\.\d{1,4})?(,[A-Za-z0-9_-]{1,64}=\d{1,15}(\.\d{1,4})?)*$/, {
    message: 'RELANCE_PAYMENT_PLAN_APPROVAL_ABOVE is entity=amount pairs separated by commas, e.g. default=5000.00,FR01=20000.00',
  })
  RELANCE_PAYMENT_PLAN_APPROVAL_ABOVE = 'default=5000.00';

  /** Local hour (0–23) at which scheduled dunning steps fire. */
  @Transform(toInt) @IsInt() @Min(0) @Max(23)
  RELANCE_SEND_HOUR = 9;

  /** Where ERP events (credit-note requests, credit-limit changes) are posted; unset → they wait in the outbox for the ERP to pull. */
  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  RELANCE_ERP_WEBHOOK_URL?: string;

  /** HMAC-SHA256 key signing ERP webhooks (`Relance-Signature`); required with RELANCE_ERP_WEBHOOK_URL. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  RELANCE_ERP_WEBHOOK_SECRET?: string;

  /** HMAC-SHA256 key signing dispute decision links (32+ characters); unset → derived from the operator API key. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32)
  RELANCE_LINK_SECRET?: string;

  /** Origin put in links sent by email (decision links); unset → http://localhost:<PORT>. */
  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  RELANCE_PUBLIC_URL?: string;

  /** Days a customer portal link stays valid (docs/portal.md); emails reuse a contact's link while it has a week left. */
  @Transform(toInt) @IsInt() @Min(8) @Max(366)
  RELANCE_PORTAL_LINK_DAYS = 30;

  /** Largest request body accepted (JSON or form), in KiB; bigger answers 413 PAYLOAD_TOO_LARGE. */
  @Transform(toInt) @IsInt() @Min(1) @Max(102_400)
  RELANCE_BODY_LIMIT_KB = 1024;

  /** Requests per minute and client address on unauthenticated pages (decision links); more answer 429 with Retry-After. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  RELANCE_PUBLIC_RATE_LIMIT = 30;

  /** Reverse proxies in front of the API whose X-Forwarded-For is trusted (0: none); rate limits count per client address. */
  @Transform(toInt) @IsInt() @Min(0) @Max(10)
  RELANCE_TRUST_PROXY_HOPS = 0;

  /** Folder of the built console (index.html and assets/) served at /; unset → dist/web (built by `npm run build`). */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  RELANCE_CONSOLE_DIR?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  SENDGRID_API_KEY?: string;

  @IsString() @MinLength(3)
  SENDGRID_FROM = 'relance@localhost';

  /** Override of the SendGrid API origin (tests point it at a local stand-in). */
  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  SENDGRID_BASE_URL?: string;

  /**
   * SendGrid's Signed Event Webhook verification key (ECDSA P-256 public key, base64 DER or PEM).
   * Unset → in development the embedded DEV_SENDGRID_WEBHOOK_PUBLIC_KEY; in production event posts are refused (403).
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  SENDGRID_WEBHOOK_PUBLIC_KEY?: string;

  /** Domain of the reply-to addresses of customer emails (`reply+<id>.<token>@<domain>`): its MX points at SendGrid Inbound Parse. */
  @IsFQDN({ require_tld: false }, { message: 'RELANCE_REPLY_DOMAIN must be a domain name such as reply.example.com' })
  RELANCE_REPLY_DOMAIN = 'reply.localhost';

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TWILIO_ACCOUNT_SID?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TWILIO_AUTH_TOKEN?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TWILIO_FROM?: string;

  /** Override of the Twilio API origin (tests point it at a local stand-in). */
  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  TWILIO_BASE_URL?: string;

  /**
   * Worker sizing (docs/scaling.md): how many workflows the worker keeps in
   * memory between their tasks (sticky cache). A cached workflow's next task
   * needs no replay; an evicted one replays its history, which is short here.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000)
  RELANCE_WORKER_MAX_CACHED_WORKFLOWS = 250;

  /** `on`: every workflow runs in one reused V8 context (far less memory and CPU than one context each). */
  @IsIn(['on', 'off'])
  RELANCE_WORKER_REUSE_V8_CONTEXT: 'on' | 'off' = 'on';

  /** Workflow tasks the worker runs at once. */
  @Transform(toInt) @IsInt() @Min(2) @Max(10_000)
  RELANCE_WORKER_WORKFLOW_TASK_SLOTS = 40;

  /** Concurrent polls of the workflow task queue (2 or more; at most the workflow task slots). */
  @Transform(toInt) @IsInt() @Min(2) @Max(1_000)
  RELANCE_WORKER_WORKFLOW_POLLERS = 10;

  /** Activities the worker runs at once (each holds at most one database connection at a time). */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000)
  RELANCE_WORKER_ACTIVITY_SLOTS = 100;

  /** Local activities (short projection writes inside a workflow task) the worker runs at once. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000)
  RELANCE_WORKER_LOCAL_ACTIVITY_SLOTS = 100;

  /** Concurrent polls of the activity task queue (at most the activity slots). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000)
  RELANCE_WORKER_ACTIVITY_POLLERS = 10;

  /** A prebuilt workflow bundle for the worker; unset → dist/workflow-bundle.js, else the worker bundles the sources at start. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  RELANCE_WORKFLOW_BUNDLE?: string;

  /**
   * Bearer token Prometheus sends to scrape the API's `/metrics` (16+ characters). The operator API key is
   * accepted too; without either (or RELANCE_METRICS_PUBLIC=true) a scrape answers 401.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  RELANCE_METRICS_TOKEN?: string;

  /** `true` serves the API's `/metrics` without a token: only when the port is reachable from the monitoring network alone. */
  @IsIn(['true', 'false'])
  RELANCE_METRICS_PUBLIC: 'true' | 'false' = 'false';

  /**
   * Port of the worker's Prometheus endpoint (Temporal SDK telemetry and activity failures at
   * `http://<host>:<port>/metrics`, served by the SDK's Core, without authentication); 0 turns it off.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  RELANCE_WORKER_METRICS_PORT = 9464;

  /** Interface the worker's metrics endpoint binds: loopback by default; `0.0.0.0` on a private monitoring network (containers). */
  @IsString() @Matches(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9A-Fa-f:]+\])$/, {
    message: 'RELANCE_WORKER_METRICS_HOST is an IP address such as 127.0.0.1 or 0.0.0.0 (IPv6 in brackets)',
  })
  RELANCE_WORKER_METRICS_HOST = '127.0.0.1';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /**
   * `json`: one JSON object per line (pino), what production and log collectors read.
   * `pretty`: colored lines for a developer's terminal (needs the dev dependency pino-pretty).
   * Unset: `pretty` outside production when stdout is a terminal, else `json`.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** `production` (set by the Dockerfile's runtime image) requires the settings in PRODUCTION_REQUIRED. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  NODE_ENV?: string;

  /** `production` requires the settings in PRODUCTION_REQUIRED, whatever NODE_ENV says; `development` is the default. */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['development', 'production'])
  RELANCE_ENV?: 'development' | 'production';
}

/**
 * What a production process must be given, not default: the API and the
 * worker must agree on them (links signed by one are checked by the other),
 * and an embedded default (a dev Temporal server, a generated key, a link
 * secret derived from it, localhost links) would silently split them.
 */
export const PRODUCTION_REQUIRED = [
  'DATABASE_URL', 'TEMPORAL_ADDRESS', 'RELANCE_DEV_API_KEY', 'RELANCE_LINK_SECRET', 'RELANCE_PUBLIC_URL',
] as const satisfies readonly (keyof AppConfig)[];

export function isProduction(config: Pick<AppConfig, 'NODE_ENV' | 'RELANCE_ENV'>): boolean {
  return config.RELANCE_ENV === 'production' || config.NODE_ENV === 'production';
}

/**
 * Development only: the public half of a key pair whose private half is printed in
 * docs/contacts-and-delivery.md, so SendGrid events can be signed by hand against `npm start`.
 * Refused in production.
 */
export const DEV_SENDGRID_WEBHOOK_PUBLIC_KEY =
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAERMGxU63Rs6tnIYhziqGVoBRkz3lQoXOer7Rrf4cmo3uEgyd9G4jBJK712v4jYXBgvn9mBWFUfymLhKxZite5nQ==';

/** The Event Webhook verification key in force: the configured one, the dev one in development, none in production. */
export function sendGridWebhookPublicKey(config: AppConfig): string | null {
  return config.SENDGRID_WEBHOOK_PUBLIC_KEY ?? (isProduction(config) ? null : DEV_SENDGRID_WEBHOOK_PUBLIC_KEY);
}

/** Origin of the links and callback URLs Relance hands out. */
export function publicOrigin(config: Pick<AppConfig, 'RELANCE_PUBLIC_URL' | 'PORT'>): string {
  return (config.RELANCE_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/relance';

export { ConfigValidationError };

/** Reads and validates the configuration; throws naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Only string values: unknown variables are carried along but never validated or read.
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) raw[key] = value;
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((e: ValidationError) => ({
        variable: e.property,
        messages: Object.values(e.constraints ?? {}),
      })),
    );
  }
  if (config.RELANCE_ERP_WEBHOOK_URL && !config.RELANCE_ERP_WEBHOOK_SECRET) {
    throw new ConfigValidationError([
      { variable: 'RELANCE_ERP_WEBHOOK_SECRET', messages: ['RELANCE_ERP_WEBHOOK_SECRET (16+ characters) is required with RELANCE_ERP_WEBHOOK_URL'] },
    ]);
  }
  if (isProduction(config)) {
    const missing = PRODUCTION_REQUIRED.filter((name) => config[name] === undefined);
    if (missing.length > 0) {
      throw new ConfigValidationError(missing.map((variable) => ({ variable, messages: [`${variable} is required in production (NODE_ENV or RELANCE_ENV = production)`] })));
    }
  }
  if (config.SENDGRID_WEBHOOK_PUBLIC_KEY) {
    try {
      parseSendGridPublicKey(config.SENDGRID_WEBHOOK_PUBLIC_KEY);
    } catch (err) {
      throw new ConfigValidationError([{
        variable: 'SENDGRID_WEBHOOK_PUBLIC_KEY',
        messages: [`SENDGRID_WEBHOOK_PUBLIC_KEY must be the ECDSA P-256 verification key SendGrid shows (base64 or PEM): ${(err as Error).message}`],
      }]);
    }
    if (isProduction(config) && config.SENDGRID_WEBHOOK_PUBLIC_KEY.trim() === DEV_SENDGRID_WEBHOOK_PUBLIC_KEY) {
      throw new ConfigValidationError([{ variable: 'SENDGRID_WEBHOOK_PUBLIC_KEY', messages: ['the development key is refused in production: its private half is public'] }]);
    }
  }
  const sizing = workerSizingProblems(config);
  if (sizing.length > 0) throw new ConfigValidationError(sizing);
  // Reads the TLS files once, so a missing or mismatched certificate stops the boot, not the first call.
  temporalConnectionOptions(config);
  const twilio = [config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, config.TWILIO_FROM].filter(Boolean).length;
  if (twilio !== 0 && twilio !== 3) {
    throw new ConfigValidationError([
      {
        variable: !config.TWILIO_ACCOUNT_SID ? 'TWILIO_ACCOUNT_SID' : !config.TWILIO_AUTH_TOKEN ? 'TWILIO_AUTH_TOKEN' : 'TWILIO_FROM',
        messages: ['TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM go together'],
      },
    ]);
  }
  return config;
}

/** The task queue of imports' own workflows (and of invoices imported before they moved to the live queue). */
export function bulkTaskQueue(config: Pick<AppConfig, 'TEMPORAL_TASK_QUEUE' | 'TEMPORAL_BULK_TASK_QUEUE'>): string {
  return config.TEMPORAL_BULK_TASK_QUEUE ?? `${config.TEMPORAL_TASK_QUEUE}-bulk`;
}

/** Worker settings that are each valid but do not fit together (the SDK would refuse them at start). */
function workerSizingProblems(config: AppConfig): { variable: string; messages: string[] }[] {
  const problems: { variable: string; messages: string[] }[] = [];
  if (config.RELANCE_WORKER_WORKFLOW_POLLERS > config.RELANCE_WORKER_WORKFLOW_TASK_SLOTS) {
    problems.push({ variable: 'RELANCE_WORKER_WORKFLOW_POLLERS', messages: ['RELANCE_WORKER_WORKFLOW_POLLERS must not exceed RELANCE_WORKER_WORKFLOW_TASK_SLOTS'] });
  }
  if (config.RELANCE_WORKER_ACTIVITY_POLLERS > config.RELANCE_WORKER_ACTIVITY_SLOTS) {
    problems.push({ variable: 'RELANCE_WORKER_ACTIVITY_POLLERS', messages: ['RELANCE_WORKER_ACTIVITY_POLLERS must not exceed RELANCE_WORKER_ACTIVITY_SLOTS'] });
  }
  return problems;
}

export function databaseUrl(config: AppConfig): string {
  return config.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}
