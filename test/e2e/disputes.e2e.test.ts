/**
 * Disputes end to end: the real API, worker, Temporal dev server and
 * PostgreSQL. A collector opens a dispute on an overdue invoice; its dunning
 * pauses; the validator gets an email with one signed link per decision; the
 * link's page shows what is decided, confirming accepts the dispute and the
 * invoice is reduced by the credit note. The same link again, a tampered
 * link, an expired link, a link for a validator not assigned and an API
 * decision by a non-assignee are refused and change nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DecisionLinkSigner } from '../../src/disputes/decision-links.js';
import { DisputeDecisionLink } from '../../src/disputes/dispute-decision-link.entity.js';
import { Dispute } from '../../src/disputes/dispute.entity.js';
import { eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';
import { withContractChecks } from '../support/openapi-contract.js';

describe('disputes', () => {
  let platform: Platform;
  const users: Record<string, { id: string; token: string; email: string }> = {};
  const group = uniqueId('grp').toLowerCase();

  beforeAll(async () => {
    platform = withContractChecks(await startPlatform());
    for (const [name, roles, groups] of [
      ['v1', ['dispute_validator'], [group]], ['mgr', ['dispute_validator'], []], ['collector', ['collector'], []],
      ['outsider', ['dispute_validator'], []],
    ] as const) {
      const email = `${name}-${uniqueId('u')}@relance.example`.toLowerCase();
      const created = await platform.request('POST', '/api/v1/users', { email, name, roles, groups });
      expect(created.status).toBe(201);
      users[name] = { id: created.body.id, token: created.body.token, email };
    }
    expect((await platform.request('PUT', `/api/v1/groups/${group}`, { name: 'Price disputes', managerUserId: users.mgr!.id })).status).toBe(200);
  });
  afterAll(async () => {
    await platform?.close();
  });

  const page = (path: string, method: 'GET' | 'POST' = 'GET') =>
    fetch(platform.baseUrl + path, {
      method, headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: method === 'POST' ? 'comment=Checked+with+sales' : undefined,
    }).then(async (r) => ({ status: r.status, html: await r.text(), type: r.headers.get('content-type') }));

  async function overdueInvoice(amount: string) {
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: uniqueId('F'),
      customer: { externalId: uniqueId('C'), name: 'Acme SARL', email: 'ap@acme.example', language: 'fr' },
      issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10), amount, currency: 'EUR',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function snapshot(disputeId: string, invoiceId: string) {
    const [d, inv] = await Promise.all([
      platform.request('GET', `/api/v1/disputes/${disputeId}`), platform.request('GET', `/api/v1/invoices/${invoiceId}`),
    ]);
    return { status: d.body.status, history: d.body.history.length, openAmount: inv.body.openAmount };
  }

  test('routing rules: field errors, then a rule for price disputes', async () => {
    const bad = await platform.request('POST', '/api/v1/dispute-rules', { reasonCode: 'nope', validatorGroup: 'X Y', resolutionHours: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reasonCode', 'resolutionHours', 'validatorGroup']);
    const band = await platform.request('POST', '/api/v1/dispute-rules', {
      reasonCode: 'price', validatorGroup: group, resolutionHours: 48, minAmount: '100.00', maxAmount: '50.00',
    });
    expect(band.status).toBe(400);
    expect(band.body.errors).toEqual([{ field: 'maxAmount', messages: ['maxAmount must be above minAmount'] }]);
    const rule = await platform.request('POST', '/api/v1/dispute-rules', { reasonCode: 'price', validatorGroup: group, resolutionHours: 48 });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ reasonCode: 'price', validatorGroup: group, resolutionHours: 48, secondLevelFrom: null });
    expect((await platform.request('GET', '/api/v1/dispute-rules', undefined, { apiKey: users.collector!.token })).status).toBe(403);
  });

  test('dispute on an overdue invoice: dunning paused, decided from the email link, invoice reduced; bad links refused', async () => {
    const invoiceId = await overdueInvoice('1000.00');
    const opened = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [invoiceId], amount: '400.00', reasonCode: 'price', comment: 'Unit price 10 % above the order',
    }, { apiKey: users.collector!.token });
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ id: expect.any(String), status: 'open' });
    const id = opened.body.id as string;

    const inReview = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/disputes/${id}`);
      return r.body.status === 'in_review' && r.body;
    });
    expect(inReview).toMatchObject({ amount: { amount: '400.00', currency: 'EUR' }, validatorGroup: group, assignees: [{ id: users.v1!.id }] });
    const invoiceView = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/invoices/${invoiceId}`);
      return r.body.paused && r.body;
    });
    expect(invoiceView.pauses).toEqual([expect.objectContaining({ reason: `dispute:${id}` })]);

    // The validator's email: one link per decision.
    const mail = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/messages?recipient=${encodeURIComponent(users.v1!.email)}`);
      return (r.body as { step: string; body: string }[]).find((m) => m.step === 'dispute.decision_requested');
    });
    const links = Object.fromEntries([...mail.body.matchAll(/^(accept|reject|request_info): \S*(\/decisions\/[A-Za-z0-9_.-]+)$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(links).sort()).toEqual(['accept', 'reject', 'request_info']);
    const accept = links.accept!;
    const before = await snapshot(id, invoiceId);

    // A non-assignee through the API: 403, nothing recorded.
    const byOutsider = await platform.request('POST', `/api/v1/disputes/${id}/decisions`, { decision: 'accept', comment: 'mine' }, { apiKey: users.outsider!.token });
    expect(byOutsider.status).toBe(403);
    expect(byOutsider.body.code).toBe('NOT_ASSIGNED');
    const aboveAmount = await platform.request('POST', `/api/v1/disputes/${id}/decisions`, { decision: 'accept', amount: '400.01', comment: 'x' }, { apiKey: users.v1!.token });
    expect(aboveAmount.status).toBe(422);

    // Tampered: one character of the signature changed.
    const tampered = accept.slice(0, -2) + (accept.endsWith('A') ? 'BB' : 'AA');
    expect((await page(tampered)).status).toBe(400);
    expect((await page(tampered, 'POST')).status).toBe(400);
    // Tampered payload: the link re-pointed at another decision with the old signature.
    const [body, mac] = accept.slice('/decisions/'.length).split('.');
    const forged = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const reBody = Buffer.from(JSON.stringify({ ...forged, x: 'reject' })).toString('base64url');
    expect((await page(`/decisions/${reBody}.${mac}`, 'POST')).status).toBe(400);

    // Expired: signed with the platform's key, expiry in the past.
    const signer = new DecisionLinkSigner(platform.config);
    const expired = signer.sign({ d: id, u: users.v1!.id, l: 1, x: 'accept', e: Math.floor(Date.now() / 1000) - 60, n: signer.newNonce() });
    const expiredPage = await page(`/decisions/${expired}`, 'POST');
    expect(expiredPage.status).toBe(410);
    expect(expiredPage.html).toContain('expired');

    // A correctly signed link for a validator not assigned to this dispute: 403.
    const nonce = signer.newNonce();
    const e = Math.floor(Date.now() / 1000) + 3600;
    await platform.db.dataSource.manager.insert(DisputeDecisionLink, {
      nonce, disputeId: id, userId: users.outsider!.id, decision: 'accept', level: 1, expiresAt: new Date(e * 1000), usedAt: null,
    });
    const wrongValidator = await page(`/decisions/${signer.sign({ d: id, u: users.outsider!.id, l: 1, x: 'accept', e, n: nonce })}`, 'POST');
    expect(wrongValidator.status).toBe(403);
    expect(await platform.db.dataSource.manager.findOneByOrFail(DisputeDecisionLink, { nonce })).toMatchObject({ usedAt: null });
    expect(await snapshot(id, invoiceId)).toEqual(before);

    // The real link: a confirmation page, then the decision.
    const confirmation = await page(accept);
    expect(confirmation.status).toBe(200);
    expect(confirmation.type).toContain('text/html');
    expect(confirmation.html).toContain('Accept');
    expect(confirmation.html).toContain('400.00 EUR');
    expect(confirmation.html).toContain(`<form method="post" action="${accept}">`);
    expect(await snapshot(id, invoiceId)).toEqual(before);
    const confirmed = await page(accept, 'POST');
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('Decision recorded');

    const closed = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/disputes/${id}`);
      return r.body.status === 'closed' && r.body;
    });
    expect(closed).toMatchObject({ acceptedAmount: { amount: '400.00', currency: 'EUR' }, invoices: [{ invoiceId, openAmount: { amount: '600.00' } }] });
    expect(closed.history.map((h: { event: string }) => h.event)).toEqual(expect.arrayContaining(['opened', 'review_started', 'accepted', 'closed']));
    expect(closed.history.find((h: { event: string }) => h.event === 'accepted')).toMatchObject({
      by: { userId: users.v1!.id }, comment: 'Checked with sales', data: { amountMinor: '40000', level: 1 },
    });
    const invoiceAfter = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/invoices/${invoiceId}`);
      return !r.body.paused && r.body;
    });
    expect(invoiceAfter).toMatchObject({ openAmount: '600.00', status: 'open', disputes: [] });
    const erp = await platform.request('GET', '/api/v1/erp-events');
    expect(JSON.stringify(erp.body)).toContain('credit_note.requested');

    // The same link again: refused, nothing changes.
    const after = await snapshot(id, invoiceId);
    expect((await page(accept)).status).toBe(409);
    expect((await page(accept, 'POST')).status).toBe(409);
    expect((await page(links.reject!, 'POST')).status).toBe(409);
    expect(await snapshot(id, invoiceId)).toEqual(after);

    // Statistics: the accepted dispute counts; another one is open by reason.
    const other = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [await overdueInvoice('250.00')], reasonCode: 'delivery', comment: 'Never delivered',
    }, { apiKey: users.collector!.token });
    expect(other.status).toBe(201);
    const stats = await platform.request('GET', `/api/v1/disputes/stats?from=${isoDateDaysFromToday(-1)}&to=${isoDateDaysFromToday(1)}`);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      openByReason: [{ reasonCode: 'delivery', count: 1, amount: '250.00', currency: 'EUR' }],
      resolved: 1, accepted: 1, acceptanceRate: 1, averageResolutionHours: expect.any(Number), p90ResolutionHours: expect.any(Number),
    });
  });

  test('a short payment opens a dispute of type deduction for the difference, once', async () => {
    const invoiceId = await overdueInvoice('1000.00');
    const invoice = await platform.request('GET', `/api/v1/invoices/${invoiceId}`);
    const externalId = uniqueId('PAY');
    const payment = {
      externalId, amount: '700.00', currency: 'EUR', receivedAt: new Date().toISOString(),
      allocations: [{ invoiceExternalId: invoice.body.externalId, amount: '700.00', deduction: { amount: '300.00', comment: 'Damaged pallet' } }],
    };
    const tooMuch = await platform.request('POST', '/api/v1/payments', {
      ...payment, externalId: uniqueId('PAY'), allocations: [{ ...payment.allocations[0], deduction: { amount: '300.01' } }],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([expect.objectContaining({ field: 'allocations[0].deduction.amount' })]);

    expect((await platform.request('POST', '/api/v1/payments', payment)).status).toBe(201);
    expect((await platform.request('POST', '/api/v1/payments', payment)).status).toBe(200);
    const rows = await platform.db.dataSource.manager.findBy(Dispute, { type: 'deduction' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reasonCode: 'deduction', amountMinor: 30_000n, invoices: [{ invoiceId, amountMinor: '30000' }] });
    const view = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/disputes/${rows[0]!.id}`);
      return r.body.status === 'in_review' && r.body;
    });
    expect(view).toMatchObject({ type: 'deduction', comment: 'Damaged pallet', amount: { amount: '300.00' }, validatorGroup: 'disputes' });
    const after = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/invoices/${invoiceId}`);
      return r.body.paused && r.body;
    });
    expect(after.openAmount).toBe('300.00');
    expect(after.disputes).toEqual([{ id: rows[0]!.id, status: 'in_review', reasonCode: 'deduction', disputedAmount: '300.00' }]);
  });

  test('through the API: request_info, the collector answers, partial acceptance; unknown dispute 404', async () => {
    const invoiceId = await overdueInvoice('800.00');
    const opened = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [invoiceId], reasonCode: 'price', comment: 'Discount not applied', attachments: ['doc-42'],
    }, { apiKey: users.collector!.token });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await eventually(async () => (await platform.request('GET', `/api/v1/disputes/${id}`)).body.status === 'in_review');
    const decideAs = (who: string, body: unknown) =>
      platform.request('POST', `/api/v1/disputes/${id}/decisions`, body, { apiKey: users[who]!.token });

    const asked = await decideAs('v1', { decision: 'request_info', comment: 'Which discount?' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'info_requested', attachments: ['doc-42'] });
    expect((await decideAs('v1', { decision: 'accept', comment: 'early' })).status).toBe(409);
    const badInfo = await platform.request('POST', `/api/v1/disputes/${id}/info`, { comment: '' }, { apiKey: users.collector!.token });
    expect(badInfo.status).toBe(400);
    const answered = await platform.request('POST', `/api/v1/disputes/${id}/info`, { comment: '5 % agreed on 2026-10-02' }, { apiKey: users.collector!.token });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('in_review');
    const accepted = await decideAs('v1', { decision: 'accept', amount: '40.00', comment: 'Discount confirmed' });
    expect(accepted.status).toBe(200);
    // Accepted, and possibly already closed by the time the view is read.
    expect(['accepted', 'closed']).toContain(accepted.body.status);
    expect(accepted.body.acceptedAmount).toEqual({ amount: '40.00', currency: 'EUR' });
    expect(accepted.body.history.map((e: { event: string; by: { userId: string | null } }) => [e.event, e.by.userId])).toEqual(expect.arrayContaining([
      ['info_requested', users.v1!.id], ['info_answered', users.collector!.id], ['accepted', users.v1!.id],
    ]));
    await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/invoices/${invoiceId}`);
      return r.body.openAmount === '760.00' && !r.body.paused;
    });
    expect((await platform.request('GET', '/api/v1/disputes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  test('statistics over a period and by month: counts, average and p90 resolution, acceptance rate', async () => {
    const invoiceId = await overdueInvoice('100.00');
    const inv = (await platform.db.dataSource.query<{ entity_id: string; customer_id: string }[]>(
      'SELECT entity_id, customer_id FROM invoices WHERE id = $1', [invoiceId]))[0]!;
    const m = platform.db.dataSource.manager;
    // In 2020, far from the other tests' disputes: resolution times known to the hour.
    const seeded = [
      ...Array.from({ length: 10 }, (_, i) => ({ created: '2020-03-02T08:00:00Z', hours: i + 1, accepted: i < 3, status: 'closed' })),
      { created: '2020-03-31T20:00:00Z', hours: 12, accepted: false, status: 'closed' },
      { created: '2020-02-10T09:00:00Z', hours: null, accepted: false, status: 'in_review' },
    ];
    for (const d of seeded) {
      const { identifiers } = await m.insert(Dispute, {
        entityId: inv.entity_id, customerId: inv.customer_id, reasonCode: d.hours === null ? 'price' : 'quantity', type: 'dispute',
        comment: 'seeded', attachments: [], currency: 'EUR', amountMinor: 1234n, invoices: [], status: d.status as Dispute['status'],
        acceptedAmountMinor: d.accepted ? 1000n : null, sourceKey: null, openedByUserId: null, openedByName: 'seed',
        snapshot: {} as Dispute['snapshot'], workflowId: uniqueId('seeded'),
      });
      const created = new Date(d.created);
      const resolved = d.hours === null ? null : new Date(created.getTime() + d.hours * 3_600_000);
      await m.query('UPDATE disputes SET created_at = $2, resolved_at = $3, closed_at = $3 WHERE id = $1', [identifiers[0]!.id, created, resolved]);
    }
    const get = (q: string) => platform.request('GET', `/api/v1/disputes/stats?${q}`);
    const year = await get('from=2020-01-01&to=2021-01-01&groupBy=month');
    expect(year.status).toBe(200);
    expect(year.body).toEqual({
      from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z',
      // Seeded rows carry no SLA in their snapshot: none counts past it.
      openByReason: [{ reasonCode: 'price', count: 1, amount: '12.34', currency: 'EUR', pastSla: 0 }],
      resolved: 11, accepted: 3, averageResolutionHours: 6.09, p90ResolutionHours: 10, acceptanceRate: 0.2727,
      months: [
        { month: '2020-02', opened: 1, resolved: 0, accepted: 0, averageResolutionHours: null, p90ResolutionHours: null, acceptanceRate: null },
        { month: '2020-03', opened: 11, resolved: 10, accepted: 3, averageResolutionHours: 5.5, p90ResolutionHours: 9.1, acceptanceRate: 0.3 },
        { month: '2020-04', opened: 0, resolved: 1, accepted: 0, averageResolutionHours: 12, p90ResolutionHours: 12, acceptanceRate: 0 },
      ],
    });
    // The period cuts by resolution instant: April alone holds the 12-hour one.
    const april = await get('from=2020-04-01&to=2020-05-01');
    expect(april.body).toMatchObject({ openByReason: [], resolved: 1, accepted: 0, averageResolutionHours: 12, acceptanceRate: 0 });
    expect(april.body.months).toBeUndefined();
    expect((await get('from=2020-05-01&to=2020-04-01')).status).toBe(400);
    expect((await get('groupBy=week')).status).toBe(400);
  });

  test('one dispute over two invoices: the amount spreads in order, both pause, the acceptance reduces both and pays off the first', async () => {
    const customer = { externalId: uniqueId('C'), name: 'Duo SAS', email: 'ap@duo.example', language: 'fr' };
    const ids: string[] = [];
    for (const amount of ['100.00', '200.00']) {
      const r = await platform.request('POST', '/api/v1/invoices', {
        externalId: uniqueId('INV'), number: uniqueId('F'), customer,
        issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10), amount, currency: 'EUR',
      });
      expect(r.status).toBe(201);
      ids.push(r.body.id as string);
    }
    const lone = await overdueInvoice('50.00');
    const mixed = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: [ids[0], lone], reasonCode: 'price', comment: 'Two customers',
    }, { apiKey: users.collector!.token });
    expect(mixed.status).toBe(400);
    const tooMuch = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: ids, amount: '300.01', reasonCode: 'price', comment: 'Too much',
    }, { apiKey: users.collector!.token });
    expect(tooMuch.status).toBe(400);

    const opened = await platform.request('POST', '/api/v1/disputes', {
      invoiceIds: ids, amount: '150.00', reasonCode: 'price', comment: 'Wrong price list on both',
    }, { apiKey: users.collector!.token });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const view = await eventually(async () => {
      const r = await platform.request('GET', `/api/v1/disputes/${id}`);
      return r.body.status === 'in_review' && r.body;
    });
    expect(view.invoices.map((i: { invoiceId: string; disputedAmount: { amount: string } }) => [i.invoiceId, i.disputedAmount.amount]))
      .toEqual([[ids[0], '100.00'], [ids[1], '50.00']]);
    for (const invoiceId of ids) {
      await eventually(async () => (await platform.request('GET', `/api/v1/invoices/${invoiceId}`)).body.paused === true);
    }
    const accepted = await platform.request('POST', `/api/v1/disputes/${id}/decisions`,
      { decision: 'accept', comment: 'Old price list' }, { apiKey: users.v1!.token });
    expect(accepted.status).toBe(200);
    const [first, second] = await Promise.all(ids.map((invoiceId) => eventually(async () => {
      const r = await platform.request('GET', `/api/v1/invoices/${invoiceId}`);
      return !r.body.paused && r.body.disputes.length === 0 && r.body;
    })));
    expect([first.openAmount, first.status]).toEqual(['0.00', 'paid']);
    expect([second.openAmount, second.status]).toEqual(['150.00', 'open']);
  });

  test('an ERP retrying with the same externalId gets the first dispute back (200) and opens nothing more', async () => {
    const invoiceId = await overdueInvoice('300.00');
    const externalId = uniqueId('ERP-DSP');
    const body = { invoiceIds: [invoiceId], amount: '30.00', reasonCode: 'quantity', comment: 'Two cartons missing', externalId };
    const first = await platform.request('POST', '/api/v1/disputes', body);
    expect(first.status).toBe(201);
    const again = await Promise.all([platform.request('POST', '/api/v1/disputes', body), platform.request('POST', '/api/v1/disputes', body)]);
    expect(again.map((r) => [r.status, r.body.id])).toEqual([[200, first.body.id], [200, first.body.id]]);
    const rows = await platform.db.dataSource.manager.findBy(Dispute, { sourceKey: `external:${externalId}` });
    expect(rows.map((d) => d.id)).toEqual([first.body.id]);
    // Without an externalId, each call is a new dispute.
    const other = await platform.request('POST', '/api/v1/disputes', { ...body, externalId: undefined, amount: '10.00' });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  test('a rule stating amounts routes only disputes in its currency: a EUR band never takes a dispute in JPY by raw number', async () => {
    const rule = (body: object) => platform.request('POST', '/api/v1/dispute-rules', { reasonCode: 'wrong_po_number', resolutionHours: 24, ...body });
    const anyCurrency = await rule({ validatorGroup: 'po-any', currency: 'JPY' });
    expect(anyCurrency.status).toBe(201);
    // No amount, no currency: it routes every currency (the currency given is not kept).
    expect(anyCurrency.body).toMatchObject({ minAmount: null, secondLevelFrom: null, currency: null });
    const bigEur = await rule({ validatorGroup: 'po-big-eur', minAmount: '1000.00', secondLevelFrom: '1500.00' });
    expect(bigEur.body).toMatchObject({ minAmount: '1000.00', secondLevelFrom: '1500.00', currency: 'EUR' });
    const bigJpy = await rule({ validatorGroup: 'po-big-jpy', minAmount: '150000', currency: 'jpy' });
    expect(bigJpy.body).toMatchObject({ minAmount: '150000', currency: 'JPY' });
    expect((await rule({ validatorGroup: 'po-bad', minAmount: '10.50', currency: 'JPY' })).body.errors.map((e: { field: string }) => e.field)).toEqual(['minAmount']);

    async function routedTo(amount: string, currency: string) {
      const invoice = await platform.request('POST', '/api/v1/invoices', {
        externalId: uniqueId('INV'), number: uniqueId('F'), customer: { externalId: uniqueId('C'), name: 'Tokyo KK', email: 'ap@tokyo.example' },
        issueDate: isoDateDaysFromToday(-5), dueDate: isoDateDaysFromToday(25), amount, currency,
      });
      expect(invoice.status).toBe(201);
      const opened = await platform.request('POST', '/api/v1/disputes', { invoiceIds: [invoice.body.id], reasonCode: 'wrong_po_number', comment: 'PO 4711' });
      expect(opened.status).toBe(201);
      const view = (await platform.request('GET', `/api/v1/disputes/${opened.body.id}`)).body;
      const [row] = await platform.db.dataSource.query(`SELECT snapshot->>'secondLevelFromMinor' AS second FROM disputes WHERE id = $1`, [opened.body.id]);
      return { group: view.validatorGroup, amount: view.amount, secondLevelFromMinor: row.second };
    }
    expect(await routedTo('2000.00', 'EUR')).toEqual({ group: 'po-big-eur', amount: { amount: '2000.00', currency: 'EUR' }, secondLevelFromMinor: '150000' });
    // 120 000 JPY: above the EUR band's 100 000 minor units by raw number, below the JPY band.
    expect(await routedTo('120000', 'JPY')).toEqual({ group: 'po-any', amount: { amount: '120000', currency: 'JPY' }, secondLevelFromMinor: null });
    expect(await routedTo('200000', 'JPY')).toMatchObject({ group: 'po-big-jpy', secondLevelFromMinor: null });
    expect(await routedTo('5000.00', 'USD')).toMatchObject({ group: 'po-any' });
    const listed = (await platform.request('GET', '/api/v1/dispute-rules')).body as { validatorGroup: string; currency: string | null }[];
    expect(listed.filter((r) => r.validatorGroup.startsWith('po-')).map((r) => [r.validatorGroup, r.currency]))
      .toEqual([['po-any', null], ['po-big-eur', 'EUR'], ['po-big-jpy', 'JPY']]);
  });
});
