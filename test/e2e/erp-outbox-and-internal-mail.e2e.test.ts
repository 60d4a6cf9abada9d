import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createErpOutboxActivities } from '../../activities/erp-outbox.activities.js';
import { ErpDeliveryStarter } from '../../src/erp-outbox/erp-delivery.starter.js';
import { ErpOutboxService, ErpWebhookError } from '../../src/erp-outbox/erp-outbox.service.js';
import { InternalMailService } from '../../src/messages/internal-mail.service.js';
import { erpDeliveryWorkflowId } from '../../workflows/erp-outbox.definitions.js';
import { startErpWebhookStandIn, type ErpWebhookStandIn } from '../support/erp-webhook-stand-in.js';
import { createIntegration, startPlatform, type Platform } from '../support/platform.js';
import { withContractChecks } from '../support/openapi-contract.js';

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
    platform = withContractChecks(await startPlatform({ env: erp.env() }));
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

    const { deliverErpEvent } = createErpOutboxActivities({ erpOutbox: outbox, erpDeliveries: new ErpDeliveryStarter(platform.temporal, platform.config) });
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

  test('a refused event (400) is failed at once, listed, alerted to admins once; an admin retries it and it is delivered', async () => {
    const customerId = await seedCustomer(platform);
    const admin = await platform.request('POST', '/api/v1/users', { email: 'ops-admin@example.com', name: 'Ops', roles: ['admin'] });
    const erpUser = { body: await createIntegration(platform) };
    const collector = await platform.request('POST', '/api/v1/users', { email: 'col-erp@example.com', name: 'Col', roles: ['collector'] });
    const event = { idempotencyKey: 'credit-note:dispute-400', type: 'credit_note.requested', data: { disputeId: 'd-400', customer: { id: customerId, externalId: 'C-1' } } };
    const id = await platform.db.dataSource.transaction((m) => outbox.enqueue(m, event));
    const before = erp.deliveries.length;
    const emailsBefore = platform.providers.acceptedEmails().length;

    erp.script([400]);
    const delivery = await platform.temporal.workflow.start('erpDeliveryWorkflow', {
      workflowId: erpDeliveryWorkflowId(id), taskQueue: platform.config.TEMPORAL_TASK_QUEUE, args: [id],
    });
    expect(await delivery.result()).toEqual({ outcome: 'failed' });
    expect(erp.deliveries.slice(before).map((d) => [d.eventId, d.status])).toEqual([[id, 400]]);

    const failed = await platform.request('GET', '/api/v1/erp-events?status=failed', undefined, { apiKey: erpUser.body.token });
    expect(failed.status).toBe(200);
    expect(failed.body.map((e: { id: string }) => e.id)).toEqual([id]);
    expect(failed.body[0]).toMatchObject({
      status: 'failed', attempts: 1, lastError: 'ERP webhook refused the event: 400', lastResponse: { status: 400, body: '{"received":false}' },
      operatorRetries: 0,
    });
    const alerts = await platform.db.dataSource.query(
      `SELECT recipient, subject FROM outbound_messages WHERE audience = 'internal' AND step = 'erp_event.failed'`,
    );
    expect(alerts).toEqual([{ recipient: 'ops-admin@example.com', subject: 'ERP refused event credit_note.requested' }]);
    expect(platform.providers.acceptedEmails().length).toBe(emailsBefore + 1);

    // Only admins (and the operator key) retry: the ERP and collectors may not.
    expect((await platform.request('POST', `/api/v1/erp-events/${id}/retry`, undefined, { apiKey: erpUser.body.token })).status).toBe(403);
    expect((await platform.request('POST', `/api/v1/erp-events/${id}/retry`, undefined, { apiKey: collector.body.token })).status).toBe(403);
    const retried = await platform.request('POST', `/api/v1/erp-events/${id}/retry`, undefined, { apiKey: admin.body.token });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id, status: 'pending', operatorRetries: 1 });
    await expect(platform.temporal.workflow.getHandle(erpDeliveryWorkflowId(id)).result()).resolves.toEqual({ outcome: 'delivered' });
    expect((await platform.request('GET', `/api/v1/erp-events/${id}`)).body).toMatchObject({
      status: 'delivered', attempts: 2, lastError: null, failedAt: null, lastResponse: { status: 200, body: '{"received":true}' },
    });
    expect(erp.acknowledged().filter((d) => d.eventId === id)).toHaveLength(1);
    expect((await platform.request('GET', '/api/v1/erp-events?status=failed')).body).toEqual([]);
    // No second alert: one per failure.
    expect(await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM outbound_messages WHERE step = 'erp_event.failed'`)).toEqual([{ n: 1 }]);

    const again = await platform.request('POST', `/api/v1/erp-events/${id}/retry`);
    expect([again.status, again.body.code]).toEqual([409, 'ERP_EVENT_NOT_RETRYABLE']);
    expect((await platform.request('POST', '/api/v1/erp-events/00000000-0000-4000-8000-000000000000/retry')).status).toBe(404);
  });

  test('a wrong signature is what an ERP would refuse (the stand-in checks it)', async () => {
    const res = await fetch(erp.url, { method: 'POST', headers: { 'relance-signature': 't=1,v1=00' }, body: '{"id":"x"}' });
    expect(res.status).toBe(401);
  });
});

describe('ERP outbox without a webhook: the ERP pulls and acknowledges', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = withContractChecks(await startPlatform({ worker: false }));
  });
  afterAll(async () => {
    await platform?.close();
  });

  test('events are held, listed oldest first, acknowledged by an erp user; other roles get 403', async () => {
    // Without a webhook nothing is refused, so neither the mail service nor the users directory is reached.
    const service = new ErpOutboxService(platform.db.dataSource, platform.config, undefined as never, undefined as never);
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
