import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CustomerDirectory } from '../../src/customers/customer-directory.js';
import { LegalEntitiesService } from '../../src/organization/legal-entities.service.js';
import { LegalEntity } from '../../src/organization/legal-entity.entity.js';
import { ScenarioResolver } from '../../src/scenarios/scenario-resolver.js';
import { isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

// No worker: scenarios are data here; nothing executes them yet.
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ worker: false });
});
afterAll(async () => {
  await platform?.close();
});

function definition(formalNoticeDay = 30) {
  return {
    steps: [
      { key: 'courtesy', trigger: { kind: 'due_date', offsetDays: -3 }, action: 'reminder', channels: ['email'] },
      { key: 'formal_notice', trigger: { kind: 'due_date', offsetDays: formalNoticeDay }, action: 'formal_notice', channels: ['email', 'letter'] },
      { key: 'call', trigger: { kind: 'after_previous', days: 5 }, action: 'call_task', channels: [] },
    ],
  };
}

async function createScenario(def: unknown = definition(), extra: Record<string, unknown> = {}) {
  const res = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Scenario'), definition: def, ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

async function publishedScenario(def: unknown = definition()) {
  const scenario = await createScenario(def);
  const published = await platform.request('POST', `/api/v1/scenarios/${scenario.id}/publish`, { inFlightPolicy: 'keep_version' });
  expect(published.status).toBe(201);
  return scenario as { id: string; name: string };
}

async function count(table: string): Promise<number> {
  const [{ n }] = await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

async function customer(externalId: string, attributes: { segment?: string; riskClass?: string } = {}) {
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId: uniqueId('INV'), number: 'F-1', issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20),
    amount: '120.00', currency: 'EUR',
    customer: { externalId, name: 'Martin SAS', email: 'ap@martin.example', ...attributes },
  });
  expect([200, 201]).toContain(res.status);
  return res;
}

const explain = async (externalId: string) => (await platform.request('GET', `/api/v1/customers/${externalId}/scenario`)).body;

