/**
 * A collector works their tasks in a real browser (Debian's Chromium through
 * playwright-core) against the real platform: API, worker, Temporal,
 * PostgreSQL. Dunning raises two call tasks (a scenario's call step); from the
 * worklist the collector snoozes one to a later day — it leaves today's list
 * and the API shows the new due instant — and completes the other with an
 * outcome and a note — it leaves the open tasks and shows on the customer's
 * timeline. Every effect is checked through the API, not only on screen.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { zonedDateHourToEpoch } from '../../workflows/domain/calendar.js';
import { launchChromium, newConsoleContext, personWithPassword, seriousAccessibilityFindings, signIn, startConsolePlatform } from '../support/browser.js';
import { eventually, isoDateDaysFromToday, uniqueId, type Platform } from '../support/platform.js';

const day = (n: number) => isoDateDaysFromToday(n);

interface TaskRow { id: string; title: string; titleCode: string | null; titleParams: Record<string, unknown> | null; invoiceNumber: string | null }

describe('console: a collector snoozes a task and completes another', () => {
  let platform: Platform;
  let browser: Browser;
  const password = 'mes tâches du jour';
  let collector: { id: string; email: string };
  const customer = { externalId: uniqueId('C-TASK'), name: 'Menuiserie Leroy SARL' };
  const older = { externalId: uniqueId('INV-T1') };
  const newer = { externalId: uniqueId('INV-T2') };
  const tasks: Record<'older' | 'newer', TaskRow> = {} as never;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
    collector = await personWithPassword(platform, 'Léa Collectrice', ['collector'], password);
    // Léa holds every customer of the entity (the fallback rule), so the tasks follow her.
    expect((await platform.request('POST', '/api/v1/collector-rules', { collectorUserId: collector.id })).status).toBe(201);
    // The customer's scenario opens a call task the day after due: both invoices are already past it.
    const scenario = await platform.request('POST', '/api/v1/scenarios', {
      name: uniqueId('Appels'), definition: { steps: [{ key: 'call', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'call_task', channels: [] }] },
    });
    expect(scenario.status).toBe(201);
    expect((await platform.request('POST', `/api/v1/scenarios/${scenario.body.id}/publish`, { inFlightPolicy: 'keep_version' })).status).toBe(201);
    expect((await platform.request('PUT', `/api/v1/scenario-assignments/customers/${customer.externalId}`, { scenarioId: scenario.body.id })).status).toBe(200);
    for (const [invoice, due] of [[older, -12], [newer, -4]] as const) {
      const res = await platform.request('POST', '/api/v1/invoices', {
        externalId: invoice.externalId, number: invoice.externalId, issueDate: day(due - 30), dueDate: day(due), amount: '640.00', currency: 'EUR',
        customer: { ...customer, email: 'compta@leroy.example', phone: '+33612345678', language: 'fr' },
      });
      expect(res.status).toBe(201);
    }
    const open = await eventually(async () => {
      const res = await platform.request('GET', `/api/v1/tasks?customer=${customer.externalId}&kind=call&status=open`);
      return res.body.items?.length === 2 ? (res.body.items as TaskRow[]) : null;
    }, 60_000);
    tasks.older = open.find((t) => t.invoiceNumber === older.externalId)!;
    tasks.newer = open.find((t) => t.invoiceNumber === newer.externalId)!;
    expect(tasks.older.title).toBe(`Call ${customer.name} about invoice ${older.externalId}`);
    expect(tasks.newer.title).toBe(`Call ${customer.name} about invoice ${newer.externalId}`);
    // The API gives the title as a code with params too: the console writes it in the collector's language.
    expect([tasks.older.titleCode, tasks.older.titleParams]).toEqual(['CALL_ABOUT_INVOICE', { customer: customer.name, invoice: older.externalId }]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('snoozes one task to a later day and completes the other with its outcome and note', async () => {
    const { context, page, cspViolations } = await newConsoleContext(browser, platform.baseUrl);
    try {
      await signIn(page, '/worklist', collector.email, password);
      await page.getByRole('heading', { name: 'Ma liste de travail', level: 1 }).waitFor();
      const list = page.getByRole('table', { name: 'Tâches ouvertes, les retards d\'abord' });
      // The titles in French, written from the API's code and params (not its English title).
      const french = (task: TaskRow) => `Appeler ${customer.name} au sujet de la facture ${task.invoiceNumber}`;
      const row = (task: TaskRow) => list.getByRole('row', { name: new RegExp(french(task)) });
      await row(tasks.older).waitFor();
      await row(tasks.newer).waitFor();
      expect(await list.getByRole('row').count()).toBe(1 + 2);
      expect(await list.textContent()).not.toContain('about invoice');

      // Snooze the older task to three days from now, 09:00 in Paris (the browser's zone).
      await row(tasks.older).getByRole('button', { name: `Reporter ${french(tasks.older)}`, exact: true }).click();
      const snooze = page.getByRole('dialog', { name: `Reporter ${french(tasks.older)}` });
      await snooze.getByLabel('Jusqu\'au').fill(`${day(3)}T09:00`);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await snooze.getByRole('button', { name: 'Reporter la tâche' }).click();
      await page.getByRole('status').getByText(`${french(tasks.older)} reportée.`).waitFor();
      // It leaves today's list (the subtitle counts it as snoozed); the other one stays.
      await row(tasks.older).waitFor({ state: 'detached' });
      await page.getByText(/1 tâche à faire · 1 reportée/).waitFor();
      expect(await row(tasks.newer).count()).toBe(1);

      const until = new Date(zonedDateHourToEpoch(day(3), 9, 'Europe/Paris')).toISOString();
      expect((await platform.request('GET', `/api/v1/tasks/${tasks.older.id}`)).body)
        .toMatchObject({ status: 'open', snoozed: true, snoozedUntil: until, effectiveDueAt: until, overdue: false });
      const worklist = (await platform.request('GET', `/api/v1/worklist?collector=${collector.id}`)).body;
      expect(worklist.tasks.map((t: { id: string }) => t.id)).toEqual([tasks.newer.id]);
      expect(worklist.snoozedTasks).toBe(1);

      // Complete the newer one: the customer was reached; the screen asks for the outcome and takes a note.
      await row(tasks.newer).getByRole('button', { name: `Terminer ${french(tasks.newer)}`, exact: true }).click();
      const complete = page.getByRole('dialog', { name: `Terminer ${french(tasks.newer)}` });
      await complete.getByLabel('Résultat').selectOption({ label: 'Joint' });
      await complete.getByLabel('Note').fill('Mme Leroy règle les deux factures vendredi');
      await complete.getByRole('button', { name: 'Terminer la tâche' }).click();
      await page.getByRole('status').getByText(`${french(tasks.newer)} terminée.`).waitFor();
      await page.getByText('Aucune tâche ne vous attend.').waitFor();

      expect((await platform.request('GET', `/api/v1/tasks/${tasks.newer.id}`)).body)
        .toMatchObject({ status: 'done', outcome: 'reached', note: 'Mme Leroy règle les deux factures vendredi', closedBy: 'Léa Collectrice' });
      const open = (await platform.request('GET', `/api/v1/tasks?customer=${customer.externalId}&status=open`)).body.items as TaskRow[];
      expect(open.map((t) => t.id)).toEqual([tasks.older.id]);

      // The customer 360°: the completed call is on the timeline (and in the account the API answers).
      await page.getByRole('article', { name: new RegExp(customer.name) }).getByRole('link', { name: customer.name }).click();
      await page.getByRole('heading', { name: customer.name, level: 1 }).waitFor();
      const timeline = page.getByRole('region', { name: 'Activité' });
      await timeline.getByText('Appel par Léa Collectrice : Joint — Mme Leroy règle les deux factures vendredi', { exact: true }).waitFor();
      const account = (await platform.request('GET', `/api/v1/customers/${customer.externalId}`)).body;
      expect(account.timeline).toContainEqual(expect.objectContaining({
        source: 'task', type: 'call_reached', details: expect.objectContaining({ taskId: tasks.newer.id, note: 'Mme Leroy règle les deux factures vendredi' }),
      }));
      expect(account.timeline.filter((e: { details?: { taskId?: string } }) => e.details?.taskId === tasks.older.id)).toEqual([]);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
