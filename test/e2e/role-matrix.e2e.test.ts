/**
 * The role matrix of docs/security.md, walked against the real API, worker,
 * Temporal dev server and PostgreSQL: for every capability, each role either
 * reaches it or is refused. Writes are probed with an empty body, so an
 * allowed role gets the 400 of validation (the guard runs first) and nothing
 * changes. Need-to-know is probed on someone else's data: a salesperson's other
 * customers, a dispute outside a validator's group (404, as if absent).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Role } from '../../src/auth/principal.js';
import { createIntegration, createUsers, eventually, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

type Who = Role;
const EVERYONE: readonly Who[] = ['admin', 'credit_manager', 'collector', 'dispute_validator', 'sales', 'finance_manager', 'finance_director', 'cfo', 'erp', 'cash_manager'];
/** No such statement, line or credit: an allowed role gets 404 (or 400 on a write's empty body), the others 403. */
const NONE = '00000000-0000-4000-8000-000000000000';
const CASH: readonly Who[] = ['admin', 'credit_manager', 'cash_manager'];

interface Capability {
  name: string;
  method: string;
  /** Built once the fixtures exist. */
  path: (f: Fixtures) => string;
  body?: unknown;
  /** The answer of an allowed role (a write probed with an empty body: 400). */
  allowed: number;
  roles: readonly Who[];
  /** Roles let in by the route but narrowed to their own data: the probe on data that is not theirs, and its answer. */
  scoped?: { roles: readonly Who[]; path: (f: Fixtures) => string; refused: number };
}

interface Fixtures {
  ownCustomer: string;
  otherCustomer: string;
  ownInvoice: string;
  otherInvoice: string;
  assignedDispute: string;
  otherDispute: string;
  ownRequest: string;
  otherRequest: string;
}

const RECEIVABLES: readonly Who[] = ['admin', 'credit_manager', 'collector'];
const ADMIN_ONLY: readonly Who[] = ['admin'];

