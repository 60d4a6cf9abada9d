import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUsers, startPlatform, type Platform } from '../support/platform.js';

describe('ERP integration credentials', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({ worker: false });
  });
  afterAll(async () => {
    await platform?.close();
  });

  const count = async () => (await platform.db.dataSource.query('SELECT count(*)::int AS n FROM integrations'))[0].n as number;

  test('an admin creates one; its token, shown once, carries the erp role only', async () => {
    const created = await platform.request('POST', '/api/v1/integrations', { name: 'sap-prod' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'sap-prod', roles: ['erp'], active: true });
    expect(created.body.token).toMatch(/^rl_[A-Za-z0-9_-]{43}$/);
    const [row] = await platform.db.dataSource.query('SELECT token_hash FROM integrations WHERE id = $1', [created.body.id]);
    expect(row.token_hash).not.toContain(created.body.token);
    const listed = await platform.request('GET', '/api/v1/integrations');
    expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, name: 'sap-prod', roles: ['erp'] })]);
    expect(listed.body[0].token).toBeUndefined();

    const me = await platform.request('GET', '/api/v1/users/me', undefined, { apiKey: created.body.token });
    expect(me.body).toMatchObject({ kind: 'integration', userId: null, name: 'sap-prod', roles: ['erp'], groups: [] });
    // The ERP reads its events, but not the collectors' worklist nor customer mail.
    expect((await platform.request('GET', '/api/v1/erp-events', undefined, { apiKey: created.body.token })).status).toBe(200);
    expect((await platform.request('GET', '/api/v1/worklist', undefined, { apiKey: created.body.token })).status).toBe(403);
    expect((await platform.request('GET', '/api/v1/messages', undefined, { apiKey: created.body.token })).status).toBe(403);
    // Integrations are not users: they never appear among people, approvers or group members.
    expect((await platform.request('GET', '/api/v1/users')).body).toEqual([]);
  });

  test('rotation replaces the token at once; deactivation revokes it', async () => {
    const created = await platform.request('POST', '/api/v1/integrations', { name: 'sage-x3' });
    const rotated = await platform.request('POST', `/api/v1/integrations/${created.body.id}/token`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: created.body.id, roles: ['erp'] });
    expect((await platform.request('GET', '/api/v1/erp-events', undefined, { apiKey: created.body.token })).status).toBe(401);
    expect((await platform.request('GET', '/api/v1/erp-events', undefined, { apiKey: rotated.body.token })).status).toBe(200);
    const off = await platform.request('PATCH', `/api/v1/integrations/${created.body.id}`, { active: false });
    expect(off.body).toMatchObject({ active: false });
    expect((await platform.request('GET', '/api/v1/erp-events', undefined, { apiKey: rotated.body.token })).status).toBe(401);
    await platform.request('PATCH', `/api/v1/integrations/${created.body.id}`, { active: true });
    expect((await platform.request('GET', '/api/v1/erp-events', undefined, { apiKey: rotated.body.token })).status).toBe(200);
  });

  test('only admins manage them; bad input is a field error, a duplicate name 409, an unknown id 404, and nothing is written', async () => {
    const { tokens } = await createUsers(platform, { cm: ['credit_manager'] });
    const before = await count();
    expect((await platform.request('POST', '/api/v1/integrations', { name: 'rogue' }, { apiKey: tokens.cm! })).status).toBe(403);
    const bad = await platform.request('POST', '/api/v1/integrations', { name: '  ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    expect(await count()).toBe(before);
    await platform.request('POST', '/api/v1/integrations', { name: 'dup' });
    expect((await platform.request('POST', '/api/v1/integrations', { name: 'dup' })).body.code).toBe('INTEGRATION_EXISTS');
    expect((await platform.request('POST', '/api/v1/integrations/00000000-0000-4000-8000-000000000000/token')).status).toBe(404);
  });

  test('a person cannot be given the erp role: that is what integrations are for', async () => {
    const refused = await platform.request('POST', '/api/v1/users', { email: 'erp@example.com', name: 'ERP', roles: ['erp'] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.errors)).toContain('/api/v1/integrations');
    const person = await platform.request('POST', '/api/v1/users', { email: 'p@example.com', name: 'P', roles: ['collector'] });
    expect((await platform.request('PATCH', `/api/v1/users/${person.body.id}`, { roles: ['collector', 'erp'] })).status).toBe(400);
  });
});
