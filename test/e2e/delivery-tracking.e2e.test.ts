import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';
import { STAND_IN_CREDENTIALS } from '../support/provider-stand-in.js';
import { committedContract, withContractChecks } from '../support/openapi-contract.js';

/**
 * Provider webhooks with real signatures: an ECDSA P-256 key pair made here (its public half
 * configured as SendGrid's verification key) signs event posts exactly as SendGrid documents
 * (base64 DER ECDSA-SHA256 over the timestamp header followed by the raw body); Twilio status
 * callbacks are signed per Twilio's documented scheme (HMAC-SHA1 of the URL followed by each
 * sorted field name and value, keyed by the auth token), computed here independently of the SDK.
 */

const PUBLIC_URL = 'https://relance.example.test';
const REPLY_DOMAIN = 'reply.relance.example.test';
const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const otherKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

let platform: Platform;
beforeAll(async () => {
  // Every answer (API and webhooks) must match its documented status and schema.
  platform = withContractChecks(await startPlatform({
    env: {
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      RELANCE_PUBLIC_URL: PUBLIC_URL,
      RELANCE_REPLY_DOMAIN: REPLY_DOMAIN,
    },
  }));
});
afterAll(async () => {
  await platform?.close();
});

const contract = committedContract();

/** A webhook's answer, checked against its documented status and schema. */
async function answer(path: string, res: Response) {
  const body = await res.json() as any;
  expect(contract.problemsAt('POST', path, res.status, body, res.headers.get('content-type') ?? '')).toEqual([]);
  return { status: res.status, body };
}