/** The matrix (docs/security.md lists the same rows). */
const MATRIX: Capability[] = [
  { name: 'push invoices', method: 'POST', path: () => '/api/v1/invoices', body: {}, allowed: 400, roles: ['admin', 'erp'] },
  { name: 'record payments', method: 'POST', path: () => '/api/v1/payments', body: {}, allowed: 400, roles: ['admin', 'erp'] },
  { name: 'list payments', method: 'GET', path: () => '/api/v1/payments', allowed: 200, roles: [...RECEIVABLES, 'erp', 'cash_manager'] },
  // Cash application (docs/cash.md): statements in from the ERP or a cash manager; collectors read the queue and allocate unapplied cash.
  { name: 'import a bank statement (a JSON body is not a statement file)', method: 'POST', path: () => '/api/v1/bank-statements', body: {}, allowed: 415, roles: [...CASH, 'erp'] },
  { name: 'a statement\'s lines', method: 'GET', path: () => `/api/v1/bank-statements/${NONE}/lines`, allowed: 404, roles: [...CASH, 'erp'] },
  { name: 'list imported statements', method: 'GET', path: () => '/api/v1/bank-statements', allowed: 200, roles: [...CASH, 'erp'] },
  { name: 'page a statement\'s lines by status (an unknown statement is a field error)', method: 'GET', path: () => `/api/v1/bank-lines?statement=${NONE}`, allowed: 400, roles: [...CASH, 'erp'] },
  { name: 'cash application queue', method: 'GET', path: () => '/api/v1/cash-application/queue', allowed: 200, roles: [...CASH, 'collector'] },
  { name: 'read a bank line', method: 'GET', path: () => `/api/v1/bank-lines/${NONE}`, allowed: 404, roles: [...CASH, 'collector'] },
  { name: 'confirm, correct or split a bank line', method: 'POST', path: () => `/api/v1/bank-lines/${NONE}/match`, body: {}, allowed: 400, roles: CASH },
  { name: 'unmatch a bank line', method: 'POST', path: () => `/api/v1/bank-lines/${NONE}/unmatch`, allowed: 404, roles: CASH },
  { name: 'ignore a bank line', method: 'POST', path: () => `/api/v1/bank-lines/${NONE}/ignore`, allowed: 404, roles: CASH },
  { name: 'unapplied cash', method: 'GET', path: () => '/api/v1/cash-application/unapplied', allowed: 200, roles: [...CASH, 'collector'] },
  { name: 'allocate unapplied cash', method: 'POST', path: () => `/api/v1/cash-application/unapplied/${NONE}/allocate`, body: {}, allowed: 400, roles: [...CASH, 'collector'] },
  { name: 'list invoices', method: 'GET', path: () => '/api/v1/invoices', allowed: 200, roles: [...RECEIVABLES, 'erp', 'sales'] },
  { name: 'store an invoice PDF (a JSON body is not a PDF)', method: 'PUT', path: (f) => `/api/v1/invoices/${f.ownInvoice}/document`, body: {}, allowed: 415, roles: ['admin', 'erp'] },
  { name: 'read an invoice PDF', method: 'GET', path: (f) => `/api/v1/invoices/${f.ownInvoice}/document`, allowed: 404, roles: [...RECEIVABLES, 'erp'] },
  { name: 'customer portal links', method: 'GET', path: (f) => `/api/v1/customers/${f.ownCustomer}/portal-links`, allowed: 200, roles: RECEIVABLES },
  { name: 'portal dispute attachments', method: 'GET', path: () => `/api/v1/portal-attachments/${NONE}`, allowed: 404, roles: [...RECEIVABLES, 'dispute_validator', 'finance_manager'] },
  {
    name: 'customer list and account', method: 'GET', path: (f) => `/api/v1/customers/${f.ownCustomer}`, allowed: 200,
    roles: [...RECEIVABLES, 'sales', 'finance_manager', 'finance_director', 'cfo'],
    scoped: { roles: ['sales'], path: (f) => `/api/v1/customers/${f.otherCustomer}`, refused: 404 },
  },
  { name: 'list credit-limit requests', method: 'GET', path: () => '/api/v1/credit-limit-requests', allowed: 200, roles: ['admin', 'credit_manager', 'finance_manager', 'finance_director', 'cfo', 'sales'] },
  { name: 'list disputes', method: 'GET', path: () => '/api/v1/disputes', allowed: 200, roles: [...RECEIVABLES, 'dispute_validator', 'finance_manager'] },
  { name: 'cancel an invoice', method: 'POST', path: (f) => `/api/v1/invoices/${f.ownInvoice}/cancel`, body: {}, allowed: 400, roles: ['admin', 'erp'] },
  { name: 'record credit notes', method: 'POST', path: () => '/api/v1/credit-notes', body: {}, allowed: 400, roles: ['admin', 'erp'] },
  { name: 'read a credit note', method: 'GET', path: () => '/api/v1/credit-notes/00000000-0000-4000-8000-000000000000', allowed: 404, roles: [...RECEIVABLES, 'erp'] },
  { name: 'write off an invoice', method: 'POST', path: (f) => `/api/v1/invoices/${f.ownInvoice}/write-off`, body: {}, allowed: 400, roles: ['admin', 'credit_manager'] },
  { name: 'decide a write-off', method: 'POST', path: () => '/api/v1/write-offs/00000000-0000-4000-8000-000000000000/decision', body: {}, allowed: 400, roles: ['admin', 'finance_manager', 'finance_director', 'cfo'] },
  { name: 'list write-offs', method: 'GET', path: () => '/api/v1/write-offs?status=pending_approval', allowed: 200, roles: [...RECEIVABLES, 'finance_manager', 'finance_director', 'cfo'] },
  { name: 'read a write-off', method: 'GET', path: () => '/api/v1/write-offs/00000000-0000-4000-8000-000000000000', allowed: 404, roles: [...RECEIVABLES, 'finance_manager', 'finance_director', 'cfo'] },
  {
    name: 'read an invoice', method: 'GET', path: (f) => `/api/v1/invoices/${f.ownInvoice}`, allowed: 200,
    roles: [...RECEIVABLES, 'erp', 'sales'], scoped: { roles: ['sales'], path: (f) => `/api/v1/invoices/${f.otherInvoice}`, refused: 404 },
  },
  { name: 'pull and acknowledge ERP events', method: 'GET', path: () => '/api/v1/erp-events', allowed: 200, roles: ['admin', 'erp'] },
  { name: 'read outbound messages (customer mail: receivables roles only)', method: 'GET', path: () => '/api/v1/messages', allowed: 200, roles: EVERYONE.filter((r) => r !== 'erp' && r !== 'cash_manager') },
  { name: 'download a letter', method: 'GET', path: () => '/api/v1/messages/00000000-0000-4000-8000-000000000000/document', allowed: 404, roles: RECEIVABLES },
  { name: 'worklist', method: 'GET', path: () => '/api/v1/worklist', allowed: 200, roles: RECEIVABLES },
  { name: 'collector tasks', method: 'GET', path: () => '/api/v1/tasks', allowed: 200, roles: RECEIVABLES },
  { name: 'assign, snooze, complete a task', method: 'POST', path: () => '/api/v1/tasks/00000000-0000-4000-8000-000000000000/completion', body: {}, allowed: 400, roles: RECEIVABLES },
  { name: 'log a call', method: 'POST', path: (f) => `/api/v1/customers/${f.ownCustomer}/calls`, body: {}, allowed: 400, roles: RECEIVABLES },
  { name: 'write a note on a customer or invoice', method: 'POST', path: (f) => `/api/v1/customers/${f.ownCustomer}/notes`, body: {}, allowed: 400, roles: RECEIVABLES },
  { name: 'read notes', method: 'GET', path: (f) => `/api/v1/invoices/${f.ownInvoice}/notes`, allowed: 200, roles: RECEIVABLES },
  { name: 'read portfolio rules and a customer\'s collector', method: 'GET', path: (f) => `/api/v1/customers/${f.ownCustomer}/collector`, allowed: 200, roles: RECEIVABLES },
  { name: 'edit portfolio rules', method: 'POST', path: () => '/api/v1/collector-rules', body: {}, allowed: 400, roles: ['admin', 'credit_manager'] },
  { name: 'assign a customer to a collector', method: 'PUT', path: (f) => `/api/v1/customers/${f.ownCustomer}/collector`, body: {}, allowed: 400, roles: ['admin', 'credit_manager'] },
  { name: 'decide a dunning checkpoint', method: 'POST', path: (f) => `/api/v1/invoices/${f.ownInvoice}/checkpoints/step/decision`, body: {}, allowed: 400, roles: RECEIVABLES },
  { name: 'pause dunning', method: 'POST', path: (f) => `/api/v1/customers/${f.ownCustomer}/pause`, body: {}, allowed: 400, roles: RECEIVABLES },
  { name: 'dunning calendar', method: 'GET', path: () => '/api/v1/calendar', allowed: 200, roles: RECEIVABLES },
  { name: 'cash forecast', method: 'GET', path: () => '/api/v1/cash-forecast', allowed: 200, roles: [...RECEIVABLES, 'finance_manager', 'finance_director', 'cfo'] },
  {
    name: 'customer risk', method: 'GET', path: (f) => `/api/v1/customers/${f.ownCustomer}/risk`, allowed: 200,
    roles: [...RECEIVABLES, 'finance_manager', 'finance_director', 'cfo', 'sales'],
    scoped: { roles: ['sales'], path: (f) => `/api/v1/customers/${f.otherCustomer}/risk`, refused: 404 },
  },
  {
    name: 'order check', method: 'POST', path: (f) => `/api/v1/customers/${f.ownCustomer}/order-check`, body: { amount: '1.00', currency: 'EUR' }, allowed: 200,
    roles: ['admin', 'credit_manager', 'erp', 'sales'],
    scoped: { roles: ['sales'], path: (f) => `/api/v1/customers/${f.otherCustomer}/order-check`, refused: 404 },
  },
  { name: 'set a credit limit, post an external score', method: 'PUT', path: (f) => `/api/v1/customers/${f.ownCustomer}/credit-limit`, body: {}, allowed: 400, roles: ['admin', 'credit_manager', 'erp'] },
  { name: 'credit policy', method: 'GET', path: () => '/api/v1/credit-policy', allowed: 200, roles: ['admin', 'credit_manager'] },
  { name: 'ask for a credit limit', method: 'POST', path: () => '/api/v1/credit-limit-requests', body: {}, allowed: 400, roles: ['admin', 'credit_manager', 'sales'] },
  {
    name: 'read a credit-limit request', method: 'GET', path: (f) => `/api/v1/credit-limit-requests/${f.ownRequest}`, allowed: 200,
    roles: ['admin', 'credit_manager', 'finance_manager', 'finance_director', 'cfo', 'sales'],
    scoped: { roles: ['sales'], path: (f) => `/api/v1/credit-limit-requests/${f.otherRequest}`, refused: 404 },
  },
  { name: 'decide a credit-limit request', method: 'POST', path: (f) => `/api/v1/credit-limit-requests/${f.ownRequest}/decisions`, body: {}, allowed: 400, roles: ['admin', 'credit_manager', 'finance_manager', 'finance_director', 'cfo'] },
  { name: 'open a dispute / answer its information request', method: 'POST', path: () => '/api/v1/disputes', body: {}, allowed: 400, roles: [...RECEIVABLES, 'erp'] },
  {
    name: 'read a dispute', method: 'GET', path: (f) => `/api/v1/disputes/${f.assignedDispute}`, allowed: 200,
    roles: [...RECEIVABLES, 'dispute_validator', 'finance_manager'],
    // Finance managers decide the second level, which only the price dispute's rule has.
    scoped: { roles: ['dispute_validator', 'finance_manager'], path: (f) => `/api/v1/disputes/${f.otherDispute}`, refused: 404 },
  },
  { name: 'decide a dispute', method: 'POST', path: (f) => `/api/v1/disputes/${f.assignedDispute}/decisions`, body: {}, allowed: 400, roles: ['admin', 'dispute_validator', 'finance_manager'] },
  { name: 'dispute statistics', method: 'GET', path: () => '/api/v1/disputes/stats', allowed: 200, roles: [...RECEIVABLES, 'dispute_validator', 'finance_manager'] },
  { name: 'dispute routing rules', method: 'GET', path: () => '/api/v1/dispute-rules', allowed: 200, roles: ['admin', 'credit_manager'] },
  { name: 'make a promise to pay', method: 'POST', path: () => '/api/v1/promises', body: {}, allowed: 400, roles: RECEIVABLES },
  { name: 'list promises to pay, CSV', method: 'GET', path: () => '/api/v1/promises', allowed: 200, roles: RECEIVABLES },
  { name: 'propose a payment plan', method: 'POST', path: () => '/api/v1/payment-plans', body: {}, allowed: 400, roles: RECEIVABLES },
  { name: 'list payment plans', method: 'GET', path: () => '/api/v1/payment-plans?status=pending_approval', allowed: 200, roles: RECEIVABLES },
  { name: 'decide a payment plan', method: 'POST', path: () => '/api/v1/payment-plans/00000000-0000-4000-8000-000000000000/decision', body: {}, allowed: 400, roles: ['admin', 'credit_manager'] },
  { name: 'promise statistics', method: 'GET', path: () => '/api/v1/promises/stats?from=2026-01-01&to=2026-12-31', allowed: 200, roles: RECEIVABLES },
  { name: 'read scenarios and their assignments', method: 'GET', path: () => '/api/v1/scenarios', allowed: 200, roles: RECEIVABLES },
  { name: 'edit scenarios, assignments, previews, simulations', method: 'POST', path: () => '/api/v1/scenarios', body: {}, allowed: 400, roles: ['admin', 'credit_manager'] },
  {
    name: 'scenario effectiveness', method: 'GET', path: () => '/api/v1/scenarios/00000000-0000-4000-8000-000000000000/effectiveness',
    allowed: 404, roles: ['admin', 'credit_manager'],
  },
  {
    name: 'compare an experiment\'s arms', method: 'GET', path: () => '/api/v1/scenarios/00000000-0000-4000-8000-000000000000/experiment',
    allowed: 404, roles: ['admin', 'credit_manager'],
  },
  {
    name: 'start an experiment', method: 'POST', path: () => '/api/v1/scenarios/00000000-0000-4000-8000-000000000000/experiment',
    body: {}, allowed: 400, roles: ['admin', 'credit_manager'],
  },
  {
    name: 'promote an experiment\'s arm', method: 'POST', path: () => '/api/v1/scenarios/00000000-0000-4000-8000-000000000000/experiment/promote',
    body: {}, allowed: 400, roles: ['admin', 'credit_manager'],
  },
  { name: 'read entity settings', method: 'GET', path: () => '/api/v1/entities/default/settings', allowed: 200, roles: RECEIVABLES },
  { name: 'change entity settings', method: 'PUT', path: () => '/api/v1/entities/default/settings', body: { timeZone: 'Not/AZone' }, allowed: 400, roles: ['admin', 'credit_manager'] },
  { name: 'manage users and groups', method: 'GET', path: () => '/api/v1/users', allowed: 200, roles: ADMIN_ONLY },
  // An unknown user: an admin gets the route's own 404, everyone else the guard's 403.
  { name: 'issue (rotate) a user\'s personal token', method: 'POST', path: () => `/api/v1/users/${NONE}/token`, allowed: 404, roles: ADMIN_ONLY },
  { name: 'revoke a user\'s personal token', method: 'DELETE', path: () => `/api/v1/users/${NONE}/token`, allowed: 404, roles: ADMIN_ONLY },
  { name: 'manage ERP integrations', method: 'GET', path: () => '/api/v1/integrations', allowed: 200, roles: ADMIN_ONLY },
  { name: 'who am I', method: 'GET', path: () => '/api/v1/users/me', allowed: 200, roles: EVERYONE },
];

