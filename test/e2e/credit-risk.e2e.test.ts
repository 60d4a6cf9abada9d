/**
 * Exposure, order check, credit policy and payment-behaviour scores end to
 * end: the real API, worker, Temporal dev server and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createIntegration, createUsers, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

describe('credit risk', () => {
  let platform: Platform;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startPlatform();
    const created = await createUsers(platform, { sales: ['sales'], cm: ['credit_manager'], fd: ['finance_director'], collector: ['collector'] });
    Object.assign(tokens, created.tokens, { erp: (await createIntegration(platform)).token });
    Object.assign(ids, created.ids);
    Object.assign(emails, created.emails);
  });
  afterAll(async () => {
    await platform?.close();
  });

  async function invoice(customerExternalId: string, amount: string, issueDate: string, dueDate: string): Promise<string> {
    const externalId = uniqueId('INV');
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId, number: uniqueId('F'), issueDate, dueDate, amount, currency: 'EUR',
      // The salesperson's own customer: `sales` checks orders of its own customers only.
      customer: { externalId: customerExternalId, name: 'Acme SARL', email: 'ap@acme.example', language: 'fr', salespersonEmail: emails.sales },
    });
    expect(res.status).toBe(201);
    return externalId;
  }
  const check = (externalId: string, amount: string, token: string = tokens.erp!) =>
    platform.request('POST', `/api/v1/customers/${externalId}/order-check`, { amount, currency: 'EUR' }, { apiKey: token });
  const put = (path: string, body: unknown, token: string = tokens.erp!) => platform.request('PUT', path, body, { apiKey: token });
  const tasksOf = async (externalId: string, kind: string) => (await platform.db.dataSource.query(
    `SELECT t.idempotency_key AS key, t.data FROM collector_tasks t JOIN customers c ON c.id = t.customer_id
      WHERE c.external_id = $1 AND t.kind = $2 ORDER BY t.created_at`, [externalId, kind],
  )) as { key: string; data: Record<string, unknown> }[];
  const mailsTo = async (userId: string, topic: string, externalId: string) => (await platform.db.dataSource.query(
    `SELECT m.subject FROM outbound_messages m JOIN users u ON u.email = m.recipient JOIN customers c ON c.id = m.customer_id
      WHERE u.id = $1 AND m.step = $2 AND m.audience = 'internal' AND c.external_id = $3`, [userId, topic, externalId],
  )) as { subject: string }[];

  test('request → two approvers decide through the API → limit updated → the order check flips from block to allow', async () => {
    const customer = uniqueId('C');
    await invoice(customer, '1000.00', isoDateDaysFromToday(-5), isoDateDaysFromToday(25));
    expect((await put(`/api/v1/customers/${customer}/credit-limit`, { amount: '500.00', currency: 'EUR' })).status).toBe(200);

    const blocked = await check(customer, '100.00');
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({
      decision: 'block', currency: 'EUR', limit: '500.00',
      exposure: { receivables: '1000.00', openOrders: '0.00', order: '100.00', afterOrder: '1100.00' }, headroom: '-600.00',
      reasons: [{ code: 'CREDIT_LIMIT', decision: 'block', value: '1100.00', threshold: '500.00' }],
    });

    const created = await platform.request('POST', '/api/v1/credit-limit-requests', {
      customerExternalId: customer, amount: '20000.00', currency: 'EUR', reason: 'Growing orders',
    }, { apiKey: tokens.sales! });
    expect(created.status).toBe(201);
    expect(created.body.levels.map((l: { role: string }) => l.role)).toEqual(['credit_manager', 'finance_director']);
    const id = created.body.id as string;
    const decide = (token: string) => platform.request('POST', `/api/v1/credit-limit-requests/${id}/decisions`, {
      decision: 'approve', comment: 'ok',
    }, { apiKey: token });
    expect((await decide(tokens.cm!)).status).toBe(200);
    // Still one level to go: the order is still blocked.
    expect((await check(customer, '100.00')).body.decision).toBe('block');
    expect((await decide(tokens.fd!)).body).toMatchObject({ status: 'approved', customerLimit: { amount: '20000.00' } });

    const allowed = await check(customer, '100.00', tokens.sales!);
    expect(allowed.body).toMatchObject({ decision: 'allow', reasons: [], limit: '20000.00', headroom: '18900.00' });
    const risk = await platform.request('GET', `/api/v1/customers/${customer}/risk`);
    expect(risk.body).toMatchObject({
      limit: { amount: '20000.00', history: [{ amount: '20000.00', kind: 'permanent', requestId: id }, { amount: '500.00', kind: 'manual' }] },
      exposure: { receivables: '1000.00', total: '1000.00', shareOfLimitPercent: '5.0' },
      // The payment prediction expects the open invoice within the 12 weeks shown.
      predictedReceipts: [{ amount: '1000.00', currency: 'EUR', invoiceCount: 1 }],
    });
  });

  test('order check: roles, field errors, unknown customer, currency mismatch, overdue invoices', async () => {
    const customer = uniqueId('C');
    await invoice(customer, '300.00', isoDateDaysFromToday(-90), isoDateDaysFromToday(-65));
    expect((await check(customer, '10.00', tokens.collector!)).status).toBe(403);
    const bad = await platform.request('POST', `/api/v1/customers/${customer}/order-check`, { amount: 'lots', currency: 'euro' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'currency']);
    expect((await check('nobody-here', '10.00')).status).toBe(404);
    // No limit recorded: the limit rule is not evaluated, the 65-day-old overdue invoice blocks.
    const overdue = await check(customer, '10.00');
    expect(overdue.body).toMatchObject({ decision: 'block', limit: null, reasons: [{ code: 'OVERDUE', value: '65', threshold: '60' }] });
    await put(`/api/v1/customers/${customer}/credit-limit`, { amount: '5000.00', currency: 'EUR' }, tokens.cm!);
    const usd = await platform.request('POST', `/api/v1/customers/${customer}/order-check`, { amount: '10.00', currency: 'USD' }, { apiKey: tokens.erp! });
    expect([usd.status, usd.body.code]).toEqual([422, 'CURRENCY_MISMATCH']);
    expect((await put(`/api/v1/customers/${customer}/credit-limit`, { amount: '10.00', currency: 'EUR' }, tokens.sales!)).status).toBe(403);
  });

  test('exposure alerts once per crossing (warning, over the limit), re-armed when exposure falls back', async () => {
    const customer = uniqueId('C');
    await invoice(customer, '1000.00', isoDateDaysFromToday(-5), isoDateDaysFromToday(25));
    await put(`/api/v1/customers/${customer}/credit-limit`, { amount: '2000.00', currency: 'EUR' });
    expect(await tasksOf(customer, 'credit_alert')).toEqual([]);

    const orders = (amount: string, asOf?: string) => put(`/api/v1/customers/${customer}/open-orders`, { amount, currency: 'EUR', ...(asOf ? { asOf } : {}) });
    expect((await orders('700.00')).body).toMatchObject({ amount: '700.00', currency: 'EUR' }); // 1700 = 85 % ≥ 80 %
    expect((await tasksOf(customer, 'credit_alert')).map((t) => t.data.level)).toEqual(['warning']);
    await orders('750.00'); // still a warning: no new alert
    expect(await tasksOf(customer, 'credit_alert')).toHaveLength(1);
    await orders('1500.00'); // 2500 > 2000
    await orders('1600.00');
    expect((await tasksOf(customer, 'credit_alert')).map((t) => t.data.level)).toEqual(['warning', 'over_limit']);
    await orders('0'); // back under: re-armed
    expect((await platform.request('GET', `/api/v1/customers/${customer}/risk`)).body.exposure.alertLevel).toBe('none');
    // A new invoice is a crossing too: 1000 + 700 = 85 % of 2000.
    await invoice(customer, '700.00', isoDateDaysFromToday(-1), isoDateDaysFromToday(29));
    expect((await tasksOf(customer, 'credit_alert')).map((t) => t.data.level)).toEqual(['warning', 'over_limit', 'warning']);
    await orders('1500.00');
    const tasks = await tasksOf(customer, 'credit_alert');
    expect(tasks.map((t) => t.data.level)).toEqual(['warning', 'over_limit', 'warning', 'over_limit']);
    expect(new Set(tasks.map((t) => t.key)).size).toBe(4);
    expect(await mailsTo(ids.cm!, 'credit.exposure_alert', customer)).toHaveLength(4);
    // Collectors see them in their task list, without an invoice.
    const listed = await platform.request('GET', '/api/v1/tasks?kind=credit_alert&status=open', undefined, { apiKey: tokens.collector! });
    expect(listed.status).toBe(200);
    expect(listed.body.items.filter((t: { data: { level: string }; invoiceId: string | null; customerName: string; title: string }) =>
      t.invoiceId === null && t.customerName === 'Acme SARL' && tasks.some((x) => x.data.level === t.data.level))).not.toHaveLength(0);
    // An older report does not replace a newer one.
    await orders('1.00', '2020-01-01T00:00:00Z');
    const risk = await platform.request('GET', `/api/v1/customers/${customer}/risk`);
    expect(risk.body.exposure).toMatchObject({ openOrders: '1500.00', total: '3200.00', shareOfLimitPercent: '160.0', alertLevel: 'over_limit' });
    expect((await put(`/api/v1/customers/${customer}/open-orders`, { amount: '1.00', currency: 'EUR' }, tokens.sales!)).status).toBe(403);
  });

  test('a customer never scored yet gets its class with reasons on its first risk view', async () => {
    const customer = uniqueId('C');
    await invoice(customer, '250.00', isoDateDaysFromToday(-3), isoDateDaysFromToday(27));
    const risk = await platform.request('GET', `/api/v1/customers/${customer}/risk`, undefined, { apiKey: tokens.cm! });
    expect(risk.status).toBe(200);
    expect(risk.body).toMatchObject({ riskClass: 'C', score: { class: 'C', behaviourClass: 'C', previousClass: null } });
    expect(risk.body.score.reasons.map((r: { code: string }) => r.code)).toContain('INSUFFICIENT_HISTORY');
    // Read again: the score is not written twice.
    await platform.request('GET', `/api/v1/customers/${customer}/risk`);
    expect(await platform.db.dataSource.query(
      `SELECT s.class FROM customer_scores s JOIN customers c ON c.id = s.customer_id WHERE c.external_id = $1`, [customer],
    )).toEqual([{ class: 'C' }]);
  });

  test('a payment rescores the customer; an external rating degrades the class, alerts the credit manager and blocks orders', async () => {
    const customer = uniqueId('C');
    const paid: string[] = [];
    for (const [issue, due] of [[-100, -70], [-80, -50], [-60, -30]]) paid.push(await invoice(customer, '400.00', isoDateDaysFromToday(issue!), isoDateDaysFromToday(due!)));
    const pay = await platform.request('POST', '/api/v1/payments', {
      externalId: uniqueId('PAY'), amount: '1200.00', currency: 'EUR', receivedAt: `${isoDateDaysFromToday(-31)}T10:00:00Z`,
      allocations: paid.map((invoiceExternalId) => ({ invoiceExternalId, amount: '400.00' })),
    });
    expect(pay.status).toBe(201);
    // Paid 39, 19 and 0 days late (weighted average 19.3): class C. The payment writes the score (not the risk view's first read).
    await eventually(async () => ((await platform.db.dataSource.query(
      `SELECT 1 FROM customer_scores s JOIN customers c ON c.id = s.customer_id WHERE c.external_id = $1`, [customer],
    )) as unknown[]).length > 0);
    const scored = (await platform.request('GET', `/api/v1/customers/${customer}/risk`)).body;
    expect(scored).toMatchObject({ riskClass: 'C', score: { class: 'C', behaviourClass: 'C', figures: { averageDaysLate: { days: '19.3' } } } });
    expect(scored.score.reasons.map((r: { code: string }) => r.code)).toContain('AVERAGE_DAYS_LATE');

    const bad = await platform.request('POST', `/api/v1/customers/${customer}/external-score`, { provider: 'X', asOf: 'soon' }, { apiKey: tokens.cm! });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'score']);
    const future = await platform.request('POST', `/api/v1/customers/${customer}/external-score`, {
      provider: 'Insurer', rating: 'E', asOf: isoDateDaysFromToday(3),
    }, { apiKey: tokens.cm! });
    expect([future.status, future.body.errors?.[0]?.field]).toEqual([400, 'asOf']);
    const ext = await platform.request('POST', `/api/v1/customers/${customer}/external-score`, {
      provider: 'Insurer', rating: 'E', asOf: isoDateDaysFromToday(-2),
    }, { apiKey: tokens.cm! });
    expect(ext.status).toBe(200);
    expect(ext.body).toMatchObject({ riskClass: 'E', externalScore: { provider: 'Insurer', rating: 'E' }, score: { class: 'E', behaviourClass: 'C', previousClass: 'C' } });
    expect(ext.body.score.reasons.map((r: { code: string }) => r.code)).toContain('EXTERNAL_COMBINED');
    expect((await tasksOf(customer, 'class_degraded')).map((t) => t.data)).toEqual([{ from: 'C', to: 'E' }]);
    expect(await mailsTo(ids.cm!, 'credit.class_degraded', customer)).toHaveLength(1);
    // The ERP re-sends the customer with its own class: the computed one stands.
    const resent = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: uniqueId('F'), issueDate: isoDateDaysFromToday(0), dueDate: isoDateDaysFromToday(30),
      amount: '10.00', currency: 'EUR',
      customer: { externalId: customer, name: 'Acme SARL', email: 'ap@acme.example', language: 'fr', riskClass: 'A' },
    });
    expect(resent.status).toBe(201);
    expect((await platform.request('GET', `/api/v1/customers/${customer}/risk`)).body.riskClass).toBe('E');
    const order = await check(customer, '10.00');
    expect(order.body).toMatchObject({ decision: 'block', riskClass: 'E', reasons: [{ code: 'RISK_CLASS', decision: 'block' }] });
  });

  test('credit policy: field errors change nothing; a stored policy drives the order check and the approval chain', async () => {
    const before = await platform.request('GET', '/api/v1/credit-policy');
    expect(before.body).toMatchObject({ entity: null, source: 'built-in', exposureAlertSharePercent: 80, orderCheck: { overLimitDecision: 'block' } });
    const policy = {
      ...before.body, entity: undefined, source: undefined,
      orderCheck: { ...before.body.orderCheck, overLimitDecision: 'prepayment' },
      approval: { ...before.body.approval, bands: [{ upTo: '1000.00', approvers: ['credit_manager'] }, { upTo: null, approvers: ['finance_director'] }] },
    };
    delete policy.entity;
    delete policy.source;
    // The shape first (the documented DTO, field by field)…
    const bad = await put('/api/v1/credit-policy', {
      ...policy, exposureAlertSharePercent: 0,
      orderCheck: { ...policy.orderCheck, overLimitDecision: 'maybe', blockClasses: ['Z'] },
      approval: { ...policy.approval, bands: [{ upTo: '5000.00', approvers: ['credit_manager'] }, { upTo: 1000, approvers: ['cfo'] }] },
    }, tokens.cm!);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'approval.bands[1].upTo', 'exposureAlertSharePercent', 'orderCheck.blockClasses', 'orderCheck.overLimitDecision',
    ]);
    // …then the rules across fields: bands ascending, the last one open-ended.
    const unordered = await put('/api/v1/credit-policy', {
      ...policy, approval: { ...policy.approval, bands: [{ upTo: '5000.00', approvers: ['credit_manager'] }, { upTo: '1000.00', approvers: ['cfo'] }] },
    }, tokens.cm!);
    expect(unordered.status).toBe(400);
    expect(unordered.body.errors.map((e: { field: string }) => e.field)).toEqual(['approval.bands[1].upTo']);
    expect(unordered.body.errors[0].messages.join(' ')).toMatch(/ascending|open-ended/);
    expect((await platform.request('GET', '/api/v1/credit-policy')).body.source).toBe('built-in');
    expect((await put('/api/v1/credit-policy', policy, tokens.sales!)).status).toBe(403);

    const saved = await put('/api/v1/credit-policy', policy, tokens.cm!);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ source: 'default', orderCheck: { overLimitDecision: 'prepayment' }, approval: { bands: [{ upTo: '1000.00' }, { upTo: null }] } });
    expect((await platform.request('GET', '/api/v1/credit-policy?entity=default')).body).toMatchObject({ source: 'default', orderCheck: { overLimitDecision: 'prepayment' } });

    const customer = uniqueId('C');
    await invoice(customer, '1000.00', isoDateDaysFromToday(-5), isoDateDaysFromToday(25));
    await put(`/api/v1/customers/${customer}/credit-limit`, { amount: '500.00', currency: 'EUR' });
    expect((await check(customer, '1.00')).body).toMatchObject({ decision: 'prepayment', reasons: [{ code: 'CREDIT_LIMIT', decision: 'prepayment' }] });
    const request = await platform.request('POST', '/api/v1/credit-limit-requests', {
      customerExternalId: customer, amount: '5000.00', currency: 'EUR', reason: 'x',
    }, { apiKey: tokens.sales! });
    expect(request.status).toBe(201);
    expect(request.body.levels.map((l: { role: string }) => l.role)).toEqual(['finance_director']);
  });
});
