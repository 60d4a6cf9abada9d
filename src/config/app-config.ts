import 'reflect-metadata';
import { parseSendGridPublicKey } from '../delivery-tracking/sendgrid-signature.js';
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

  /** host:port of an existing Temporal frontend; unset → `npm start` runs a dev server. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  TEMPORAL_ADDRESS?: string;

  @IsString() @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  @IsString() @MinLength(1)
  TEMPORAL_TASK_QUEUE = 'relance-dunning';

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

  /** A prebuilt workflow bundle for the worker; unset → dist/workflow-bundle.js, else the worker bundles the sources at start. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  RELANCE_WORKFLOW_BUNDLE?: string;

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

export class ConfigValidationError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: { variable: string; messages: string[] }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.messages.join('; ')}`).join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}

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

export function databaseUrl(config: AppConfig): string {
  return config.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}