describe('scenario drafts and versions', () => {
  test('create, edit with a revision, publish v1, edit, publish v2: v1 stays as it was', async () => {
    const name = uniqueId('Standard');
    const created = await platform.request('POST', '/api/v1/scenarios', { name, description: 'SMB customers', definition: definition() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name, entity: 'default', description: 'SMB customers', status: 'draft', draftRevision: 1, latestVersion: null,
      hasUnpublishedChanges: true, definition: definition(), versions: [],
    });
    const id = created.body.id;

    const edited = await platform.request('PUT', `/api/v1/scenarios/${id}`, { definition: definition(25), draftRevision: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ draftRevision: 2, name, description: 'SMB customers', definition: definition(25) });

    // Someone else's editor still holds revision 1.
    const stale = await platform.request('PUT', `/api/v1/scenarios/${id}`, { definition: definition(40), draftRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'SCENARIO_REVISION_CONFLICT', currentRevision: 2 });
    expect((await platform.request('GET', `/api/v1/scenarios/${id}`)).body.definition).toEqual(definition(25));

    const v1 = await platform.request('POST', `/api/v1/scenarios/${id}/publish`, { inFlightPolicy: 'keep_version' });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ scenarioId: id, version: 1, inFlightPolicy: 'keep_version', publishedBy: null, definition: definition(25) });
    expect(Date.parse(v1.body.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await platform.request('GET', `/api/v1/scenarios/${id}`)).body)
      .toMatchObject({ status: 'published', latestVersion: 1, hasUnpublishedChanges: false, draftRevision: 2 });

    const unchanged = await platform.request('POST', `/api/v1/scenarios/${id}/publish`, { inFlightPolicy: 'keep_version' });
    expect(unchanged.status).toBe(409);
    expect(unchanged.body).toMatchObject({ code: 'SCENARIO_UNCHANGED', latestVersion: 1 });
    // Renaming is not a new definition either.
    await platform.request('PUT', `/api/v1/scenarios/${id}`, { name: `${name} (FR)`, definition: definition(25), draftRevision: 2 });
    expect((await platform.request('POST', `/api/v1/scenarios/${id}/publish`, { inFlightPolicy: 'keep_version' })).body.code)
      .toBe('SCENARIO_UNCHANGED');

    const edit2 = await platform.request('PUT', `/api/v1/scenarios/${id}`, { definition: definition(45), draftRevision: 3, description: null });
    expect(edit2.body).toMatchObject({ draftRevision: 4, hasUnpublishedChanges: true, latestVersion: 1, description: null });
    const v2 = await platform.request('POST', `/api/v1/scenarios/${id}/publish`, { inFlightPolicy: 'migrate_at_next_step' });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, inFlightPolicy: 'migrate_at_next_step', definition: definition(45) });

    const first = await platform.request('GET', `/api/v1/scenarios/${id}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual(v1.body);
    expect((await platform.request('GET', `/api/v1/scenarios/${id}/versions/2`)).body).toEqual(v2.body);

    const detail = (await platform.request('GET', `/api/v1/scenarios/${id}`)).body;
    expect(detail).toMatchObject({ name: `${name} (FR)`, latestVersion: 2, hasUnpublishedChanges: false, definition: definition(45) });
    expect(detail.versions).toEqual([
      { version: 1, inFlightPolicy: 'keep_version', publishedAt: v1.body.publishedAt, publishedBy: null },
      { version: 2, inFlightPolicy: 'migrate_at_next_step', publishedAt: v2.body.publishedAt, publishedBy: null },
    ]);

    const list = await platform.request('GET', '/api/v1/scenarios');
    expect(list.status).toBe(200);
    expect(list.body.find((s: any) => s.id === id)).toEqual({
      id, entity: 'default', name: `${name} (FR)`, description: null, status: 'published', draftRevision: 4, latestVersion: 2,
      hasUnpublishedChanges: false, createdAt: detail.createdAt, updatedAt: detail.updatedAt,
    });
  });

  test('published versions are immutable, even to SQL', async () => {
    const scenario = await publishedScenario();
    await expect(platform.db.dataSource.query(`UPDATE scenario_versions SET definition = '{"steps":[]}' WHERE scenario_id = $1`, [scenario.id]))
      .rejects.toThrow(/immutable/);
    await expect(platform.db.dataSource.query('DELETE FROM scenario_versions WHERE scenario_id = $1', [scenario.id])).rejects.toThrow(/immutable/);
    const v1 = await platform.request('GET', `/api/v1/scenarios/${scenario.id}/versions/1`);
    expect(v1.body.definition).toEqual(definition());
  });

  test('names are unique within an entity', async () => {
    const first = await createScenario();
    const again = await platform.request('POST', '/api/v1/scenarios', { name: first.name, definition: definition() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SCENARIO_NAME_TAKEN');
    const other = await createScenario();
    const rename = await platform.request('PUT', `/api/v1/scenarios/${other.id}`, { name: first.name, definition: definition(), draftRevision: 1 });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe('SCENARIO_NAME_TAKEN');
  });

  test('concurrent publishes of one draft freeze it once; the others find it unchanged', async () => {
    const scenario = await publishedScenario();
    await platform.request('PUT', `/api/v1/scenarios/${scenario.id}`, { definition: definition(31), draftRevision: 1 });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() =>
      platform.request('POST', `/api/v1/scenarios/${scenario.id}/publish`, { inFlightPolicy: 'keep_version' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(results.find((r) => r.status === 201)!.body.version).toBe(2);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('SCENARIO_UNCHANGED');
    const rows = await platform.db.dataSource.query('SELECT version FROM scenario_versions WHERE scenario_id = $1 ORDER BY version', [scenario.id]);
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  test('a publish waits for the row lock and freezes what the concurrent edit committed', async () => {
    const scenario = await publishedScenario();
    const runner = platform.db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query('SELECT id FROM scenarios WHERE id = $1 FOR UPDATE', [scenario.id]);
      let settled = false;
      const publish = platform.request('POST', `/api/v1/scenarios/${scenario.id}/publish`, { inFlightPolicy: 'keep_version' })
        .finally(() => { settled = true; });
      await new Promise((r) => setTimeout(r, 400));
      expect(settled).toBe(false);
      await runner.query('UPDATE scenarios SET draft = $1, draft_revision = draft_revision + 1 WHERE id = $2', [JSON.stringify(definition(60)), scenario.id]);
      await runner.commitTransaction();
      const res = await publish;
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ version: 2, definition: definition(60) });
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('validation', () => {
  test('bad definitions get 400 with field paths, and nothing is written', async () => {
    const before = await Promise.all(['scenarios', 'scenario_versions'].map(count));
    const semantic = await platform.request('POST', '/api/v1/scenarios', {
      name: uniqueId('Bad'),
      definition: {
        steps: [
          { key: 'first', trigger: { kind: 'after_previous', days: 2 }, action: 'reminder', channels: ['email'] },
          { key: 'first', trigger: { kind: 'due_date', offsetDays: 400 }, action: 'call_task', channels: ['sms'] },
          { key: 'notice', trigger: { kind: 'due_date', offsetDays: 30 }, action: 'formal_notice', channels: ['email'],
            templates: { fr: { letter: { body: 'Madame, Monsieur' } } }, conditions: { minOverdueAmount: 'ten', riskClasses: ['Z'] },
            checkpoint: { timeoutHours: 0, onTimeout: 'proceed' } },
        ],
      },
    });
    expect(semantic.status).toBe(400);
    expect(semantic.body.code).toBe('VALIDATION_FAILED');
    expect(semantic.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'definition.steps[0].trigger.kind',
      'definition.steps[1].key',
      'definition.steps[1].trigger.offsetDays',
      'definition.steps[1].channels',
      'definition.steps[2].templates.fr.letter',
      'definition.steps[2].conditions.minOverdueAmount',
      'definition.steps[2].conditions.riskClasses[0]',
      'definition.steps[2].checkpoint.timeoutHours',
    ]);

    const shape = await platform.request('POST', '/api/v1/scenarios', {
      name: uniqueId('Bad'), entity: 'nowhere',
      definition: { steps: [{ key: 'a', trigger: { kind: 'due_date', offsetDays: '5' }, action: 'reminder', channels: ['email'], colour: 'red' }] },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e: { field: string }) => e.field).sort())
      .toEqual(['definition.steps[0].colour', 'definition.steps[0].trigger.offsetDays']);

    const entity = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Bad'), entity: 'nowhere', definition: definition() });
    expect(entity.status).toBe(400);
    expect(entity.body.errors).toEqual([{ field: 'entity', messages: ['unknown entity "nowhere"'] }]);

    const empty = await platform.request('POST', '/api/v1/scenarios', { name: ' ', definition: { steps: [] } });
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    const noSteps = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Bad'), definition: { steps: [] } });
    expect(noSteps.body.errors).toEqual([{ field: 'definition.steps', messages: ['a scenario needs at least one step'] }]);
    expect(await Promise.all(['scenarios', 'scenario_versions'].map(count))).toEqual(before);
  });

  test('a bad edit leaves the draft and its revision alone; a bad policy publishes nothing', async () => {
    const scenario = await createScenario();
    const bad = await platform.request('PUT', `/api/v1/scenarios/${scenario.id}`, {
      definition: { steps: [{ key: 'x', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: [] }] }, draftRevision: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('definition.steps[0].channels');
    const missingRevision = await platform.request('PUT', `/api/v1/scenarios/${scenario.id}`, { definition: definition() });
    expect(missingRevision.body.errors[0].field).toBe('draftRevision');
    expect((await platform.request('GET', `/api/v1/scenarios/${scenario.id}`)).body).toMatchObject({ draftRevision: 1, definition: definition() });

    const policy = await platform.request('POST', `/api/v1/scenarios/${scenario.id}/publish`, { inFlightPolicy: 'sometimes' });
    expect(policy.status).toBe(400);
    expect(policy.body.errors[0].field).toBe('inFlightPolicy');
    expect((await platform.request('GET', `/api/v1/scenarios/${scenario.id}`)).body.latestVersion).toBeNull();
  });
});

describe('assignment rules', () => {
  test('customer override beats segment + risk, which beats segment, then risk, then the entity default', async () => {
    const [byDefault, byRisk, bySegment, bySegmentRisk, byCustomer] = await Promise.all([1, 2, 3, 4, 5].map(() => publishedScenario()));
    const ext = uniqueId('CUST');
    const other = uniqueId('CUST');
    await customer(ext, { segment: 'smb', riskClass: 'B' });
    await customer(other);
    expect(await explain(ext)).toEqual({
      customer: { externalId: ext, entity: 'default', segment: 'smb', riskClass: 'B' },
      scenario: null, rule: null, experiment: null, reason: 'no assignment rule matches this customer: the built-in scenario applies',
    });

    const put = async (path: string, body: Record<string, unknown>) => {
      const res = await platform.request('PUT', `/api/v1/scenario-assignments/${path}`, body);
      expect(res.status).toBe(200);
      return res.body;
    };
    const expectResolved = async (externalId: string, scenario: { id: string; name: string }, kind: string, reason: string) => {
      const body = await explain(externalId);
      expect(body.scenario).toEqual({ id: scenario.id, name: scenario.name, version: 1 });
      expect(body.rule.kind).toBe(kind);
      expect(body.reason).toBe(reason);
    };

    const rule = await put('default', { scenarioId: byDefault!.id });
    expect(rule).toMatchObject({ entity: 'default', kind: 'default', priority: 5, scenario: { id: byDefault!.id, latestVersion: 1 } });
    await expectResolved(ext, byDefault!, 'default', 'default scenario of entity default');
    await put('segments', { riskClass: 'B', scenarioId: byRisk!.id });
    await expectResolved(ext, byRisk!, 'risk', 'risk class B');
    await put('segments', { segment: 'smb', scenarioId: bySegment!.id });
    await expectResolved(ext, bySegment!, 'segment', 'segment smb');
    await put('segments', { segment: 'smb', riskClass: 'B', scenarioId: bySegmentRisk!.id });
    await expectResolved(ext, bySegmentRisk!, 'segment_risk', 'segment smb with risk class B');
    await put(`customers/${ext}`, { scenarioId: byCustomer!.id });
    await expectResolved(ext, byCustomer!, 'customer', `customer override for ${ext}`);
    // A customer without segment nor risk class falls through to the default.
    await expectResolved(other, byDefault!, 'default', 'default scenario of entity default');

    const list = (await platform.request('GET', '/api/v1/scenario-assignments')).body
      .filter((a: any) => [byDefault, byRisk, bySegment, bySegmentRisk, byCustomer].some((s) => s!.id === a.scenario.id));
    expect(list.map((a: any) => [a.kind, a.priority])).toEqual([['customer', 1], ['segment_risk', 2], ['segment', 3], ['risk', 4], ['default', 5]]);

    // The ERP moves the customer to risk class C: the segment+risk rule no longer matches.
    await customer(ext, { segment: 'smb', riskClass: 'C' });
    await platform.request('DELETE', `/api/v1/scenario-assignments/customers/${ext}`);
    await expectResolved(ext, bySegment!, 'segment', 'segment smb');
    await customer(ext, { segment: 'smb', riskClass: 'B' });
    await expectResolved(ext, bySegmentRisk!, 'segment_risk', 'segment smb with risk class B');

    // Removing rules one level at a time walks down the priority order.
    expect((await platform.request('DELETE', '/api/v1/scenario-assignments/segments?segment=smb&riskClass=B')).status).toBe(204);
    await expectResolved(ext, bySegment!, 'segment', 'segment smb');
    expect((await platform.request('DELETE', '/api/v1/scenario-assignments/segments?segment=smb')).status).toBe(204);
    await expectResolved(ext, byRisk!, 'risk', 'risk class B');
    expect((await platform.request('DELETE', '/api/v1/scenario-assignments/segments?riskClass=B')).status).toBe(204);
    await expectResolved(ext, byDefault!, 'default', 'default scenario of entity default');
    expect((await platform.request('DELETE', '/api/v1/scenario-assignments/default')).status).toBe(204);
    expect((await explain(ext)).scenario).toBeNull();
    expect((await platform.request('DELETE', '/api/v1/scenario-assignments/default')).status).toBe(404);
  });

  test('a rule is one row per level: assigning again repoints it; resolution follows the latest version', async () => {
    const [a, b] = await Promise.all([publishedScenario(), publishedScenario()]);
    await platform.request('PUT', '/api/v1/scenario-assignments/segments', { segment: 'key_account', scenarioId: a!.id });
    const repointed = await platform.request('PUT', '/api/v1/scenario-assignments/segments', { segment: 'key_account', scenarioId: b!.id });
    expect(repointed.body).toMatchObject({ kind: 'segment', segment: 'key_account', riskClass: null, scenario: { id: b!.id } });
    const [{ n }] = await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM scenario_assignments WHERE segment = 'key_account'`);
    expect(n).toBe(1);
    // The database refuses a second rule at the same level, whatever the code does.
    await expect(platform.db.dataSource.query(
      `INSERT INTO scenario_assignments (entity_id, kind, segment, scenario_id) SELECT entity_id, 'segment', 'key_account', id FROM scenarios WHERE id = $1`,
      [a!.id])).rejects.toThrow(/uq_scenario_assignments_segment/);

    const ext = uniqueId('CUST');
    const { body: intake } = await customer(ext, { segment: 'key_account' });
    await platform.request('PUT', `/api/v1/scenarios/${b!.id}`, { definition: definition(50), draftRevision: 1 });
    await platform.request('POST', `/api/v1/scenarios/${b!.id}/publish`, { inFlightPolicy: 'migrate_at_next_step' });
    expect((await explain(ext)).scenario).toEqual({ id: b!.id, name: b!.name, version: 2 });

    // The service the invoice intake will call.
    const ds = platform.db.dataSource;
    const resolver = new ScenarioResolver(ds, new LegalEntitiesService(ds.getRepository(LegalEntity)), new CustomerDirectory(ds));
    const [row] = await ds.query('SELECT entity_id, customer_id FROM invoices WHERE id = $1', [intake.id]);
    const resolved = await resolver.resolveScenarioFor({ entityId: row.entity_id, customerId: row.customer_id });
    expect(resolved).toMatchObject({
      scenarioId: b!.id, version: 2, inFlightPolicy: 'migrate_at_next_step', definition: definition(50),
      rule: { kind: 'segment', segment: 'key_account', riskClass: null, customerExternalId: null },
    });
  });

  test('a customer override can be set before the customer is known', async () => {
    const scenario = await publishedScenario();
    const ext = uniqueId('CUST');
    const rule = await platform.request('PUT', `/api/v1/scenario-assignments/customers/${ext}`, { scenarioId: scenario.id });
    expect(rule.status).toBe(200);
    expect((await platform.request('GET', `/api/v1/customers/${ext}/scenario`)).status).toBe(404);
    await customer(ext);
    expect((await explain(ext)).rule).toMatchObject({ kind: 'customer', customerExternalId: ext });
  });

  test('only published scenarios of the same entity can be assigned', async () => {
    const draft = await createScenario();
    const res = await platform.request('PUT', '/api/v1/scenario-assignments/default', { scenarioId: draft.id });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SCENARIO_NOT_PUBLISHED');

    await platform.db.dataSource.query(`INSERT INTO legal_entities (code, name) VALUES ('acme-be', 'Acme Belgium') ON CONFLICT DO NOTHING`);
    const belgian = await createScenario(definition(), { entity: 'acme-be' });
    expect(belgian.entity).toBe('acme-be');
    await platform.request('POST', `/api/v1/scenarios/${belgian.id}/publish`, { inFlightPolicy: 'keep_version' });
    const mismatch = await platform.request('PUT', '/api/v1/scenario-assignments/default', { scenarioId: belgian.id });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.code).toBe('SCENARIO_ENTITY_MISMATCH');
    const ok = await platform.request('PUT', '/api/v1/scenario-assignments/default', { scenarioId: belgian.id, entity: 'acme-be' });
    expect(ok.body).toMatchObject({ entity: 'acme-be', kind: 'default' });
    const listed = (await platform.request('GET', '/api/v1/scenario-assignments?entity=acme-be')).body;
    expect(listed.map((a: any) => a.scenario.id)).toEqual([belgian.id]);
  });

  test('rule requests are validated', async () => {
    const scenario = await publishedScenario();
    const neither = await platform.request('PUT', '/api/v1/scenario-assignments/segments', { scenarioId: scenario.id });
    expect(neither.status).toBe(400);
    expect(neither.body.errors[0].field).toBe('segment');
    const risk = await platform.request('PUT', '/api/v1/scenario-assignments/segments', { riskClass: 'F', scenarioId: scenario.id });
    expect(risk.body.errors.map((e: any) => e.field)).toEqual(['riskClass']);
    const id = await platform.request('PUT', '/api/v1/scenario-assignments/default', { scenarioId: 'nope' });
    expect(id.body.errors.map((e: any) => e.field)).toEqual(['scenarioId']);
    expect((await platform.request('DELETE', '/api/v1/scenario-assignments/segments?segment=nobody')).status).toBe(404);
    expect((await platform.request('DELETE', `/api/v1/scenario-assignments/customers/${uniqueId('CUST')}`)).status).toBe(404);
  });

  test('the ERP sends segment and risk class with the customer; bad values are 400', async () => {
    const ext = uniqueId('CUST');
    await customer(ext, { segment: 'smb', riskClass: 'D' });
    const [row] = await platform.db.dataSource.query('SELECT segment, risk_class FROM customers WHERE external_id = $1', [ext]);
    expect(row).toEqual({ segment: 'smb', risk_class: 'D' });
    const bad = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: 'F-2', issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20), amount: '1.00', currency: 'EUR',
      customer: { externalId: ext, name: 'Martin SAS', email: 'ap@martin.example', segment: '', riskClass: 'F' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['customer.riskClass', 'customer.segment']);
  });
});

