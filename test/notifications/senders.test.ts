import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';
import {
  ChannelRouterSender,
  createNotificationSender,
  describeNotificationMode,
} from '../../src/notifications/channel-router.sender.js';
import {
  NotificationDeliveryError,
  type DeliveryReceipt,
  type NotificationSender,
  type OutboundNotification,
} from '../../src/notifications/notification.port.js';
import { RecordingSender } from '../../src/notifications/recording.sender.js';
import { SendGridEmailSender } from '../../src/notifications/sendgrid-email.sender.js';
import { TwilioSmsSender } from '../../src/notifications/twilio-sms.sender.js';
import {
  STAND_IN_CREDENTIALS as CREDS,
  startProviderStandIn,
  type ProviderStandIn,
  type SendGridMailBody,
} from '../support/provider-stand-in.js';

const email: OutboundNotification = {
  channel: 'email',
  to: 'billing@acme.example',
  subject: 'Invoice INV-42 is overdue',
  body: 'Hello,\nInvoice INV-42 (1 200,00 €) is <overdue>.',
  idempotencyKey: 'invoice:42:step:1:email',
};
const sms: OutboundNotification = {
  channel: 'sms',
  to: '+33612345678',
  body: 'Invoice INV-42 is overdue.',
  idempotencyKey: 'invoice:42:step:2:sms',
};

let standIn: ProviderStandIn;
beforeAll(async () => {
  standIn = await startProviderStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const sendgrid = (overrides: Partial<{ apiKey: string; from: string }> = {}): SendGridEmailSender =>
  new SendGridEmailSender({ apiKey: CREDS.sendgridApiKey, from: 'Relance <relance@example.test>', baseUrl: standIn.url, ...overrides });
const twilioSender = (overrides: Partial<{ authToken: string }> = {}): TwilioSmsSender =>
  new TwilioSmsSender({
    accountSid: CREDS.twilioAccountSid,
    authToken: CREDS.twilioAuthToken,
    from: '+15005550006',
    baseUrl: standIn.url,
    ...overrides,
  });

async function deliveryError(promise: Promise<unknown>): Promise<NotificationDeliveryError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotificationDeliveryError);
  return error as NotificationDeliveryError;
}

