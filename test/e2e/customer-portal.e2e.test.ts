/**
 * The customer portal's API against the real platform (API, worker, Temporal,
 * PostgreSQL): a customer email carries its contact's portal link; the link
 * opens a portal session (HttpOnly, SameSite=Strict cookie, CSRF on writes)
 * scoped to that customer: customer A's session cannot read or act on
 * customer B's invoices (404 / 400, nothing written). Actions reach the
 * dispute and promise workflows, the customer's timeline and a collector
 * task. Collectors list, revoke and reissue links; a revoked link and its
 * sessions stop at once; an expired one (injected clock) opens nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Clock } from '../../src/clock/clock.js';
import { createIntegration, createUsers, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

/** The API's "now": the machine's plus an offset a test moves (never a sleep). */
class MovableClock extends Clock {
  offsetMs = 0;
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }
}

interface PortalBrowser {
  cookie: string;
  csrf: string;
}

describe('customer portal API', () => {
  const clock = new MovableClock();
  let platform: Platform;
  let tokens: Record<string, string>;
  let erp: string;
  const a = { externalId: uniqueId('CUST-A'), name: 'Boulangeries Dupont SA', email: 'compta@dupont.example', language: 'fr' };
  const b = { externalId: uniqueId('CUST-B'), name: 'Garage Moreau', email: 'ap@moreau.example', language: 'en' };
  const inv: Record<'a1' | 'a2' | 'b1', { id: string; number: string }> = {} as never;
  let linkA: string;
  let linkB: string;
  let sessionA: PortalBrowser;
  let sessionB: PortalBrowser;

  async function push(customer: typeof a, dueInDays: number, amount: string) {
    const number = uniqueId('F2026');
    const res = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number, customer, issueDate: isoDateDaysFromToday(dueInDays - 30), dueDate: isoDateDaysFromToday(dueInDays), amount, currency: 'EUR',
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, number };
  }

  /** The portal link in the customer email about this invoice, as the worker stored it (development records messages for a person to read). */
  async function emailedPortalLink(invoiceId: string): Promise<string> {
    const email = await eventually(async () => {
      const list = (await platform.request('GET', `/api/v1/messages?invoiceId=${invoiceId}`)).body as { channel: string; body: string; status: string }[];
      return list.find((m) => m.channel === 'email' && m.status !== 'pending');
    }, 30_000);
    const url = /(http\S+\/portal\/open\?token=\S+)/.exec(email.body)?.[1];
    if (!url) throw new Error(`no portal link in: ${email.body}`);
    return url;
  }
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

  async function call(
    method: string, path: string,
    options: { session?: PortalBrowser; csrf?: boolean; json?: unknown; form?: FormData; bearer?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.session) headers.cookie = options.session.cookie;
    if (options.session && options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = options.session.csrf;
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(platform.baseUrl + path, {
      method, headers, body: options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
    });
    const type = res.headers.get('content-type') ?? '';
    const body = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: body as any, headers: res.headers };
  }

  async function open(token: string): Promise<{ status: number; body: any; session: PortalBrowser | null; setCookie: string }> {
    const res = await call('POST', '/api/v1/portal/session', { json: { token } });
    const setCookie = res.headers.get('set-cookie') ?? '';
    const cookie = /relance_portal=[^;]+/.exec(setCookie)?.[0];
    return { status: res.status, body: res.body, setCookie, session: cookie ? { cookie, csrf: res.body.csrfToken } : null };
  }

  const count = async (sql: string, params: unknown[]) => (await platform.db.dataSource.query(sql, params))[0].n as number;

  beforeAll(async () => {
    platform = await startPlatform({ clock });
    ({ tokens } = await createUsers(platform, { collector: ['collector'], validator: ['dispute_validator'] }));
    erp = (await createIntegration(platform)).token;
    inv.a1 = await push(a, -10, '1200.00');
    inv.a2 = await push(a, 20, '800.00');
    inv.b1 = await push(b, -10, '500.00');
    [linkA, linkB] = await Promise.all([emailedPortalLink(inv.a1.id), emailedPortalLink(inv.b1.id)]);
  }, 90_000);

  afterAll(async () => {
    await platform?.close();
  });

  test('every customer email carries its contact\'s link, in the contact\'s language; opening it sets a strict HttpOnly cookie', async () => {
    const emailA = (await platform.request('GET', `/api/v1/messages?invoiceId=${inv.a1.id}`)).body.find((m: { channel: string }) => m.channel === 'email');
    expect(emailA.body).toContain('Votre espace client');
    const emailB = (await platform.request('GET', `/api/v1/messages?invoiceId=${inv.b1.id}`)).body.find((m: { channel: string }) => m.channel === 'email');
    expect(emailB.body).toContain('Your customer space');
    // The SMS carries no link.
    const sms = (await platform.request('GET', `/api/v1/messages?invoiceId=${inv.a1.id}`)).body.filter((m: { channel: string }) => m.channel === 'sms');
    for (const m of sms) expect(m.body).not.toContain('/portal/open');

    // A form post (not JSON) opens nothing: no other site can open a session in a browser.
    const form = await fetch(`${platform.baseUrl}/api/v1/portal/session`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(tokenOf(linkA))}`,
    });
    expect(form.status).toBe(415);

    const opened = await open(tokenOf(linkA));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ customer: { name: a.name, externalId: a.externalId }, contact: { email: a.email, language: 'fr' }, canPay: false });
    expect(opened.setCookie).toMatch(/relance_portal=[^;]+;.*HttpOnly/i);
    expect(opened.setCookie).toMatch(/SameSite=Strict/i);
    sessionA = opened.session!;
    sessionB = (await open(tokenOf(linkB))).session!;
  });

  test('the session reads its own customer\'s open items and statement only', async () => {
    const account = await call('GET', '/api/v1/portal/account', { session: sessionA });
    expect(account.status).toBe(200);
    expect(account.body.openItems.map((i: { number: string }) => i.number).sort()).toEqual([inv.a1.number, inv.a2.number].sort());
    expect(account.body.balances).toEqual([{ currency: 'EUR', open: '2000.00', overdue: '1200.00' }]);
    const statement = await call('GET', '/api/v1/portal/statement', { session: sessionA });
    expect(statement.status).toBe(200);
    expect(statement.headers.get('content-type')).toBe('application/pdf');
    expect((statement.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('customer A\'s session cannot read or act on customer B\'s invoices: 404/400 and nothing is written', async () => {
    const disputesBefore = await count('SELECT count(*)::int AS n FROM disputes WHERE customer_id = (SELECT customer_id FROM invoices WHERE id = $1)', [inv.b1.id]);
    const promisesBefore = await count('SELECT count(*)::int AS n FROM payment_promises', []);
    const plansBefore = await count('SELECT count(*)::int AS n FROM payment_plans', []);

    expect((await call('GET', `/api/v1/portal/invoices/${inv.b1.id}`, { session: sessionA })).status).toBe(404);
    expect((await call('GET', `/api/v1/portal/invoices/${inv.b1.id}/document`, { session: sessionA })).status).toBe(404);
    expect((await call('POST', `/api/v1/portal/invoices/${inv.b1.id}/pay`, { session: sessionA })).status).toBe(404);
    const dispute = await call('POST', `/api/v1/portal/invoices/${inv.b1.id}/disputes`, { session: sessionA, json: { reasonCode: 'price', comment: 'not ours' } });
    expect(dispute.status).toBe(404);
    const promise = await call('POST', '/api/v1/portal/promises', {
      session: sessionA, json: { invoiceIds: [inv.b1.id], amount: '500.00', promisedFor: isoDateDaysFromToday(10) },
    });
    expect(promise.status).toBe(400);
    expect(promise.body.errors).toEqual([{ field: 'invoiceIds', messages: [`unknown invoice(s): ${inv.b1.id}`] }]);
    // Mixing its own invoice with another customer's does not help.
    const mixed = await call('POST', '/api/v1/portal/payment-plans', {
      session: sessionA, json: { invoiceIds: [inv.a2.id, inv.b1.id], instalments: 3, firstDueDate: isoDateDaysFromToday(15) },
    });
    expect(mixed.status).toBe(400);
    // B's letters are not A's either (an unknown or foreign message id is 404 alike).
    expect((await call('GET', `/api/v1/portal/letters/${inv.b1.id}`, { session: sessionA })).status).toBe(404);

    expect(await count('SELECT count(*)::int AS n FROM disputes WHERE customer_id = (SELECT customer_id FROM invoices WHERE id = $1)', [inv.b1.id])).toBe(disputesBefore);
    expect(await count('SELECT count(*)::int AS n FROM payment_promises', [])).toBe(promisesBefore);
    expect(await count('SELECT count(*)::int AS n FROM payment_plans', [])).toBe(plansBefore);
    // B still sees its own invoice.
    expect((await call('GET', `/api/v1/portal/invoices/${inv.b1.id}`, { session: sessionB })).status).toBe(200);
  });

  test('portal routes take the portal session only, staff routes never take it, and writes need the CSRF token', async () => {
    const staff = await call('GET', '/api/v1/portal/account', { bearer: tokens.collector });
    expect(staff.status).toBe(401);
    expect(staff.body.code).toBe('PORTAL_SESSION_REQUIRED');
    expect((await call('GET', `/api/v1/invoices/${inv.a1.id}`, { session: sessionA })).status).toBe(401);
    expect((await call('GET', `/api/v1/customers/${a.externalId}`, { session: sessionA })).status).toBe(401);
    const noCsrf = await call('POST', '/api/v1/portal/promises', {
      session: sessionA, csrf: false, json: { invoiceIds: [inv.a2.id], amount: '800.00', promisedFor: isoDateDaysFromToday(25) },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CSRF_TOKEN_INVALID');
  });

  test('the invoice PDF the ERP supplies is offered with the invoice', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% invoice\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const put = async (body: Buffer, type = 'application/pdf') => fetch(`${platform.baseUrl}/api/v1/invoices/${inv.a1.id}/document`, {
      method: 'PUT', headers: { authorization: `Bearer ${erp}`, 'content-type': type }, body,
    });
    expect((await put(pdf)).status).toBe(201);
    expect((await put(pdf)).status).toBe(200);
    expect((await put(Buffer.from('hello'))).status).toBe(400);
    expect((await put(pdf, 'text/plain')).status).toBe(415);
    expect((await fetch(`${platform.baseUrl}/api/v1/invoices/${inv.a1.id}/document`, {
      method: 'PUT', headers: { authorization: `Bearer ${tokens.collector}`, 'content-type': 'application/pdf' }, body: pdf,
    })).status).toBe(403);

    const view = await call('GET', `/api/v1/portal/invoices/${inv.a1.id}`, { session: sessionA });
    expect(view.body.documents).toEqual([{ kind: 'invoice', date: expect.any(String), url: `/api/v1/portal/invoices/${inv.a1.id}/document` }]);
    const doc = await call('GET', `/api/v1/portal/invoices/${inv.a1.id}/document`, { session: sessionA });
    expect(doc.status).toBe(200);
    expect(Buffer.compare(doc.body as Buffer, pdf)).toBe(0);
  });

  test('a dispute with an attachment and a promise reach their workflows, the timeline and the collector', async () => {
    const form = new FormData();
    form.set('reasonCode', 'damaged_goods');
    form.set('comment', 'Deux palettes abîmées à la livraison');
    form.set('attachment', new Blob([Buffer.from('%PDF-1.4 photo')], { type: 'application/pdf' }), 'bon-de-livraison.pdf');
    const disputed = await call('POST', `/api/v1/portal/invoices/${inv.a1.id}/disputes`, { session: sessionA, form });
    expect(disputed.status).toBe(201);
    const dispute = await eventually(async () => {
      const d = (await platform.request('GET', `/api/v1/disputes/${disputed.body.id}`)).body;
      return d.status === 'in_review' ? d : null;
    });
    expect(dispute).toMatchObject({ reasonCode: 'damaged_goods', comment: 'Deux palettes abîmées à la livraison', openedBy: { userId: null } });
    expect(dispute.openedBy.name).toContain(a.name);
    const attachment = (dispute.attachments as string[])[0]!;
    expect(attachment).toMatch(/^portal-attachment:/);
    const file = await call('GET', `/api/v1/portal-attachments/${attachment.slice('portal-attachment:'.length)}`, { bearer: tokens.collector });
    expect(file.status).toBe(200);
    expect((file.body as Buffer).toString()).toBe('%PDF-1.4 photo');
    // Need to know: a validator not assigned to the dispute cannot read its files by id.
    const { tokens: outsiders } = await createUsers(platform, { outsider: ['dispute_validator'] });
    expect((await call('GET', `/api/v1/portal-attachments/${attachment.slice('portal-attachment:'.length)}`, { bearer: outsiders.outsider })).status).toBe(404);

    const promised = await call('POST', '/api/v1/portal/promises', {
      session: sessionA, json: { invoiceIds: [inv.a2.id], amount: '800.00', promisedFor: isoDateDaysFromToday(25), note: 'Virement le 25' },
    });
    expect(promised.status).toBe(201);
    const promise = (await platform.request('GET', `/api/v1/promises/${promised.body.id}`)).body;
    expect(promise).toMatchObject({ status: 'open', channel: 'portal', amount: '800.00', invoices: [{ id: inv.a2.id }] });
    await eventually(async () => (await platform.temporal.workflow.getHandle(`promise-${promised.body.id}`).describe()).status.name === 'RUNNING');

    const account = (await platform.request('GET', `/api/v1/customers/${a.externalId}`)).body;
    const portalEntries = account.timeline.filter((e: { source: string }) => e.source === 'portal').map((e: { type: string }) => e.type);
    expect(portalEntries).toEqual(expect.arrayContaining(['portal_opened', 'dispute_opened', 'promise_made']));
    const tasks = (await platform.request('GET', `/api/v1/tasks?kind=customer_portal&customer=${a.externalId}`)).body.items as { title: string; titleCode: string; titleParams: Record<string, unknown> }[];
    expect(tasks.map((t) => t.title)).toEqual(expect.arrayContaining([expect.stringContaining(`disputed invoice ${inv.a1.number}`), expect.stringContaining('promised 800.00 EUR')]));
    // The same titles as codes with params, for the console's translations.
    expect(tasks.map((t) => [t.titleCode, t.titleParams])).toEqual(expect.arrayContaining([
      ['PORTAL_DISPUTE', expect.objectContaining({ invoice: inv.a1.number })],
      ['PORTAL_PROMISE', expect.objectContaining({ amount: '800.00', currency: 'EUR', promisedFor: isoDateDaysFromToday(25), invoices: inv.a2.number })],
    ]));
  });

  test('the same submission twice (a double click, a retried request) makes one dispute, one promise and one plan, and writes nothing more', async () => {
    const [d, p, q] = [await push(a, -5, '300.00'), await push(a, 15, '450.00'), await push(a, 30, '600.00')];
    const tables = ['disputes', 'payment_promises', 'payment_plans', 'portal_events', 'portal_attachments', 'collector_tasks'];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(`SELECT count(*)::int AS n FROM ${t}`, [])])));
    const before = await counts();
    const disputeForm = () => {
      const form = new FormData();
      form.set('reasonCode', 'price');
      form.set('comment', 'Prix unitaire erroné');
      form.set('attachment', new Blob([Buffer.from('%PDF-1.4 tarif')], { type: 'application/pdf' }), 'tarif.pdf');
      return form;
    };
    const dispute = (key: string) => call('POST', `/api/v1/portal/invoices/${d.id}/disputes`, { session: sessionA, form: disputeForm(), headers: { 'idempotency-key': key } });
    const promise = (key: string) => call('POST', '/api/v1/portal/promises', {
      session: sessionA, json: { invoiceIds: [p.id], amount: '450.00', promisedFor: isoDateDaysFromToday(20) }, headers: { 'idempotency-key': key },
    });
    const plan = (key: string) => call('POST', '/api/v1/portal/payment-plans', {
      session: sessionA, json: { invoiceIds: [q.id], instalments: 3, firstDueDate: isoDateDaysFromToday(35) }, headers: { 'idempotency-key': key },
    });

    // A double click: both requests at once. A browser retry: the same request again afterwards.
    for (const send of [dispute, promise, plan]) {
      const key = uniqueId('submission');
      const [first, clicked] = await Promise.all([send(key), send(key)]);
      const retried = await send(key);
      expect([first, clicked, retried].map((r) => (r.status === 201 ? 201 : r.body))).toEqual([201, 201, 201]);
      expect(clicked.body).toEqual(first.body);
      expect(retried.body.id).toBe(first.body.id);
    }
    const after = await counts();
    expect(after).toEqual({
      ...before, disputes: before.disputes + 1, payment_promises: before.payment_promises + 1, payment_plans: before.payment_plans + 1,
      // One timeline entry, one attachment and one collector task per submission.
      portal_events: before.portal_events + 3, portal_attachments: before.portal_attachments + 1, collector_tasks: before.collector_tasks + 3,
    });

    // A new submission (a new key) is a new promise; customer B sending A's key gets nothing of A's.
    const key = uniqueId('submission');
    const fresh = await push(a, 25, '200.00');
    const again = await call('POST', '/api/v1/portal/promises', {
      session: sessionA, json: { invoiceIds: [fresh.id], amount: '200.00', promisedFor: isoDateDaysFromToday(20) }, headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect((await platform.request('GET', `/api/v1/promises/${again.body.id}`)).body.invoices).toEqual([expect.objectContaining({ id: fresh.id })]);
    const fromB = await call('POST', '/api/v1/portal/promises', {
      session: sessionB, json: { invoiceIds: [inv.b1.id], amount: '100.00', promisedFor: isoDateDaysFromToday(20) }, headers: { 'idempotency-key': key },
    });
    expect(fromB.status).toBe(201);
    expect(fromB.body.id).not.toBe(again.body.id);
    expect((await platform.request('GET', `/api/v1/promises/${fromB.body.id}`)).body.invoices).toEqual([expect.objectContaining({ id: inv.b1.id })]);

    const malformed = await promise('short');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'Idempotency-Key', messages: [expect.stringContaining('8 to 100')] }]);
    expect(await count('SELECT count(*)::int AS n FROM payment_promises', [])).toBe(after.payment_promises + 2);
  });

  test('a collector lists, revokes and reissues links: a revoked link and its sessions stop at once; an altered one opens nothing', async () => {
    const tampered = tokenOf(linkA).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const bad = await open(tampered);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('PORTAL_LINK_INVALID');
    expect(bad.session).toBeNull();

    const listed = await call('GET', `/api/v1/customers/${a.externalId}/portal-links`, { bearer: tokens.collector });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ issuedBy: 'email', active: true, contact: expect.objectContaining({ email: a.email }) })]);
    expect((await call('GET', `/api/v1/customers/${a.externalId}/portal-links`, { bearer: tokens.validator })).status).toBe(403);

    const revoked = await call('POST', `/api/v1/customers/${a.externalId}/portal-links/${listed.body[0].id}/revoke`, { bearer: tokens.collector });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect((await call('GET', '/api/v1/portal/account', { session: sessionA })).status).toBe(401);
    const again = await open(tokenOf(linkA));
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('PORTAL_LINK_REVOKED');
    // Another customer's link is untouched; a link id of B's is not A's to revoke.
    expect((await call('GET', '/api/v1/portal/account', { session: sessionB })).status).toBe(200);
    const bLinks = (await call('GET', `/api/v1/customers/${b.externalId}/portal-links`, { bearer: tokens.collector })).body;
    expect((await call('POST', `/api/v1/customers/${a.externalId}/portal-links/${bLinks[0].id}/revoke`, { bearer: tokens.collector })).status).toBe(404);

    const reissued = await call('POST', `/api/v1/customers/${a.externalId}/portal-links`, { bearer: tokens.collector, json: { contactEmail: a.email, revokeOthers: true } });
    expect(reissued.status).toBe(201);
    expect(reissued.body.url).toContain('/portal/open?token=');
    const fresh = await open(tokenOf(reissued.body.url));
    expect(fresh.status).toBe(200);
    expect((await call('GET', '/api/v1/portal/account', { session: fresh.session! })).status).toBe(200);
  });

  test('past its expiry (the API\'s clock moved, no sleep) a link opens nothing and its sessions end', async () => {
    const days = platform.config.RELANCE_PORTAL_LINK_DAYS;
    clock.offsetMs = (days + 1) * 86_400_000;
    try {
      const expired = await open(tokenOf(linkB));
      expect(expired.status).toBe(410);
      expect(expired.body.code).toBe('PORTAL_LINK_EXPIRED');
      expect((await call('GET', '/api/v1/portal/account', { session: sessionB })).status).toBe(401);
    } finally {
      clock.offsetMs = 0;
    }
  });
});
