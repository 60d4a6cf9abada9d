import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createErpOutboxActivities } from '../../activities/erp-outbox.activities.js';
import { ErpOutboxService, ErpWebhookError } from '../../src/erp-outbox/erp-outbox.service.js';
import { InternalMailService } from '../../src/messages/internal-mail.service.js';
import { startErpWebhookStandIn, type ErpWebhookStandIn } from '../support/erp-webhook-stand-in.js';
import { createIntegration, startPlatform, type Platform } from '../support/platform.js';

async function seedCustomer(platform: Platform): Promise<string> {
  const [entity] = await platform.db.dataSource.query(
    `INSERT INTO legal_entities (code, name) VALUES ('FR01', 'Relance FR') ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  );
  const [customer] = await platform.db.dataSource.query(
    `INSERT INTO customers (entity_id, external_id, name) VALUES ($1, 'C-1', 'Acme') ON CONFLICT DO NOTHING RETURNING id`, [entity.id],
  );
  return customer?.id ?? (await platform.db.dataSource.query(`SELECT id FROM customers WHERE external_id = 'C-1'`))[0].id;
}

describe('ERP outbox with a webhook', () => {
  let platform: Platform;
  let erp: ErpWebhookStandIn;
  let outbox: ErpOutboxService;
  beforeAll(async () => {
    erp = await startErpWebhookStandIn();
    platform = await startPlatform({ env: erp.env() });
    outbox = platform.worker!.context.get(ErpOutboxService);
  });
  afterAll(async () => {
    await platform?.close();
    await erp?.close();
  });

  test('one row per business key; delivery retries until the ERP acknowledges, signed, never twice after', async () => {
    const event = { idempotencyKey: 'credit-note:dispute-1', type: 'credit_note.requested', data: { disputeId: 'd-1', amount: '120.00', currency: 'EUR' } };
    const id = await platform.db.dataSource.transaction((m) => outbox.enqueue(m, event));
    expect(await platform.db.dataSource.transaction((m) => outbox.enqueue(m, event))).toBe(id);

    const { deliverErpEvent } = createErpOutboxActivities({ erpOutbox: outbox });
    erp.script([503]);
    await expect(deliverErpEvent(id)).rejects.toBeInstanceOf(ErpWebhookError);
    const failed = await platform.request('GET', `/api/v1/erp-events/${id}`);
    expect(failed.body).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ERP webhook answered 503' });

    await expect(deliverErpEvent(id)).resolves.toBe('delivered');
    await expect(deliverErpEvent(id)).resolves.toBe('delivered');
    expect(erp.deliveries.map((d) => d.status)).toEqual([503, 200]);
    const [ack] = erp.acknowledged();
    expect(ack).toMatchObject({ eventId: id, type: 'credit_note.requested', signatureValid: true });
    expect(ack!.body).toMatchObject({ id, type: 'credit_note.requested', data: event.data });
    expect((await platform.request('GET', `/api/v1/erp-events/${id}`)).body).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
  });

  test('a wrong signature is what an ERP would refuse (the stand-in checks it)', async () => {
    const res = await fetch(erp.url, { method: 'POST', headers: { 'relance-signature': 't=1,v1=00' }, body: '{"id":"x"}' });
    expect(res.status).toBe(401);
  });
});

describe('ERP outbox without a webhook: the ERP pulls and acknowledges', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({ worker: false });
  });
  afterAll(async () => {
    await platform?.close();
  });

  test('events are held, listed oldest first, acknowledged by an erp user; other roles get 403', async () => {
    const service = new ErpOutboxService(platform.db.dataSource, platform.config);
    const first = await platform.db.dataSource.transaction((m) => service.enqueue(m, { idempotencyKey: 'k1', type: 'credit_limit.changed', data: { n: 1 } }));
    const second = await platform.db.dataSource.transaction((m) => service.enqueue(m, { idempotencyKey: 'k2', type: 'credit_limit.changed', data: { n: 2 } }));
    expect(await service.deliver(first)).toBe('held');
    expect(await service.deliver(second)).toBe('held');

    const erpUser = { body: await createIntegration(platform) };
    const collector = await platform.request('POST', '/api/v1/users', { email: 'col@example.com', name: 'Col', roles: ['collector'] });
    expect((await platform.request('GET', '/api/v1/erp-events?status=held', undefined, { apiKey: collector.body.token })).status).toBe(403);
    const held = await platform.request('GET', '/api/v1/erp-events?status=held', undefined, { apiKey: erpUser.body.token });
    expect(held.body.map((e: { id: string }) => e.id)).toEqual([first, second]);
    const acked = await platform.request('POST', `/api/v1/erp-events/${first}/ack`, undefined, { apiKey: erpUser.body.token });
    expect(acked.body).toMatchObject({ id: first, status: 'delivered' });
    const again = await platform.request('GET', '/api/v1/erp-events?status=held', undefined, { apiKey: erpUser.body.token });
    expect(again.body.map((e: { id: string }) => e.id)).toEqual([second]);
    expect((await platform.request('POST', '/api/v1/erp-events/not-a-uuid/ack')).status).toBe(404);
    expect((await platform.request('GET', '/api/v1/erp-events?status=lost')).status).toBe(400);
  });
});

describe('internal mail', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await platform?.close();
  });

  test('sent once per key through the provider; visible to its recipient and admins only', async () => {
    const customerId = await seedCustomer(platform);
    const mail = platform.worker!.context.get(InternalMailService);
    const message = { idempotencyKey: 'dispute:d1:assigned:u1', customerId, topic: 'dispute.assigned', to: 'Val@Example.com', subject: 'Dispute to review', body: 'Decide: https://x/decisions/abc' };
    const first = await mail.send(message);
    const second = await mail.send(message);
    expect(second.messageId).toBe(first.messageId);
    expect(first.status).toBe('sent');
    const emails = platform.providers.acceptedEmails();
    expect(emails).toHaveLength(1);
    expect(JSON.stringify(emails[0])).toContain('val@example.com');

    const val = await platform.request('POST', '/api/v1/users', { email: 'val@example.com', name: 'Val', roles: ['dispute_validator'] });
    const other = await platform.request('POST', '/api/v1/users', { email: 'otto@example.com', name: 'Otto', roles: ['collector'] });
    const mine = await platform.request('GET', '/api/v1/messages?audience=internal', undefined, { apiKey: val.body.token });
    expect(mine.body.map((m: { id: string; audience: string }) => [m.id, m.audience])).toEqual([[first.messageId, 'internal']]);
    const theirs = await platform.request('GET', '/api/v1/messages?audience=internal', undefined, { apiKey: other.body.token });
    expect(theirs.body).toEqual([]);
    const admin = await platform.request('GET', '/api/v1/messages?recipient=val@example.com');
    expect(admin.body).toHaveLength(1);
  });
});