describe('SendGridEmailSender (real SDK against the stand-in)', () => {
  it('posts the mail with bearer auth, addresses, subject, bodies and the idempotency key', async () => {
    const receipt = await sendgrid().send(email);

    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request).toMatchObject({ provider: 'sendgrid', method: 'POST', path: '/v3/mail/send', status: 202 });
    expect(request.headers.authorization).toBe(`Bearer ${CREDS.sendgridApiKey}`);
    const mail = request.body as SendGridMailBody;
    expect(mail.from).toEqual({ email: 'relance@example.test', name: 'Relance' });
    expect(mail.personalizations?.[0].to).toEqual([{ email: 'billing@acme.example' }]);
    expect(mail.subject).toBe(email.subject);
    expect(mail.content).toEqual([
      { type: 'text/plain', value: email.body },
      { type: 'text/html', value: expect.stringContaining('is &lt;overdue&gt;.') },
    ]);
    expect(mail.custom_args).toEqual({ relance_idempotency_key: email.idempotencyKey });
    expect(mail.headers).toEqual({ 'X-Relance-Idempotency-Key': email.idempotencyKey });

    expect(receipt.status).toBe('sent');
    expect(receipt.providerMessageId).toEqual(expect.any(String));
    expect(receipt.providerMessageId).not.toHaveLength(0);
    expect(standIn.acceptedEmails()).toHaveLength(1);
  });

  it('maps an invalid recipient (400) to a non-retryable error carrying SendGrid’s message', async () => {
    const error = await deliveryError(sendgrid().send({ ...email, to: 'not-an-address' }));
    expect(error).toMatchObject({ provider: 'sendgrid', retryable: false, providerStatus: 400, code: 'NOTIFICATION_REJECTED' });
    expect(error.message).toContain('Does not contain a valid address.');
    expect(standIn.acceptedEmails()).toHaveLength(0);
  });

  it('maps a missing subject (400) to a non-retryable error', async () => {
    const error = await deliveryError(sendgrid().send({ ...email, subject: undefined }));
    expect(error).toMatchObject({ retryable: false, providerStatus: 400 });
    expect(error.message).toContain('The subject is required');
  });

  it('maps a wrong API key (401) to a non-retryable error', async () => {
    const error = await deliveryError(sendgrid({ apiKey: 'SG.wrong' }).send(email));
    expect(error).toMatchObject({ retryable: false, providerStatus: 401 });
    expect(error.message).not.toContain('SG.wrong');
  });

  it.each([500, 503, 429])('maps HTTP %i to a retryable error', async (status) => {
    standIn.failNext(status);
    const error = await deliveryError(sendgrid().send(email));
    expect(error).toMatchObject({ provider: 'sendgrid', retryable: true, providerStatus: status, code: 'NOTIFICATION_RETRYABLE' });
    expect(standIn.requests.map((r) => r.status)).toEqual([status]);
  });

  it('maps an unreachable host to a retryable error', async () => {
    const closed = await startProviderStandIn();
    await closed.close();
    const sender = new SendGridEmailSender({ apiKey: CREDS.sendgridApiKey, from: 'relance@example.test', baseUrl: closed.url });
    const error = await deliveryError(sender.send(email));
    expect(error).toMatchObject({ retryable: true, providerStatus: undefined });
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('TwilioSmsSender (real SDK against the stand-in)', () => {
  it('posts the form to the account’s Messages resource with basic auth', async () => {
    const receipt = await twilioSender().send(sms);

    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request).toMatchObject({
      provider: 'twilio',
      method: 'POST',
      path: `/2010-04-01/Accounts/${CREDS.twilioAccountSid}/Messages.json`,
      status: 201,
    });
    const basic = Buffer.from(`${CREDS.twilioAccountSid}:${CREDS.twilioAuthToken}`).toString('base64');
    expect(request.headers.authorization).toBe(`Basic ${basic}`);
    expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(request.body).toEqual({ To: '+33612345678', From: '+15005550006', Body: sms.body });

    expect(receipt.status).toBe('sent');
    expect(receipt.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(standIn.acceptedSms()).toHaveLength(1);
  });

  it('maps an invalid number (400) to a non-retryable error with Twilio’s code and message', async () => {
    const error = await deliveryError(twilioSender().send({ ...sms, to: '0612' }));
    expect(error).toMatchObject({ provider: 'twilio', retryable: false, providerStatus: 400 });
    expect(error.message).toContain('21211');
    expect(error.message).toContain("Invalid 'To' Phone Number");
  });

  it('maps wrong credentials (401) to a non-retryable error', async () => {
    const error = await deliveryError(twilioSender({ authToken: 'wrong' }).send(sms));
    expect(error).toMatchObject({ retryable: false, providerStatus: 401 });
    expect(error.message).toContain('Authenticate');
  });

  it.each([500, 429])('maps HTTP %i to a retryable error', async (status) => {
    standIn.failNext(status);
    const error = await deliveryError(twilioSender().send(sms));
    expect(error).toMatchObject({ provider: 'twilio', retryable: true, providerStatus: status });
  });

  it('recovers once the forced failures are used up', async () => {
    standIn.failNext(503, 2);
    const sender = twilioSender();
    await deliveryError(sender.send(sms));
    await deliveryError(sender.send(sms));
    await expect(sender.send(sms)).resolves.toMatchObject({ status: 'sent' });
    expect(standIn.requests.map((r) => r.status)).toEqual([503, 503, 201]);
  });
});

describe('ChannelRouterSender', () => {
  class FakeSender implements NotificationSender {
    readonly sent: OutboundNotification[] = [];
    constructor(private readonly id: string) {}
    async send(n: OutboundNotification): Promise<DeliveryReceipt> {
      this.sent.push(n);
      return { status: 'sent', providerMessageId: this.id };
    }
  }

  it('dispatches each notification to the sender of its channel', async () => {
    const emailSender = new FakeSender('email-1');
    const smsSender = new FakeSender('sms-1');
    const router = new ChannelRouterSender({ email: emailSender, sms: smsSender });

    await expect(router.send(email)).resolves.toEqual({ status: 'sent', providerMessageId: 'email-1' });
    await expect(router.send(sms)).resolves.toEqual({ status: 'sent', providerMessageId: 'sms-1' });
    expect(emailSender.sent).toEqual([email]);
    expect(smsSender.sent).toEqual([sms]);
  });

  it('rejects an unknown channel', async () => {
    const router = new ChannelRouterSender({ email: new FakeSender('e'), sms: new FakeSender('s') });
    await expect(router.send({ ...sms, channel: 'fax' as never })).rejects.toThrow('No sender for channel fax');
  });
});

describe('RecordingSender', () => {
  it('calls nothing and logs channel, recipient and subject', async () => {
    const lines: string[] = [];
    const receipt = await new RecordingSender((line) => lines.push(line)).send(email);
    expect(receipt).toEqual({ status: 'recorded', providerMessageId: null });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('email');
    expect(lines[0]).toContain(email.to);
    expect(lines[0]).toContain(email.subject);
    expect(standIn.requests).toHaveLength(0);
  });
});

describe('createNotificationSender', () => {
  it('records both channels when no provider is configured', async () => {
    const config = loadConfig({});
    expect(describeNotificationMode(config)).toEqual({ email: 'recorded', sms: 'recorded' });

    const lines: string[] = [];
    const sender = createNotificationSender(config, (line) => lines.push(line));
    await expect(sender.send(email)).resolves.toEqual({ status: 'recorded', providerMessageId: null });
    await expect(sender.send(sms)).resolves.toEqual({ status: 'recorded', providerMessageId: null });
    expect(lines).toHaveLength(2);
    expect(standIn.requests).toHaveLength(0);
  });

  it('uses SendGrid and Twilio when configured', async () => {
    const config = loadConfig(standIn.env());
    expect(describeNotificationMode(config)).toEqual({ email: 'sendgrid', sms: 'twilio' });

    const sender = createNotificationSender(config, () => {
      throw new Error('nothing should be recorded');
    });
    await expect(sender.send(email)).resolves.toMatchObject({ status: 'sent' });
    await expect(sender.send(sms)).resolves.toMatchObject({ status: 'sent' });
    expect(standIn.requests.map((r) => `${r.provider} ${r.status}`)).toEqual(['sendgrid 202', 'twilio 201']);
    expect(standIn.acceptedEmails()[0].from?.email).toBe(config.SENDGRID_FROM);
    expect(standIn.acceptedSms()[0].From).toBe(config.TWILIO_FROM);
  });

  it('refuses a Twilio account without a sender number at boot, naming the variable', () => {
    const { TWILIO_FROM: _omitted, ...env } = standIn.env();
    expect(() => loadConfig(env)).toThrow(/TWILIO_FROM/);
  });
});
