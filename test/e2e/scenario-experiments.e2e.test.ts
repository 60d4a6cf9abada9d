/**
 * A/B tests of scenario versions against the real API, PostgreSQL and Temporal
 * dev server. No worker: the split, the records and the comparison are the API's;
 * no step runs. The API's clock is pinned at 2026-06-15 12:00 (Paris): "today".
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Clock } from '../../src/clock/clock.js';
import { ScenarioVersionReader } from '../../src/scenarios/scenario-version.reader.js';
import { startPlatform, uniqueId, type Platform } from '../support/platform.js';
import { withContractChecks } from '../support/openapi-contract.js';

class PinnedClock extends Clock {
  constructor(private readonly at: number) {
    super();
  }

  nowMs(): number {
    return this.at;
  }
}

let platform: Platform;
beforeAll(async () => {
  platform = withContractChecks(await startPlatform({ worker: false, clock: new PinnedClock(Date.parse('2026-06-15T10:00:00Z')) }));
});
afterAll(async () => {
  await platform?.close();
});

const definition = (reminderDay: number) => ({
  steps: [{ key: 'reminder', trigger: { kind: 'due_date', offsetDays: reminderDay }, action: 'reminder', channels: ['email'] }],
});

/** A scenario published as version 1 and assigned to a segment of its own. */
async function scenarioForSegment(segment: string) {
  const created = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Scenario'), definition: definition(60) });
  expect(created.status).toBe(201);
  expect((await platform.request('POST', `/api/v1/scenarios/${created.body.id}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
  expect((await platform.request('PUT', '/api/v1/scenario-assignments/segments', { segment, scenarioId: created.body.id })).status).toBe(200);
  return created.body.id as string;
}

async function editDraft(id: string, reminderDay: number) {
  const current = await platform.request('GET', `/api/v1/scenarios/${id}`);
  const res = await platform.request('PUT', `/api/v1/scenarios/${id}`, { definition: definition(reminderDay), draftRevision: current.body.draftRevision });
  expect(res.status).toBe(200);
}

async function postInvoice(customerExternalId: string, segment: string, dates: { issueDate: string; dueDate: string }) {
  const externalId = uniqueId('INV');
  const res = await platform.request('POST', '/api/v1/invoices', {
    externalId, number: externalId, ...dates, amount: '500.00', currency: 'EUR',
    customer: { externalId: customerExternalId, name: `Client ${customerExternalId}`, email: 'ap@client.example', segment },
  });
  expect(res.status).toBe(201);
  const view = (await platform.request('GET', `/api/v1/invoices/${res.body.id}`)).body;
  const created = view.timeline.find((e: { type: string }) => e.type === 'invoice_created');
  return { id: res.body.id as string, externalId, customerId: view.customer.id as string, scenario: created.scenario };
}

async function pay(invoiceExternalId: string, day: string) {
  const res = await platform.request('POST', '/api/v1/payments', {
    externalId: uniqueId('PAY'), amount: '500.00', currency: 'EUR', receivedAt: `${day}T10:00:00Z`,
    allocations: [{ invoiceExternalId, amount: '500.00' }],
  });
  expect(res.status).toBe(201);
}

/** The arm, computed independently of the application: first 8 hex digits of SHA-256(experiment:customer), modulo 100, against the share. */
const armByHand = (experimentId: string, customerId: string, shareB: number) =>
  parseInt(createHash('sha256').update(`${experimentId}:${customerId}`).digest('hex').slice(0, 8), 16) % 100 < shareB ? 'B' : 'A';

describe('an experiment splits a seeded portfolio and compares the arms', () => {
  test('50/50 over 60 customers: each invoice recorded in its customer\'s arm, on that arm\'s version; figures as computed by hand', async () => {
    const segment = uniqueId('seg');
    const scenarioId = await scenarioForSegment(segment);
    await editDraft(scenarioId, 45);
    const started = await platform.request('POST', `/api/v1/scenarios/${scenarioId}/experiment`, { shareB: 50 });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      scenarioId, status: 'running', shareB: 50, arms: [{ arm: 'A', version: 1 }, { arm: 'B', version: 2 }],
      startedAt: '2026-06-15T10:00:00.000Z', endedAt: null, promotedArm: null, promotedVersion: null,
    });
    const experimentId = started.body.id as string;
    // Version 2 is the draft, frozen with keep_version: nothing in flight moves to it.
    expect((await platform.request('GET', `/api/v1/scenarios/${scenarioId}/versions/2`)).body).toMatchObject({
      inFlightPolicy: 'keep_version', definition: definition(45),
    });

    // The seeded portfolio: 60 customers, one invoice each, issued 2026-05-26, due 2026-06-20 (not yet due: pending unless paid).
    const future = { issueDate: '2026-05-26', dueDate: '2026-06-20' };
    const seeded = [];
    for (let i = 0; i < 60; i++) seeded.push(await postInvoice(uniqueId(`C${i}`), segment, future));
    for (const s of seeded) {
      const arm = armByHand(experimentId, s.customerId, 50);
      expect(s.scenario).toMatchObject({ id: scenarioId, version: arm === 'A' ? 1 : 2, experiment: { id: experimentId, arm } });
    }
    const inA = seeded.filter((s) => s.scenario.experiment.arm === 'A');
    const inB = seeded.filter((s) => s.scenario.experiment.arm === 'B');
    const expectedB = seeded.filter((s) => armByHand(experimentId, s.customerId, 50) === 'B').length;
    expect(inB.length).toBe(expectedB);
    expect(inA.length).toBe(60 - expectedB);
    expect(Math.min(inA.length, inB.length)).toBeGreaterThanOrEqual(3);

    // Older invoices of customers already split: they land in the same arm (the hash is of the customer).
    const [a1, a2] = inA;
    const [b1] = inB;
    const oldA1 = await postInvoice(await customerExternalId(a1!.id), segment, { issueDate: '2026-04-06', dueDate: '2026-05-06' });
    const oldA2 = await postInvoice(await customerExternalId(a2!.id), segment, { issueDate: '2026-04-06', dueDate: '2026-05-06' });
    const oldB1 = await postInvoice(await customerExternalId(b1!.id), segment, { issueDate: '2026-04-26', dueDate: '2026-05-06' });
    expect([oldA1, oldA2, oldB1].map((o) => o.scenario.experiment.arm)).toEqual(['A', 'A', 'B']);

    // Payments (paid-on-time deadline: due + 14 days, inclusive; days to pay: payment day − issue day):
    //   A: two new invoices paid 06-05 (10 days) and 06-15 (20 days), on time; old A1 paid 05-06 (30 days), on time by 05-20;
    //      old A2 unpaid and 05-20 is past: decided, not paid.           → paid 3 of 4 decided, days [10, 20, 30]
    //   B: two new invoices paid 05-31 (5 days) and 06-10 (15 days), on time; old B1 paid 05-21 (25 days), one day after 05-20.
    //                                                                     → paid 2 of 3 decided, days [5, 15, 25]
    await pay(inA[2]!.externalId, '2026-06-05');
    await pay(inA[3]!.externalId, '2026-06-15');
    await pay(oldA1.externalId, '2026-05-06');
    await pay(inB[1]!.externalId, '2026-05-31');
    await pay(inB[2]!.externalId, '2026-06-10');
    await pay(oldB1.externalId, '2026-05-21');

    const res = await platform.request('GET', `/api/v1/scenarios/${scenarioId}/experiment`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: experimentId, status: 'running', asOf: '2026-06-15', paidWithinDays: 14 });
    // A. Wilson(3, 4): z²/n = 0.9603647, centre = (0.75 + 0.4801824) / 1.9603647 = 0.6275273,
    //    half = 1.959964/1.9603647 · √(0.1875/4 + 3.841459/64) = 0.9997955 · 0.3269523 = 0.3268854 → [0.3006, 0.9544].
    //    Days [10, 20, 30]: mean 20, s² = 100, half = t(0.975, 2) · √(100/3) = 4.3026527 · 5.7735027 = 24.8414 → [−4.84, 44.84].
    //    Pending: the new invoices of arm A not paid (all but two).
    expect(res.body.arms[0]).toEqual({
      arm: 'A', version: 1, invoices: inA.length + 2, customers: inA.length,
      paidWithin14Days: { paid: 3, decided: 4, pending: inA.length - 2, excluded: 0, rate: 0.75, ci95: { low: 0.3006, high: 0.9544 } },
      daysToPay: { n: 3, mean: 20, ci95: { low: -4.84, high: 44.84 } },
    });
    // B. Wilson(2, 3): z²/n = 1.2804865, centre = (0.6666667 + 0.6402433) / 2.2804865 = 0.5730838,
    //    half = 1.959964/2.2804865 · √(0.2222222/3 + 3.841459/36) = 0.8594503 · 0.4251839 = 0.3654242 → [0.2077, 0.9385].
    //    Days [5, 15, 25]: mean 15, s² = 100 → 15 ± 24.8414 → [−9.84, 39.84].
    expect(res.body.arms[1]).toEqual({
      arm: 'B', version: 2, invoices: inB.length + 1, customers: inB.length,
      paidWithin14Days: { paid: 2, decided: 3, pending: inB.length - 2, excluded: 0, rate: 0.6667, ci95: { low: 0.2077, high: 0.9385 } },
      daysToPay: { n: 3, mean: 15, ci95: { low: -9.84, high: 39.84 } },
    });
    // B − A. Rate (Newcombe): d = 0.6666667 − 0.75 = −0.0833333;
    //    low  = d − √((0.6666667 − 0.2076596)² + (0.9544127 − 0.75)²) = −0.0833333 − 0.5024660 = −0.5858
    //    high = d + √((0.9385081 − 0.6666667)² + (0.75 − 0.3006418)²) = −0.0833333 + 0.5251862 = 0.4419
    // Days (Welch): d = 15 − 20 = −5, se = √(100/3 + 100/3) = 8.1649658, df = (200/3)² / (2 · (100/3)² / 2) = 4,
    //    t(0.975, 4) = 2.7764451 → half = 22.6696 → [−27.67, 17.67].
    expect(res.body.difference).toEqual({
      paidWithin14DaysRate: { estimate: -0.0833, ci95: { low: -0.5858, high: 0.4419 } },
      daysToPay: { estimate: -5, ci95: { low: -27.67, high: 17.67 }, df: 4 },
    });

    // The customer's scenario, explained: its arm.
    const explained = (await platform.request('GET', `/api/v1/customers/${await customerExternalId(b1!.id)}/scenario`)).body;
    expect(explained.scenario).toMatchObject({ id: scenarioId, version: 2 });
    expect(explained.experiment).toEqual({ id: experimentId, arm: 'B' });
    expect(explained.reason).toMatch(/experiment .* arm B/);

    // One experiment at a time, and no plain publish while it runs.
    const again = await platform.request('POST', `/api/v1/scenarios/${scenarioId}/experiment`, { shareB: 20 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'SCENARIO_EXPERIMENT_RUNNING', experimentId });
    await editDraft(scenarioId, 30);
    const publish = await platform.request('POST', `/api/v1/scenarios/${scenarioId}/publish`, { inFlightPolicy: 'keep_version' });
    expect(publish.status).toBe(409);
    expect(publish.body.code).toBe('SCENARIO_EXPERIMENT_RUNNING');

    // Promote B: its definition becomes version 3; the experiment ends; later invoices are in no arm.
    const promoted = await platform.request('POST', `/api/v1/scenarios/${scenarioId}/experiment/promote`, { arm: 'B', inFlightPolicy: 'keep_version' });
    expect(promoted.status).toBe(201);
    expect(promoted.body).toMatchObject({ id: experimentId, status: 'promoted', promotedArm: 'B', promotedVersion: 3, endedAt: '2026-06-15T10:00:00.000Z' });
    expect((await platform.request('GET', `/api/v1/scenarios/${scenarioId}/versions/3`)).body).toMatchObject({
      inFlightPolicy: 'keep_version', definition: definition(45),
    });
    const later = await postInvoice(await customerExternalId(a1!.id), segment, future);
    expect(later.scenario).toMatchObject({ id: scenarioId, version: 3 });
    expect(later.scenario.experiment).toBeUndefined();
    // Existing invoices keep their version and their arm; the comparison still reads the ended experiment.
    const after = (await platform.request('GET', `/api/v1/scenarios/${scenarioId}/experiment`)).body;
    expect(after).toMatchObject({ status: 'promoted', arms: [{ invoices: inA.length + 2 }, { invoices: inB.length + 1 }] });
    const [{ n }] = await platform.db.dataSource.query(
      `SELECT count(*)::int AS n FROM invoices WHERE scenario_id = $1 AND scenario_version IN (1, 2)`, [scenarioId],
    );
    expect(n).toBe(63);
    const promoteAgain = await platform.request('POST', `/api/v1/scenarios/${scenarioId}/experiment/promote`, { arm: 'A', inFlightPolicy: 'keep_version' });
    expect(promoteAgain.status).toBe(409);
    expect(promoteAgain.body.code).toBe('SCENARIO_EXPERIMENT_NOT_RUNNING');
  });
});

async function customerExternalId(invoiceId: string): Promise<string> {
  return (await platform.request('GET', `/api/v1/invoices/${invoiceId}`)).body.customer.externalId;
}

describe('experiment rules', () => {
  test('an invoice in a running experiment never migrates; once promoted, the versions\' policies apply again', async () => {
    const segment = uniqueId('seg');
    const scenarioId = await scenarioForSegment(segment);
    await editDraft(scenarioId, 40);
    expect((await platform.request('POST', `/api/v1/scenarios/${scenarioId}/publish`, { inFlightPolicy: 'migrate_at_next_step' })).status).toBe(201);
    // Version 1 against version 2, everyone on A (shareB 1 % puts only bucket 0 on B): a version-1 invoice would migrate to 2.
    const started = await platform.request('POST', `/api/v1/scenarios/${scenarioId}/experiment`, { shareB: 1, versionA: 1, versionB: 2 });
    expect(started.status).toBe(201);
    let invoice = await postInvoice(uniqueId('C'), segment, { issueDate: '2026-05-26', dueDate: '2026-06-20' });
    while (invoice.scenario.experiment.arm !== 'A') invoice = await postInvoice(uniqueId('C'), segment, { issueDate: '2026-05-26', dueDate: '2026-06-20' });
    const versions = platform.app.get(ScenarioVersionReader);
    expect(await versions.migrationTarget(scenarioId, 1, invoice.id)).toBeNull();
    // An invoice outside the experiment (or no invoice named) still migrates as before.
    expect(await versions.migrationTarget(scenarioId, 1)).toMatchObject({ version: 2 });
    expect((await platform.request('POST', `/api/v1/scenarios/${scenarioId}/experiment/promote`, { arm: 'A', inFlightPolicy: 'keep_version' })).status).toBe(201);
    // Promoted with keep_version (version 3): arm A's invoice may now follow version 2's migrate_at_next_step, as any invoice on 1.
    expect(await versions.migrationTarget(scenarioId, 1, invoice.id)).toMatchObject({ version: 2 });
  });

  test('bad requests change nothing: 400 with the field, 404, 409', async () => {
    const segment = uniqueId('seg');
    const scenarioId = await scenarioForSegment(segment);
    const start = (body: unknown) => platform.request('POST', `/api/v1/scenarios/${scenarioId}/experiment`, body);
    const fields = async (body: unknown) => {
      const res = await start(body);
      expect(res.status).toBe(400);
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields({})).toEqual(['shareB']);
    expect(await fields({ shareB: 0 })).toEqual(['shareB']);
    expect(await fields({ shareB: 100 })).toEqual(['shareB']);
    expect(await fields({ shareB: '50' })).toEqual(['shareB']);
    expect(await fields({ shareB: 50, versionA: 9 })).toEqual(['versionA']);
    expect(await fields({ shareB: 50, versionB: 1 })).toEqual(['versionB']);
    // No versionB and a draft identical to version 1: nothing to test against.
    const unchanged = await start({ shareB: 50 });
    expect(unchanged.status).toBe(409);
    expect(unchanged.body.code).toBe('SCENARIO_UNCHANGED');
    const draftOnly = await platform.request('POST', '/api/v1/scenarios', { name: uniqueId('Draft'), definition: definition(10) });
    const notPublished = await platform.request('POST', `/api/v1/scenarios/${draftOnly.body.id}/experiment`, { shareB: 50 });
    expect(notPublished.status).toBe(409);
    expect(notPublished.body.code).toBe('SCENARIO_NOT_PUBLISHED');
    expect((await platform.request('POST', '/api/v1/scenarios/00000000-0000-4000-8000-000000000000/experiment', { shareB: 50 })).status).toBe(404);
    expect((await platform.request('GET', `/api/v1/scenarios/${scenarioId}/experiment`)).status).toBe(404);
    const promote = await platform.request('POST', `/api/v1/scenarios/${scenarioId}/experiment/promote`, { arm: 'C', inFlightPolicy: 'keep_version' });
    expect(promote.status).toBe(400);
    expect(promote.body.errors.map((e: { field: string }) => e.field)).toEqual(['arm']);
    const [{ n }] = await platform.db.dataSource.query(`SELECT count(*)::int AS n FROM scenario_experiments WHERE scenario_id = $1`, [scenarioId]);
    expect(n).toBe(0);
    expect((await platform.request('GET', `/api/v1/scenarios/${scenarioId}`)).body.latestVersion).toBe(1);
  });
});