function signSendGrid(privateKey: KeyObject, timestamp: string, body: string): string {
  return sign('sha256', Buffer.from(timestamp + body, 'utf8'), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
}

async function postSendGrid(events: unknown[], options: { key?: KeyObject; signature?: string | null; tamper?: (body: string) => string } = {}) {
  const body = JSON.stringify(events);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-twilio-email-event-webhook-timestamp': timestamp };
  const signature = options.signature === undefined ? signSendGrid(options.key ?? sendgridKeys.privateKey, timestamp, body) : options.signature;
  if (signature !== null) headers['x-twilio-email-event-webhook-signature'] = signature;
  const res = await fetch(`${platform.baseUrl}/api/v1/webhooks/sendgrid/events`, { method: 'POST', headers, body: options.tamper ? options.tamper(body) : body });
  return answer('/api/v1/webhooks/sendgrid/events', res);
}

function twilioSignature(token: string, url: string, fields: Record<string, string>): string {
  const data = url + Object.keys(fields).sort().map((k) => k + fields[k]).join('');
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

async function postTwilio(fields: Record<string, string>, options: { token?: string; signature?: string | null; url?: string } = {}) {
  const path = '/api/v1/webhooks/twilio/status';
  const signature = options.signature === undefined
    ? twilioSignature(options.token ?? STAND_IN_CREDENTIALS.twilioAuthToken, options.url ?? PUBLIC_URL + path, fields)
    : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(platform.baseUrl + path, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  return answer(path, res);
}

async function publishEmailScenario(): Promise<string> {
  const created = await platform.request('POST', '/api/v1/scenarios', {
    name: uniqueId('Email only'),
    definition: { steps: [{ key: 'nudge', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] }] },
  });
  expect(created.status).toBe(201);
  expect((await platform.request('POST', `/api/v1/scenarios/${created.body.id}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
  return created.body.id as string;
}

async function postInvoice(customerExternalId: string, customer: Record<string, unknown> = {}) {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, issueDate: isoDateDaysFromToday(-32), dueDate: isoDateDaysFromToday(-2), amount: '480.00', currency: 'EUR',
    customer: { externalId: customerExternalId, name: 'Brasserie Morel', email: 'compta@morel.example', phone: '+33622334455', language: 'fr', ...customer },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const sentMessages = (invoiceId: string, count = 1) => eventually(async () => {
  const list = (await platform.request('GET', `/api/v1/messages?invoiceId=${invoiceId}`)).body as any[];
  return list.length === count && list.every((m) => m.status === 'sent') ? list : null;
});

const delivery = async (messageId: string) => (await platform.request('GET', `/api/v1/messages/${messageId}/delivery`)).body;
describe('delivery tracking', () => {
  let customerExternalId: string;
  let email: any;

  beforeAll(async () => {
    const scenarioId = await publishEmailScenario();
    customerExternalId = uniqueId('CUST');
    expect((await platform.request('PUT', `/api/v1/scenario-assignments/customers/${customerExternalId}`, { scenarioId })).status).toBe(200);
    const invoice = await postInvoice(customerExternalId);
    [email] = await sentMessages(invoice.id);
  });

  test('customer emails carry a signed reply-to address and Relance\'s message id for the events', () => {
    const sent = platform.providers.acceptedEmails().find((m) => (m.custom_args as any)?.relance_message_id === email.id) as any;
    expect(sent).toBeDefined();
    expect(sent.reply_to.email).toMatch(new RegExp(`^reply\\+${email.id.replace(/-/g, '')}\\.[0-9a-f]{20}@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
    expect(email.providerMessageId).toEqual(expect.any(String));
  });

  test('unsigned and forged event posts are refused and write nothing', async () => {
    const events = [{ event: 'bounce', type: 'bounce', email: email.recipient, timestamp: 1_800_000_000, sg_event_id: uniqueId('ev'), sg_message_id: `${email.providerMessageId}.filter0001`, reason: '550 no such user' }];
    expect((await postSendGrid(events, { signature: null })).status).toBe(401);
    expect((await postSendGrid(events, { key: otherKeys.privateKey })).status).toBe(403);
    expect((await postSendGrid(events, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    // Signed, then altered on the way: the signature covers the raw bytes.
    expect((await postSendGrid(events, { tamper: (b) => b.replace('550 no such user', '550 no such user ') })).status).toBe(403);
    const after = await delivery(email.id);
    expect(after.events).toEqual([]);
    expect(after.deliveryStatus).toBeNull();
    const contacts = (await platform.request('GET', `/api/v1/customers/${customerExternalId}/contacts`)).body.contacts;
    expect(contacts[0].emailUndeliverableAt).toBeNull();
    const tasks = (await platform.request('GET', '/api/v1/tasks?kind=delivery_failed')).body.items as any[];
    expect(tasks.filter((t) => t.data?.messageId === email.id)).toEqual([]);
  });

  test('signed events build the message\'s history once; a hard bounce flags the contact, opens a task, and the next step goes by SMS', async () => {
    const base = { email: email.recipient, sg_message_id: `${email.providerMessageId}.filterdrecv-1`, relance_idempotency_key: 'ignored-when-the-id-matches', relance_message_id: email.id };
    const events = [
      { ...base, event: 'processed', timestamp: 1_800_000_000, sg_event_id: uniqueId('ev') },
      { ...base, event: 'delivered', timestamp: 1_800_000_005, sg_event_id: uniqueId('ev'), response: '250 OK' },
      { ...base, event: 'open', timestamp: 1_800_000_100, sg_event_id: uniqueId('ev') },
      // Matched by SendGrid's message id alone.
      { email: email.recipient, sg_message_id: `${email.providerMessageId}.filterdrecv-1`, event: 'click', url: 'https://pay.example', timestamp: 1_800_000_200, sg_event_id: uniqueId('ev') },
      { event: 'delivered', email: 'other@elsewhere.example', sg_message_id: 'unknown.filter', timestamp: 1_800_000_000, sg_event_id: uniqueId('ev') },
    ];
    expect((await postSendGrid(events)).body).toEqual({ received: 5, recorded: 4, duplicates: 0, unmatched: 1 });
    expect((await postSendGrid(events)).body).toEqual({ received: 5, recorded: 0, duplicates: 4, unmatched: 1 });
    let history = await delivery(email.id);
    expect(history.events.map((e: any) => e.event)).toEqual(['processed', 'delivered', 'open', 'click']);
    expect(history.deliveryStatus).toBe('click');

    // A temporary block does not flag the address; a hard bounce does.
    const blocked = { ...base, event: 'bounce', type: 'blocked', reason: '421 try later', timestamp: 1_800_000_300, sg_event_id: uniqueId('ev') };
    expect((await postSendGrid([blocked])).body.recorded).toBe(1);
    expect((await platform.request('GET', `/api/v1/customers/${customerExternalId}/contacts`)).body.contacts[0].emailUndeliverableAt).toBeNull();
    const bounce = { ...base, event: 'bounce', type: 'bounce', reason: '550 5.1.1 mailbox unavailable', timestamp: 1_800_000_400, sg_event_id: uniqueId('ev') };
    expect((await postSendGrid([bounce])).body.recorded).toBe(1);
    history = await delivery(email.id);
    expect(history.deliveryStatus).toBe('bounce');
    expect(history.events.at(-1)).toMatchObject({ provider: 'sendgrid', event: 'bounce', reason: 'bounce: 550 5.1.1 mailbox unavailable', occurredAt: new Date(1_800_000_400_000).toISOString() });
    const contact = (await platform.request('GET', `/api/v1/customers/${customerExternalId}/contacts`)).body.contacts[0];
    expect(contact).toMatchObject({ email: 'compta@morel.example', emailUndeliverableAt: new Date(1_800_000_400_000).toISOString(), undeliverableReason: 'bounce: 550 5.1.1 mailbox unavailable' });
    const [task] = ((await platform.request('GET', '/api/v1/tasks?kind=delivery_failed')).body.items as any[]).filter((t) => t.data?.messageId === email.id);
    expect(task).toMatchObject({ kind: 'delivery_failed', status: 'open', invoiceId: email.invoiceId, data: { channel: 'email', recipient: 'compta@morel.example', flaggedContactIds: [contact.id] } });

    // The customer's next email step: nobody else can be reached by email, so it goes by SMS.
    const next = await postInvoice(customerExternalId);
    const [sms] = await sentMessages(next.id);
    expect(sms).toMatchObject({ channel: 'sms', recipient: '+33622334455', step: 'nudge' });
    expect(platform.providers.acceptedSms().at(-1)).toMatchObject({ To: '+33622334455', StatusCallback: `${PUBLIC_URL}/api/v1/webhooks/twilio/status` });
    const missing = ((await platform.request('GET', '/api/v1/tasks?kind=contact_missing')).body.items as any[]).filter((t) => t.invoiceId === next.id);
    expect(missing).toEqual([]);

    // Twilio's status callbacks: forged and unsigned refused, nothing written; signed ones recorded once.
    const fields = { MessageSid: sms.providerMessageId, MessageStatus: 'delivered', AccountSid: STAND_IN_CREDENTIALS.twilioAccountSid, To: sms.recipient };
    expect((await postTwilio(fields, { signature: null })).status).toBe(401);
    expect((await postTwilio(fields, { token: 'not-the-auth-token' })).status).toBe(403);
    expect((await postTwilio(fields, { url: 'https://attacker.example/api/v1/webhooks/twilio/status' })).status).toBe(403);
    expect((await delivery(sms.id)).events).toEqual([]);
    expect((await postTwilio({ ...fields, MessageStatus: 'sent' })).body).toEqual({ recorded: true, matched: true });
    expect((await postTwilio({ ...fields, MessageStatus: 'sent' })).body).toEqual({ recorded: false, matched: true });
    expect((await postTwilio({ ...fields, MessageStatus: 'undelivered', ErrorCode: '30005' })).body).toEqual({ recorded: true, matched: true });
    const smsHistory = await delivery(sms.id);
    expect(smsHistory.events.map((e: any) => [e.provider, e.event, e.reason])).toEqual([['twilio', 'sent', null], ['twilio', 'undelivered', 'error 30005']]);
    expect((await platform.request('GET', `/api/v1/customers/${customerExternalId}/contacts`)).body.contacts[0].phoneUndeliverableAt).toEqual(expect.any(String));
    expect(((await platform.request('GET', '/api/v1/tasks?kind=delivery_failed')).body.items as any[]).filter((t) => t.data?.messageId === sms.id)).toHaveLength(1);

    // Neither address works now: the next step asks a collector for a contact instead of sending.
    const third = await postInvoice(customerExternalId);
    const asked = await eventually(async () =>
      ((await platform.request('GET', '/api/v1/tasks?kind=contact_missing')).body.items as any[]).find((t) => t.invoiceId === third.id) ?? null);
    expect(asked.data).toMatchObject({ channels: ['email'], roles: ['billing'] });
    expect((await platform.request('GET', `/api/v1/messages?invoiceId=${third.id}`)).body).toEqual([]);

    // A new address from the ERP clears the flag.
    await postInvoice(customerExternalId, { email: 'comptabilite@morel.example' });
    expect((await platform.request('GET', `/api/v1/customers/${customerExternalId}/contacts`)).body.contacts[0]).toMatchObject({ emailUndeliverableAt: null });
  });

  test('a reply to the signed reply-to address is threaded onto the customer\'s timeline with a task; other addresses are refused', async () => {
    const sent = platform.providers.acceptedEmails().find((m) => (m.custom_args as any)?.relance_message_id === email.id) as any;
    const replyTo: string = sent.reply_to.email;
    const inbound = (fields: Record<string, string>, attachment?: string) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      if (attachment) form.append('attachment1', new Blob(['%PDF-1.4 proof'], { type: 'application/pdf' }), attachment);
      return fetch(`${platform.baseUrl}/api/v1/webhooks/sendgrid/inbound`, { method: 'POST', body: form }).then((r) => answer('/api/v1/webhooks/sendgrid/inbound', r));
    };
    const reply = {
      from: 'Compta Morel <compta@morel.example>', to: `Relance <${replyTo}>`, subject: 'Re: Relance',
      text: 'Bonjour, le virement est parti hier. Cordialement.',
      headers: `Message-ID: <${uniqueId('m')}@morel.example>\r\nFrom: compta@morel.example\r\n`,
      envelope: JSON.stringify({ to: [replyTo], from: 'compta@morel.example' }),
    };

    const forgedToken = replyTo.replace(/\.[0-9a-f]{20}@/, `.${'0'.repeat(20)}@`);
    const forged = await inbound({ ...reply, to: forgedToken, envelope: JSON.stringify({ to: [forgedToken] }) });
    expect(forged).toMatchObject({ status: 403, body: { code: 'REPLY_ADDRESS_INVALID' } });
    const otherDomain = replyTo.replace(REPLY_DOMAIN, 'evil.example');
    expect((await inbound({ ...reply, to: otherDomain, envelope: JSON.stringify({ to: [otherDomain] }) })).status).toBe(403);
    expect((await delivery(email.id)).replies).toEqual([]);

    const first = await inbound(reply, 'proof.pdf');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ messageId: email.id, duplicate: false });
    expect((await inbound(reply, 'proof.pdf')).body).toMatchObject({ replyId: first.body.replyId, duplicate: true });

    const threaded = (await delivery(email.id)).replies;
    expect(threaded).toEqual([expect.objectContaining({ fromAddress: reply.from, subject: 'Re: Relance', text: reply.text, attachmentNames: ['proof.pdf'] })]);
    const account = (await platform.request('GET', `/api/v1/customers/${customerExternalId}`)).body;
    const entry = account.timeline.find((e: any) => e.type === 'reply_received');
    expect(entry).toMatchObject({ source: 'message', invoiceIds: [email.invoiceId], details: { replyId: first.body.replyId, messageId: email.id, text: reply.text } });
    const tasks = ((await platform.request('GET', '/api/v1/tasks?kind=customer_reply')).body.items as any[]).filter((t) => t.data?.replyId === first.body.replyId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'open', invoiceId: email.invoiceId });
  });
});