describe('role matrix: every role against every capability', () => {
  let platform: Platform;
  const tokens = {} as Record<Who, string>;
  const f = {} as Fixtures;

  beforeAll(async () => {
    platform = await startPlatform();
    const people = await createUsers(platform, {
      admin: ['admin'], credit_manager: ['credit_manager'], collector: ['collector'], dispute_validator: ['dispute_validator'],
      sales: ['sales'], finance_manager: ['finance_manager'], finance_director: ['finance_director'], cfo: ['cfo'], cash_manager: ['cash_manager'],
    }, { dispute_validator: ['pricing'] });
    Object.assign(tokens, people.tokens, { erp: (await createIntegration(platform)).token });

    // The ERP pushes one customer of the salesperson's and one of someone else's.
    const push = async (salespersonEmail: string) => {
      const customer = uniqueId('C');
      const res = await platform.request('POST', '/api/v1/invoices', {
        externalId: uniqueId('INV'), number: uniqueId('F'), amount: '500.00', currency: 'EUR',
        issueDate: isoDateDaysFromToday(-40), dueDate: isoDateDaysFromToday(-10),
        customer: { externalId: customer, name: 'Acme SARL', email: 'ap@acme.example', salespersonEmail },
      }, { apiKey: tokens.erp });
      expect(res.status).toBe(201);
      return { customer, invoice: res.body.id as string };
    };
    const own = await push(people.emails.sales!);
    const other = await push('someone.else@relance.example');
    Object.assign(f, { ownCustomer: own.customer, otherCustomer: other.customer, ownInvoice: own.invoice, otherInvoice: other.invoice });

    // Price disputes go to the validator's group, then to finance managers from 100.00; delivery disputes to another group only.
    for (const rule of [
      { reasonCode: 'price', validatorGroup: 'pricing', resolutionHours: 48, secondLevelFrom: '100.00' },
      { reasonCode: 'delivery', validatorGroup: 'logistics', resolutionHours: 48 },
    ]) {
      expect((await platform.request('POST', '/api/v1/dispute-rules', rule)).status).toBe(201);
    }
    const dispute = async (invoiceId: string, reasonCode: string) => {
      const res = await platform.request('POST', '/api/v1/disputes', { invoiceIds: [invoiceId], reasonCode, comment: 'Not as agreed' }, { apiKey: tokens.collector });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    f.assignedDispute = await dispute(own.invoice, 'price');
    f.otherDispute = await dispute(other.invoice, 'delivery');

    // Credit-limit requests made by the credit manager: the salesperson reads the one on their customer.
    const ask = async (customerExternalId: string) => {
      const res = await platform.request('POST', '/api/v1/credit-limit-requests', {
        customerExternalId, amount: '9000.00', currency: 'EUR', reason: 'Growing orders',
      }, { apiKey: tokens.credit_manager });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    f.ownRequest = await ask(own.customer);
    f.otherRequest = await ask(other.customer);
    await eventually(async () => (await platform.request('GET', `/api/v1/disputes/${f.assignedDispute}`)).body.level === 1);
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  test.each(MATRIX.map((c) => [c.name, c] as const))('%s', async (_name, capability) => {
    const outcomes: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const role of EVERYONE) {
      const res = await platform.request(capability.method, capability.path(f), capability.body, { apiKey: tokens[role] });
      outcomes[role] = res.status;
      expected[role] = capability.roles.includes(role) ? capability.allowed : 403;
      if (res.status === 403) expect(res.body.code).toBe('FORBIDDEN');
      if (capability.scoped?.roles.includes(role)) {
        const theirs = await platform.request(capability.method, capability.scoped.path(f), capability.body, { apiKey: tokens[role] });
        outcomes[`${role} on others' data`] = theirs.status;
        expected[`${role} on others' data`] = capability.scoped.refused;
      }
    }
    // Someone else's data stays readable to the roles that see everything (the probe itself is valid).
    if (capability.scoped) {
      const byAdmin = await platform.request(capability.method, capability.scoped.path(f), capability.body, { apiKey: tokens.admin });
      outcomes["admin on others' data"] = byAdmin.status;
      expected["admin on others' data"] = capability.allowed;
    }
    expect(outcomes).toEqual(expected);
  });

  test('outbound messages: customer mail for receivables roles only; others see just the internal mail sent to them', async () => {
    const list = async (role: Who) => (await platform.request('GET', '/api/v1/messages', undefined, { apiKey: tokens[role] })).body as { audience: string; recipient: string }[];
    // The overdue invoices' first reminders, and the assigned validator's mail about the price dispute.
    const seen = await eventually(async () => {
      const all = await list('collector');
      return all.some((m) => m.audience === 'customer') ? all : null;
    }, 30_000);
    const validatorMail = await eventually(async () => {
      const mine = await list('dispute_validator');
      return mine.length > 0 ? mine : null;
    }, 30_000);
    expect(seen.filter((m) => m.audience === 'internal')).toEqual([]);
    expect(validatorMail.map((m) => m.audience)).toEqual(validatorMail.map(() => 'internal'));
    expect(new Set(validatorMail.map((m) => m.recipient)).size).toBe(1);
    for (const role of ['sales', 'finance_director', 'cfo'] as const) {
      expect((await list(role)).filter((m) => m.audience === 'customer')).toEqual([]);
    }
    expect((await list('admin')).filter((m) => m.audience === 'customer').length).toBe(seen.filter((m) => m.audience === 'customer').length);
  });

  test('each role is allowed at least one capability and refused at least one (but admin)', () => {
    for (const role of EVERYONE) {
      const allowed = MATRIX.filter((c) => c.roles.includes(role)).length;
      expect([role, allowed > 0, role === 'admin' || allowed < MATRIX.length]).toEqual([role, true, true]);
    }
  });

  test('no caller without a token, and the operator key holds every role', async () => {
    for (const capability of MATRIX) {
      const anonymous = await platform.request(capability.method, capability.path(f), capability.body, { apiKey: null });
      expect([capability.name, anonymous.status]).toEqual([capability.name, 401]);
      const operator = await platform.request(capability.method, capability.path(f), capability.body);
      expect([capability.name, operator.status]).toEqual([capability.name, capability.allowed]);
    }
  });
});
