/**
 * Invoices following configured scenario versions, on the time-skipping
 * server with the real worker, activities and PostgreSQL: conditions,
 * checkpoints, tasks, litigation, penalties, business days, version migration.
 */
import { describe, expect, test } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Customer } from '../../src/customers/customer.entity.js';
import { Invoice } from '../../src/invoices/invoice.entity.js';
import { LegalEntity } from '../../src/organization/legal-entity.entity.js';
import { ScenarioVersion } from '../../src/scenarios/scenario-version.entity.js';
import { Scenario } from '../../src/scenarios/scenario.entity.js';
import { CollectorTask } from '../../src/tasks/collector-task.entity.js';
import { decideCheckpointUpdate, type ScenarioRef } from '../../workflows/definitions.js';
import { createBusinessCalendar, DEFAULT_SENDING_WINDOW, nextBusinessDay } from '../../workflows/domain/business-calendar.js';
import type { InFlightPolicy, ScenarioDefinition } from '../../workflows/domain/scenario.js';
import {
  advanceTo, AFTER_BATCH_MS, loadInvoice, messages, parisDate, parisSendInstant, seedInvoice, settled, shiftDate,
  useDunningHarness, timeline, type SeededInvoice, customerCommsSettled, providerTraffic,
} from '../support/time-skipping.js';
import { uniqueId } from '../support/platform.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

const h = useDunningHarness();

const today = async () => parisDate(await h.env.currentTimeMs());
const sent = async (invoiceId: string) => (await messages(h.dataSource, invoiceId)).map((m) => `${m.step}/${m.channel}`).sort();

/** Stores a scenario and its versions as the scenarios API would, and returns the ref of version 1. */
async function storeScenario(versions: { definition: ScenarioDefinition; inFlightPolicy?: InFlightPolicy }[]): Promise<ScenarioRef> {
  const entity = await h.dataSource.manager.findOneByOrFail(LegalEntity, { code: 'default' });
  const scenario = await h.dataSource.manager.save(h.dataSource.manager.create(Scenario, {
    entityId: entity.id, name: uniqueId('scenario'), description: null, draft: versions[versions.length - 1]!.definition,
    draftRevision: 1, latestVersion: versions.length,
  }));
  for (const [i, v] of versions.entries()) await publish(scenario.id, i + 1, v.definition, v.inFlightPolicy ?? 'keep_version');
  return { scenarioId: scenario.id, version: 1, inFlightPolicy: versions[0]!.inFlightPolicy ?? 'keep_version', definition: versions[0]!.definition };
}

async function publish(scenarioId: string, version: number, definition: ScenarioDefinition, inFlightPolicy: InFlightPolicy) {
  await h.dataSource.manager.insert(ScenarioVersion, { scenarioId, version, definition, inFlightPolicy, publishedAt: new Date(), publishedBy: null });
}

async function setCustomer(invoice: SeededInvoice, values: Partial<Customer>) {
  await h.dataSource.manager.update(Customer, { id: invoice.customerId }, values);
}

const tasks = (invoiceId: string) => h.dataSource.manager.find(CollectorTask, { where: { invoiceId }, order: { createdAt: 'ASC' } });