describe('unknown ids', () => {
  test('unknown and malformed ids are 404', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const scenario = await publishedScenario();
    const paths: [string, string, unknown?][] = [
      ['GET', `/api/v1/scenarios/${unknown}`],
      ['GET', '/api/v1/scenarios/not-a-uuid'],
      ['PUT', `/api/v1/scenarios/${unknown}`, { definition: definition(), draftRevision: 1 }],
      ['PUT', '/api/v1/scenarios/not-a-uuid', { definition: definition(), draftRevision: 1 }],
      ['POST', `/api/v1/scenarios/${unknown}/publish`, { inFlightPolicy: 'keep_version' }],
      ['POST', '/api/v1/scenarios/not-a-uuid/publish', { inFlightPolicy: 'keep_version' }],
      ['GET', `/api/v1/scenarios/${unknown}/versions/1`],
      ['GET', `/api/v1/scenarios/${scenario.id}/versions/2`],
      ['GET', `/api/v1/scenarios/${scenario.id}/versions/0`],
      ['GET', `/api/v1/scenarios/${scenario.id}/versions/one`],
      ['PUT', '/api/v1/scenario-assignments/default', { scenarioId: unknown }],
      ['GET', `/api/v1/customers/${uniqueId('NOBODY')}/scenario`],
    ];
    for (const [method, path, body] of paths) {
      const res = await platform.request(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  test('scenario routes need the API key', async () => {
    expect((await platform.request('GET', '/api/v1/scenarios', undefined, { apiKey: null })).status).toBe(401);
    expect((await platform.request('GET', '/api/v1/scenario-assignments', undefined, { apiKey: null })).status).toBe(401);
  });
});
