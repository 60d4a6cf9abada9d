import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ROLES } from '../../src/auth/principal.js';
import { Clock } from '../../src/clock/clock.js';
import { withContractChecks } from '../support/openapi-contract.js';
import { createIntegration, createUsers, startPlatform, type Platform } from '../support/platform.js';

/** A clock the test moves by hand: token issue times are then exact. */
class HandClock extends Clock {
  at = Date.parse('2026-11-02T09:00:00Z');
  nowMs(): number {
    return this.at;
  }
}

describe('users, groups and personal tokens', () => {
  let platform: Platform;
  const clock = new HandClock();
  beforeAll(async () => {
    platform = await startPlatform({ worker: false, clock });
  });
  afterAll(async () => {
    await platform?.close();
  });

  const countUsers = async () => (await platform.db.dataSource.query('SELECT count(*)::int AS n FROM users'))[0].n as number;

  test('an admin creates a user, who calls the API with the personal token shown once', async () => {
    const created = await platform.request('POST', '/api/v1/users', {
      email: 'Alice.Validator@Example.com', name: 'Alice', roles: ['dispute_validator'], groups: ['pricing'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'alice.validator@example.com', name: 'Alice', roles: ['dispute_validator'], groups: ['pricing'], active: true });
    expect(created.body.token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    const [row] = await platform.db.dataSource.query('SELECT token_hash FROM users WHERE id = $1', [created.body.id]);
    expect(row.token_hash).not.toContain(created.body.token);

    const me = await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: created.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', userId: created.body.id, email: 'alice.validator@example.com', roles: ['dispute_validator'], groups: ['pricing'] });
    // Not shown again.
    const fetched = await platform.request('GET', `/api/v1/users/${created.body.id}`);
    expect(fetched.body.token).toBeUndefined();
  });

  test('roles guard admin routes: a non-admin token gets 403 and changes nothing', async () => {
    const collector = await platform.request('POST', '/api/v1/users', { email: 'carl@example.com', name: 'Carl', roles: ['collector'] });
    const before = await countUsers();
    const refused = await platform.request('POST', '/api/v1/users', { email: 'eve@example.com', name: 'Eve', roles: ['admin'] }, { apiKey: collector.body.token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(await countUsers()).toBe(before);
    // A user holding `admin` may manage users.
    const admin = await platform.request('POST', '/api/v1/users', { email: 'ada@example.com', name: 'Ada', roles: ['admin'] });
    const byAdmin = await platform.request('POST', '/api/v1/users', { email: 'bob@example.com', name: 'Bob', roles: ['sales'] }, { apiKey: admin.body.token });
    expect(byAdmin.status).toBe(201);
  });

  test('bad input gets field-level 400s; a duplicate email is 409', async () => {
    const before = await countUsers();
    const bad = await platform.request('POST', '/api/v1/users', { email: 'not-an-email', name: '', roles: ['wizard'], groups: ['Bad Group'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'groups', 'name', 'roles']);
    expect(await countUsers()).toBe(before);
    await platform.request('POST', '/api/v1/users', { email: 'dup@example.com', name: 'Dup', roles: [] });
    const dup = await platform.request('POST', '/api/v1/users', { email: 'DUP@example.com', name: 'Dup 2', roles: [] });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('USER_EXISTS');
  });

  test('a deactivated user or a rotated token is refused with 401', async () => {
    const u = await platform.request('POST', '/api/v1/users', { email: 'dora@example.com', name: 'Dora', roles: ['collector'] });
    const rotated = await platform.request('POST', `/api/v1/users/${u.body.id}/token`);
    expect(rotated.status).toBe(200);
    expect((await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: u.body.token })).status).toBe(401);
    expect((await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: rotated.body.token })).status).toBe(200);
    await platform.request('PATCH', `/api/v1/users/${u.body.id}`, { active: false });
    expect((await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: rotated.body.token })).status).toBe(401);
  });

  test('groups: named on users, given a manager; an unknown manager is 404', async () => {
    const manager = await platform.request('POST', '/api/v1/users', { email: 'max@example.com', name: 'Max', roles: ['finance_manager'] });
    await platform.request('POST', '/api/v1/users', { email: 'liv@example.com', name: 'Liv', roles: ['dispute_validator'], groups: ['logistics'] });
    const put = await platform.request('PUT', '/api/v1/groups/logistics', { name: 'Logistics', managerUserId: manager.body.id });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ code: 'logistics', name: 'Logistics', manager: { email: 'max@example.com' } });
    expect(put.body.members.map((m: { email: string }) => m.email)).toEqual(['liv@example.com']);
    const unknown = await platform.request('PUT', '/api/v1/groups/logistics', { name: 'Logistics', managerUserId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    const badCode = await platform.request('PUT', '/api/v1/groups/Not%20A%20Code', { name: 'x' });
    expect(badCode.status).toBe(400);
  });

  test('business routes carry roles: a collector cannot push invoices or publish scenarios, the ERP integration can push', async () => {
    const collector = await platform.request('POST', '/api/v1/users', { email: 'col2@example.com', name: 'Col', roles: ['collector'] });
    const erp = { body: await createIntegration(platform) };
    const invoice = {
      externalId: 'INV-ROLE-1', number: 'F-1', customer: { externalId: 'C-ROLE', name: 'Acme', email: 'ap@acme.test' },
      issueDate: '2026-01-01', dueDate: '2026-01-31', amount: '10.00', currency: 'EUR',
    };
    expect((await platform.request('POST', '/api/v1/invoices', invoice, { apiKey: collector.body.token })).status).toBe(403);
    expect((await platform.request('POST', '/api/v1/scenarios', { name: 'x' }, { apiKey: collector.body.token })).status).toBe(403);
    expect((await platform.request('PUT', '/api/v1/entities/default/settings', {}, { apiKey: erp.body.token })).status).toBe(403);
    const [{ n }] = await platform.db.dataSource.query('SELECT count(*)::int AS n FROM invoices');
    expect(n).toBe(0);
    // Reads follow need-to-know: collectors read tasks, the ERP does not.
    expect((await platform.request('GET', '/api/v1/tasks', undefined, { apiKey: collector.body.token })).status).toBe(200);
    expect((await platform.request('GET', '/api/v1/tasks', undefined, { apiKey: erp.body.token })).status).toBe(403);
    // The ERP account passes the role check and reaches validation.
    expect((await platform.request('POST', '/api/v1/invoices', { ...invoice, amount: 'bad' }, { apiKey: erp.body.token })).status).toBe(400);
  });

  test('the list says who holds a token and since when (never the token); an admin revokes it and it gets 401 at once', async () => {
    const api = withContractChecks(platform);
    clock.at = Date.parse('2026-11-02T09:00:00Z');
    const rita = await api.request('POST', '/api/v1/users', { email: 'rita@example.com', name: 'Rita', roles: ['collector'] });
    expect(rita.body).toMatchObject({ hasApiToken: true, apiTokenIssuedAt: '2026-11-02T09:00:00.000Z' });
    const listed = async () => {
      const list = await api.request('GET', '/api/v1/users');
      expect(list.status).toBe(200);
      return (list.body as Record<string, unknown>[]).find((u) => u.id === rita.body.id)!;
    };
    const before = await listed();
    expect(before).toMatchObject({ hasApiToken: true, apiTokenIssuedAt: '2026-11-02T09:00:00.000Z' });
    expect(before).not.toHaveProperty('token');
    expect(JSON.stringify(before)).not.toContain(rita.body.token);

    // Issuing another replaces the first, stamped with the time it was issued.
    clock.at = Date.parse('2026-11-05T14:30:00Z');
    const issued = await api.request('POST', `/api/v1/users/${rita.body.id}/token`);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ id: rita.body.id, hasApiToken: true, apiTokenIssuedAt: '2026-11-05T14:30:00.000Z' });
    expect((await listed()).apiTokenIssuedAt).toBe('2026-11-05T14:30:00.000Z');
    const token = issued.body.token as string;

    // Deny by default: every role but admin is refused, and the token keeps working.
    const others = ROLES.filter((r) => r !== 'admin' && r !== 'erp');
    const people = await createUsers(platform, Object.fromEntries(others.map((r) => [r, [r]])));
    const callers = [...others.map((r) => people.tokens[r]!), (await createIntegration(platform)).token, token];
    for (const caller of callers) {
      const refused = await api.request('DELETE', `/api/v1/users/${rita.body.id}/token`, undefined, { apiKey: caller });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: token })).status).toBe(200);

    const revoked = await api.request('DELETE', `/api/v1/users/${rita.body.id}/token`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: rita.body.id, active: true, hasApiToken: false, apiTokenIssuedAt: null });
    expect(revoked.body.token).toBeUndefined();
    const me = await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: token });
    expect(me.status).toBe(401);
    const [row] = await platform.db.dataSource.query('SELECT token_hash, token_issued_at FROM users WHERE id = $1', [rita.body.id]);
    expect(row).toEqual({ token_hash: null, token_issued_at: null });
    expect(await listed()).toMatchObject({ hasApiToken: false, apiTokenIssuedAt: null });
    // Revoking again answers the same; an unknown user is 404.
    expect((await api.request('DELETE', `/api/v1/users/${rita.body.id}/token`)).body).toEqual(revoked.body);
    expect((await api.request('DELETE', '/api/v1/users/00000000-0000-4000-8000-000000000000/token')).status).toBe(404);

    // A new token can be issued afterwards; the revoked one stays refused.
    const again = await api.request('POST', `/api/v1/users/${rita.body.id}/token`);
    expect((await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: again.body.token })).status).toBe(200);
    expect((await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: token })).status).toBe(401);
  });
});