describe('scenario execution', () => {
  test('conditions by segment: the SMS step runs for small businesses only; the timeline says why not', async () => {
    const definition: ScenarioDefinition = {
      steps: [
        { key: 'email_1', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
        { key: 'sms_smb', trigger: { kind: 'due_date', offsetDays: 3 }, action: 'reminder', channels: ['sms'], conditions: { segments: ['smb'] } },
        { key: 'big_only', trigger: { kind: 'due_date', offsetDays: 4 }, action: 'reminder', channels: ['email'], conditions: { minOverdueAmount: '5000.00' } },
      ],
    };
    const scenario = await storeScenario([{ definition }]);
    const due = shiftDate(await today(), 2);
    const smb = await seedInvoice(h.dataSource, { dueDate: due });
    const key = await seedInvoice(h.dataSource, { dueDate: due });
    await setCustomer(smb, { segment: 'smb' });
    await setCustomer(key, { segment: 'key_account' });
    const handles = [await h.startWorkflow(smb, { scenario }), await h.startWorkflow(key, { scenario })];
    for (const handle of handles) await settled(h, handle);

    await advanceTo(h.env, parisSendInstant(shiftDate(due, 4)) + MINUTE);
    for (const handle of handles) await settled(h, handle);
    expect(await sent(smb.id)).toEqual(['email_1/email', 'sms_smb/sms']);
    expect(await sent(key.id)).toEqual(['email_1/email']);
    const skipped = (await timeline(h.dataSource, key.id)).filter((e) => e.type === 'step_skipped').map((e) => e.data);
    expect(skipped).toEqual([
      expect.objectContaining({ step: 'sms_smb', reasons: ['segment key_account not in smb'] }),
      expect.objectContaining({ step: 'big_only', reasons: ['open amount below 5000.00 EUR'] }),
    ]);
    expect((await loadInvoice(h.dataSource, smb.id)).nextActionAt).toBeNull();
  });

  test('a checkpoint waits for a collector: approved, the step goes out; a decision for another step is refused', async () => {
    const definition: ScenarioDefinition = {
      steps: [{ key: 'final', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'], checkpoint: { timeoutHours: 48, onTimeout: 'skip' } }],
    };
    const scenario = await storeScenario([{ definition }]);
    const due = shiftDate(await today(), 2);
    const invoice = await seedInvoice(h.dataSource, { dueDate: due });
    const handle = await h.startWorkflow(invoice, { scenario });
    await settled(h, handle);
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 1)) + MINUTE);
    const waiting = await settled(h, handle, { until: (s) => s.awaitingCheckpoint !== null });
    expect(waiting?.awaitingCheckpoint?.stepKey).toBe('final');
    expect(await sent(invoice.id)).toEqual([]);
    expect((await tasks(invoice.id)).map((t) => [t.kind, t.status, t.step])).toEqual([['checkpoint', 'open', 'final']]);

    const refused = await handle.executeUpdate(decideCheckpointUpdate, { args: [{ stepKey: 'other', decision: 'approve' }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause?.message).toMatch(/No step "other" is waiting for approval/);
    await handle.executeUpdate(decideCheckpointUpdate, { args: [{ stepKey: 'final', decision: 'approve', by: 'collector@seller.example' }] });
    await settled(h, handle, { until: (s) => s.handledSteps.includes('final') });
    await advanceTo(h.env, (await h.env.currentTimeMs()) + AFTER_BATCH_MS); // the approved reminder leaves with the customer's batch
    await settled(h, handle);
    expect(await sent(invoice.id)).toEqual(['final/email']);
    expect((await tasks(invoice.id)).map((t) => [t.status, t.outcome])).toEqual([['done', 'approved']]);
    const history = await h.env.client.workflow.getHandle(invoice.workflowId).fetchHistory();
    const updates = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updates).toHaveLength(1); // the refused decision left no trace
  });

  test('an unanswered checkpoint applies its timeout outcome: proceed sends, skip does not', async () => {
    const step = (key: string, onTimeout: 'proceed' | 'skip') => ({
      key, trigger: { kind: 'due_date' as const, offsetDays: 1 }, action: 'reminder' as const, channels: ['email' as const],
      checkpoint: { timeoutHours: 24, onTimeout },
    });
    const proceed = await storeScenario([{ definition: { steps: [step('go', 'proceed')] } }]);
    const skip = await storeScenario([{ definition: { steps: [step('stop', 'skip')] } }]);
    const due = shiftDate(await today(), 2);
    const a = await seedInvoice(h.dataSource, { dueDate: due });
    const b = await seedInvoice(h.dataSource, { dueDate: due });
    const handles = [await h.startWorkflow(a, { scenario: proceed }), await h.startWorkflow(b, { scenario: skip })];
    for (const handle of handles) await settled(h, handle);
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 1)) + MINUTE);
    for (const handle of handles) await settled(h, handle, { until: (s) => s.awaitingCheckpoint !== null });
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 1)) + 24 * HOUR + MINUTE + AFTER_BATCH_MS);
    for (const handle of handles) await settled(h, handle, { until: (s) => s.awaitingCheckpoint === null });
    expect(await sent(a.id)).toEqual(['go/email']);
    expect(await sent(b.id)).toEqual([]);
    expect((await tasks(a.id)).map((t) => t.outcome)).toEqual(['timed_out']);
    const closed = (await timeline(h.dataSource, b.id)).find((e) => e.type === 'checkpoint_closed');
    expect(closed?.data).toMatchObject({ outcome: 'timed_out', then: 'skip' });
  });

  test('call tasks, litigation handover with a note to the salesperson', async () => {
    const definition: ScenarioDefinition = {
      steps: [
        { key: 'call', trigger: { kind: 'due_date', offsetDays: 5 }, action: 'call_task', channels: [] },
        { key: 'litigation', trigger: { kind: 'after_previous', days: 10 }, action: 'litigation_handover', channels: [] },
      ],
    };
    const scenario = await storeScenario([{ definition }]);
    const due = shiftDate(await today(), 1);
    const invoice = await seedInvoice(h.dataSource, { dueDate: due });
    await setCustomer(invoice, { salespersonEmail: 'sales.rep@seller.example' });
    const handle = await h.startWorkflow(invoice, { scenario });
    await settled(h, handle);
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 15)) + MINUTE);
    await settled(h, handle, { until: (s) => s.handledSteps.includes('litigation') });
    expect((await tasks(invoice.id)).map((t) => [t.kind, t.step, t.status])).toEqual([
      ['call', 'call', 'open'], ['litigation_handover', 'litigation', 'open'],
    ]);
    expect((await loadInvoice(h.dataSource, invoice.id)).collectionStage).toBe('litigation');
    const notes = await messages(h.dataSource, invoice.id);
    expect(notes.map((m) => [m.step, m.channel, m.recipient])).toEqual([['litigation.internal', 'email', 'sales.rep@seller.example']]);
    expect(notes[0]!.body).toContain('handed over to litigation');
  });

  test('an internal notification step alone: a note to the salesperson, nothing to the customer, no task', async () => {
    const definition: ScenarioDefinition = {
      steps: [{ key: 'tell_sales', trigger: { kind: 'due_date', offsetDays: 3 }, action: 'internal_notification', channels: [] }],
    };
    const scenario = await storeScenario([{ definition }]);
    const due = shiftDate(await today(), 1);
    const invoice = await seedInvoice(h.dataSource, { dueDate: due });
    await setCustomer(invoice, { salespersonEmail: 'key.account@seller.example' });
    const handle = await h.startWorkflow(invoice, { scenario });
    await settled(h, handle);
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 3)) + MINUTE);
    await settled(h, handle, { until: (s) => s.handledSteps.includes('tell_sales') });
    const sentMessages = await messages(h.dataSource, invoice.id);
    expect(sentMessages.map((m) => [m.step, m.channel, m.audience, m.recipient, m.status])).toEqual([
      ['tell_sales.internal', 'email', 'internal', 'key.account@seller.example', 'sent'],
    ]);
    expect(sentMessages[0]!.body).toContain('dunning step tell_sales');
    expect(sentMessages[0]!.body).toContain(invoice.number);
    expect(providerTraffic(h.providers, invoice).email).toEqual([]);
    expect(await tasks(invoice.id)).toEqual([]);
    expect((await timeline(h.dataSource, invoice.id)).map((e) => e.type)).toContain('internal_notification_sent');
  });

  test('an account statement step sends every open item of the customer, not only the invoice at the step', async () => {
    const definition: ScenarioDefinition = {
      steps: [{ key: 'statement', trigger: { kind: 'due_date', offsetDays: 10 }, action: 'account_statement', channels: ['email'] }],
    };
    const scenario = await storeScenario([{ definition }]);
    const due = shiftDate(await today(), 1);
    const invoice = await seedInvoice(h.dataSource, { dueDate: due, amountMinor: 100_000n });
    const notYetDue = await seedInvoice(h.dataSource, { dueDate: shiftDate(due, 20), amountMinor: 25_050n, sameCustomerAs: invoice });
    const handle = await h.startWorkflow(invoice, { scenario });
    await settled(h, handle);
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 10)) + AFTER_BATCH_MS);
    await settled(h, handle, { until: (s) => s.handledSteps.includes('statement') });
    await customerCommsSettled(h, invoice.customerId);
    const emails = providerTraffic(h.providers, invoice).email;
    expect(emails.map((r) => r.status)).toEqual([202]);
    const body = emails[0]!.body.content?.map((c) => c.value).join('\n') ?? '';
    expect(body).toMatch(new RegExp(`${invoice.number} dated [^\\n]*: €1,000\\.00 \\(10 days overdue\\)`));
    expect(body).toMatch(new RegExp(`${notYetDue.number} dated [^\\n]*: €250\\.50 \\(not yet due\\)`));
    expect(body).toContain('Total outstanding: €1,250.50');
  });

  test('a formal notice states the statutory penalties, computed exactly', async () => {
    const definition: ScenarioDefinition = {
      steps: [{ key: 'mise_en_demeure', trigger: { kind: 'due_date', offsetDays: 30 }, action: 'formal_notice', channels: ['email', 'letter'] }],
    };
    const scenario = await storeScenario([{ definition }]);
    const due = shiftDate(await today(), 1);
    const invoice = await seedInvoice(h.dataSource, { dueDate: due, amountMinor: 1_000_000n });
    const handle = await h.startWorkflow(invoice, { scenario });
    await settled(h, handle);
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 30)) + MINUTE);
    await settled(h, handle, { until: (s) => s.handledSteps.includes('mise_en_demeure') });
    // 10 000,00 € × (ECB 2.15 % in force since 2025-06-11 + 10 points = 12.15 %) × 30 / 365 = 99.863… → 99,86 €; + 40 € indemnity.
    const event = (await timeline(h.dataSource, invoice.id)).find((e) => e.type === 'reminder_sent');
    expect(event?.data).toMatchObject({ penalty: { daysLate: 30, interest: '99.86', indemnity: '40.00', total: '139.86' } });
    const letter = (await messages(h.dataSource, invoice.id)).find((m) => m.channel === 'letter');
    expect(letter?.status).toBe('to_post');
    // The harness's contacts read English.
    expect(letter?.body).toContain('12.15%');
    expect(letter?.body).toContain('€99.86');
    expect(letter?.body).toContain('€40.00');
    expect(letter?.body).toContain('total due: €10,139.86');
    // The letter is a PDF kept with its message, ready to print and post.
    const [document] = await h.dataSource.query('SELECT content, sha256 FROM letter_documents WHERE message_id = $1', [letter!.id]);
    expect((document.content as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('with the French calendar and a sending window, steps move to the next business day', async () => {
    const definition: ScenarioDefinition = {
      steps: [{ key: 'weekend', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] }],
    };
    const scenario = await storeScenario([{ definition }]);
    // A due date that makes due + 1 a Saturday.
    let due = shiftDate(await today(), 2);
    while (new Date(`${shiftDate(due, 1)}T12:00:00Z`).getUTCDay() !== 6) due = shiftDate(due, 1);
    const invoice = await seedInvoice(h.dataSource, { dueDate: due });
    const handle = await h.startWorkflow(invoice, { scenario, calendar: createBusinessCalendar(), window: DEFAULT_SENDING_WINDOW });
    const state = await settled(h, handle);
    const monday = nextBusinessDay(shiftDate(due, 1), createBusinessCalendar());
    expect(new Date(`${monday}T12:00:00Z`).getUTCDay()).toBeGreaterThanOrEqual(1);
    expect(state?.nextAction).toMatchObject({ step: 'weekend', at: new Date(parisSendInstant(monday)).toISOString() });
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 1)) + HOUR);
    expect(await sent(invoice.id)).toEqual([]);
    await advanceTo(h.env, parisSendInstant(monday) + AFTER_BATCH_MS);
    await settled(h, handle, { until: (s) => s.handledSteps.includes('weekend') });
    expect(await sent(invoice.id)).toEqual(['weekend/email']);
  });

  describe('publishing a new version while invoices are in flight', () => {
    const v1: ScenarioDefinition = {
      steps: [
        { key: 'first', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
        { key: 'call', trigger: { kind: 'due_date', offsetDays: 6 }, action: 'call_task', channels: [] },
      ],
    };
    const v2: ScenarioDefinition = {
      steps: [
        { key: 'first', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] },
        { key: 'nudge', trigger: { kind: 'due_date', offsetDays: 6 }, action: 'reminder', channels: ['sms'] },
      ],
    };

    async function runWithSecondVersion(policy: InFlightPolicy) {
      const scenario = await storeScenario([{ definition: v1 }]);
      const due = shiftDate(await today(), 2);
      const invoice = await seedInvoice(h.dataSource, { dueDate: due });
      const handle = await h.startWorkflow(invoice, { scenario });
      await settled(h, handle);
      await advanceTo(h.env, parisSendInstant(shiftDate(due, 1)) + MINUTE);
      await settled(h, handle, { until: (s) => s.handledSteps.includes('first') });
      await publish(scenario.scenarioId, 2, v2, policy);
      await advanceTo(h.env, parisSendInstant(shiftDate(due, 6)) + AFTER_BATCH_MS);
      const state = await settled(h, handle, { until: (s) => s.handledSteps.length === 2 });
      return { invoice, state };
    }

    test('migrate_at_next_step: the invoice moves to version 2 at its next step', async () => {
      const { invoice, state } = await runWithSecondVersion('migrate_at_next_step');
      expect(state?.scenario?.version).toBe(2);
      expect(await sent(invoice.id)).toEqual(['first/email', 'nudge/sms']);
      expect(await tasks(invoice.id)).toEqual([]);
      expect((await loadInvoice(h.dataSource, invoice.id)).scenarioVersion).toBe(2);
      const migrated = (await timeline(h.dataSource, invoice.id)).filter((e) => e.type === 'scenario_migrated');
      expect(migrated.map((e) => e.data)).toEqual([expect.objectContaining({ from: 1, to: 2 })]);
    });

    test('keep_version: the invoice finishes on the version it started with', async () => {
      const { invoice, state } = await runWithSecondVersion('keep_version');
      expect(state?.scenario?.version).toBe(1);
      expect(await sent(invoice.id)).toEqual(['first/email']);
      expect((await tasks(invoice.id)).map((t) => t.step)).toEqual(['call']);
    });
  });

  test('the built-in scenario still runs when no scenario is assigned', async () => {
    const due = shiftDate(await today(), 5);
    const invoice = await seedInvoice(h.dataSource, { dueDate: due });
    const handle = await h.startWorkflow(invoice);
    await settled(h, handle);
    await advanceTo(h.env, parisSendInstant(shiftDate(due, 1)) + AFTER_BATCH_MS);
    await settled(h, handle, { until: (s) => s.handledSteps.includes('reminder_1') });
    expect(await sent(invoice.id)).toEqual(['courtesy_notice/email', 'reminder_1/email']);
    expect((await h.dataSource.manager.findOneByOrFail(Invoice, { id: invoice.id })).scenarioId).toBeNull();
  });
});
