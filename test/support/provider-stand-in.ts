import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * A local HTTP imitation of the two provider endpoints Relance calls, so tests run the real
 * SDKs end to end without network: SendGrid v3 Mail Send and Twilio's Messages resource.
 */

export const STAND_IN_CREDENTIALS = {
  sendgridApiKey: 'SG.stand-in.key',
  twilioAccountSid: 'AC00000000000000000000000000000001',
  twilioAuthToken: 'stand-in-auth-token',
} as const;

/** Sender identities `env()` configures (the stand-in accepts any valid sender). */
export const STAND_IN_SENDERS = { email: 'relance@example.test', sms: '+15005550006' } as const;

export type StandInCredentials = { -readonly [K in keyof typeof STAND_IN_CREDENTIALS]: string };

export interface RecordedProviderRequest {
  provider: 'sendgrid' | 'twilio' | 'unknown';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** JSON for SendGrid, the form fields for Twilio, null when unparseable. */
  body: unknown;
  /** HTTP status the stand-in answered. */
  status: number;
}

export interface SendGridMailBody {
  personalizations?: { to?: { email?: string; name?: string }[]; subject?: string }[];
  from?: { email?: string; name?: string };
  subject?: string;
  content?: { type?: string; value?: string }[];
  custom_args?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

export interface ProviderStandIn {
  /** Origin to use as SENDGRID_BASE_URL and TWILIO_BASE_URL. */
  url: string;
  /** Every request received, in order (failed and rejected ones included). */
  requests: RecordedProviderRequest[];
  /** Bodies of the emails SendGrid accepted (202). */
  acceptedEmails(): SendGridMailBody[];
  /** Form fields (To, From, Body…) of the SMS Twilio accepted (201). */
  acceptedSms(): Record<string, string>[];
  /** Answer the next `count` requests with `status` and a provider-shaped error body. */
  failNext(status: number, count?: number): void;
  /** Environment variables pointing Relance's adapters at this stand-in. */
  env(): Record<string, string>;
  /** Forget recorded requests and pending failures. */
  reset(): void;
  close(): Promise<void>;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const sendgridError = (status: number, message: string, field: string | null = null): Answer => ({
  status,
  body: { errors: [{ message, field, help: null }] },
});

const twilioError = (status: number, code: number, message: string): Answer => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const TWILIO_MESSAGES = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

/** Validates like SendGrid does, in its order; returns null when the mail is acceptable. */
function validateSendGridMail(mail: SendGridMailBody): Answer | null {
  if (!mail.from?.email) {
    return sendgridError(400, 'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.', 'from');
  }
  if (!EMAIL.test(mail.from.email)) return sendgridError(400, 'The from email does not contain a valid address.', 'from.email');
  if (!mail.personalizations?.length) {
    return sendgridError(400, 'The personalizations field is required and must have at least one personalization.', 'personalizations');
  }
  for (const [i, p] of mail.personalizations.entries()) {
    if (!p.to?.length) {
      return sendgridError(400, 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.', `personalizations.${i}.to`);
    }
    for (const [j, to] of p.to.entries()) {
      if (!to.email || !EMAIL.test(to.email)) {
        return sendgridError(400, 'Does not contain a valid address.', `personalizations.${i}.to.${j}.email`);
      }
    }
    if (!mail.subject && !p.subject) {
      return sendgridError(400, 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.', 'subject');
    }
  }
  if (!mail.content?.length) {
    return sendgridError(400, 'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.', 'content');
  }
  for (const [i, c] of mail.content.entries()) {
    if (typeof c.value !== 'string' || c.value.length === 0) {
      return sendgridError(400, 'The content value must be a string at least one character in length.', `content.${i}.value`);
    }
  }
  for (const value of Object.values(mail.custom_args ?? {})) {
    if (typeof value !== 'string') return sendgridError(400, 'Custom args must be strings.', 'custom_args');
  }
  return null;
}

function answerSendGrid(req: IncomingMessage, body: unknown, apiKey: string): Answer {
  if (body === null) return sendgridError(400, 'Bad Request');
  if (!req.headers.authorization) return sendgridError(401, 'authorization required');
  if (req.headers.authorization !== `Bearer ${apiKey}`) {
    return sendgridError(401, 'The provided authorization grant is invalid, expired, or revoked');
  }
  const invalid = validateSendGridMail(body as SendGridMailBody);
  if (invalid) return invalid;
  // Real SendGrid answers an empty 202 whose only useful content is the message id header.
  return { status: 202, headers: { 'X-Message-Id': randomBytes(16).toString('base64url') } };
}

function answerTwilio(req: IncomingMessage, form: Record<string, string>, pathSid: string, creds: StandInCredentials): Answer {
  const expected = 'Basic ' + Buffer.from(`${creds.twilioAccountSid}:${creds.twilioAuthToken}`).toString('base64');
  if (req.headers.authorization !== expected || pathSid !== creds.twilioAccountSid) {
    return twilioError(401, 20003, 'Authenticate');
  }
  if (!form.To) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!form.From) return twilioError(400, 21603, "A 'From' phone number is required.");
  if (!form.Body) return twilioError(400, 21602, 'Message body is required.');
  if (!E164.test(form.To)) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${form.To}`);
  const sid = 'SM' + randomBytes(16).toString('hex');
  const now = new Date().toUTCString();
  return {
    status: 201,
    body: {
      sid,
      account_sid: pathSid,
      to: form.To,
      from: form.From,
      body: form.Body,
      status: 'queued',
      direction: 'outbound-api',
      num_segments: '1',
      api_version: '2010-04-01',
      date_created: now,
      date_updated: now,
      uri: `/2010-04-01/Accounts/${pathSid}/Messages/${sid}.json`,
    },
  };
}

/** The body each provider sends with an error status, for `failNext`. */
function forcedFailure(provider: RecordedProviderRequest['provider'], status: number): Answer {
  const message = status === 429 ? 'Too Many Requests' : `Stand-in failure (HTTP ${status})`;
  // Approximates Twilio's generic 20xxx codes, which mirror the HTTP status (20429, 20500, 20503).
  return provider === 'twilio' ? twilioError(status, 20000 + status, message) : sendgridError(status, message);
}

export async function startProviderStandIn(credentials: Partial<StandInCredentials> = {}): Promise<ProviderStandIn> {
  const creds: StandInCredentials = { ...STAND_IN_CREDENTIALS, ...credentials };
  const requests: RecordedProviderRequest[] = [];
  const failures: number[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse, rawBody: string): void => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const twilioMatch = req.method === 'POST' ? TWILIO_MESSAGES.exec(path) : null;
    const provider: RecordedProviderRequest['provider'] =
      req.method === 'POST' && path === '/v3/mail/send' ? 'sendgrid' : twilioMatch ? 'twilio' : 'unknown';

    // Twilio's SDK posts a form; SendGrid's posts JSON.
    const body = twilioMatch ? Object.fromEntries(new URLSearchParams(rawBody)) : safeJson(rawBody);
    const forced = failures.shift();
    let answer: Answer;
    if (forced !== undefined) answer = forcedFailure(provider, forced);
    else if (provider === 'sendgrid') answer = answerSendGrid(req, body, creds.sendgridApiKey);
    else if (twilioMatch) answer = answerTwilio(req, body as Record<string, string>, decodeURIComponent(twilioMatch[1]), creds);
    else answer = { status: 404, body: { message: `No stand-in for ${req.method} ${path}` } };

    requests.push({ provider, method: req.method ?? '', path, headers: req.headers, rawBody, body, status: answer.status });
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...(payload ? { 'Content-Type': 'application/json' } : {}),
      ...answer.headers,
    });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    acceptedEmails: () =>
      requests.filter((r) => r.provider === 'sendgrid' && r.status === 202).map((r) => r.body as SendGridMailBody),
    acceptedSms: () =>
      requests.filter((r) => r.provider === 'twilio' && r.status === 201).map((r) => r.body as Record<string, string>),
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    env: () => ({
      SENDGRID_API_KEY: creds.sendgridApiKey,
      SENDGRID_FROM: STAND_IN_SENDERS.email,
      SENDGRID_BASE_URL: url,
      TWILIO_ACCOUNT_SID: creds.twilioAccountSid,
      TWILIO_AUTH_TOKEN: creds.twilioAuthToken,
      TWILIO_FROM: STAND_IN_SENDERS.sms,
      TWILIO_BASE_URL: url,
    }),
    reset() {
      requests.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // SDK clients keep connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function safeJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}
