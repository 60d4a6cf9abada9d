import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startPlatform, type Platform } from '../support/platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ worker: false });
});
afterAll(async () => {
  await platform?.close();
});

describe('entity settings', () => {
  test('French holidays, business hours and Paris time by default', async () => {
    const res = await platform.request('GET', '/api/v1/entities/default/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'default', timeZone: 'Europe/Paris',
      businessCalendar: { country: 'FR', alsaceMoselle: false, extraHolidays: [], removedHolidays: [], weekendDays: [0, 6] },
      sendingWindow: { startHour: 9, endHour: 18, businessDaysOnly: true },
    });
  });

  test('an operator changes the calendar and the window; bad values are refused field by field', async () => {
    const ok = await platform.request('PUT', '/api/v1/entities/default/settings', {
      businessCalendar: { country: 'FR', alsaceMoselle: true, extraHolidays: ['2026-12-24'], removedHolidays: ['2027-05-17'] },
      sendingWindow: { startHour: 8, endHour: 19, businessDaysOnly: true },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.businessCalendar).toMatchObject({ alsaceMoselle: true, extraHolidays: ['2026-12-24'], removedHolidays: ['2027-05-17'] });
    expect((await platform.request('GET', '/api/v1/entities/default/settings')).body.sendingWindow).toEqual({ startHour: 8, endHour: 19, businessDaysOnly: true });

    const bad = await platform.request('PUT', '/api/v1/entities/default/settings', {
      businessCalendar: { extraHolidays: ['2026-02-30'], weekendDays: [7] },
      sendingWindow: { startHour: 18, endHour: 9, businessDaysOnly: 'yes' },
      timeZone: 'Mars/Olympus',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'businessCalendar.extraHolidays', 'businessCalendar.weekendDays', 'sendingWindow.businessDaysOnly', 'timeZone',
    ]);
    const inverted = await platform.request('PUT', '/api/v1/entities/default/settings', { sendingWindow: { startHour: 18, endHour: 9, businessDaysOnly: true } });
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors[0].field).toBe('sendingWindow.endHour');
    expect((await platform.request('GET', '/api/v1/entities/default/settings')).body.sendingWindow).toEqual({ startHour: 8, endHour: 19, businessDaysOnly: true });
    expect((await platform.request('PUT', '/api/v1/entities/nowhere/settings', {})).status).toBe(404);
  });
});

describe("an entity's late-payment terms", () => {
  test('are stated by its formal notices', async () => {
    const defaults = await platform.request('GET', '/api/v1/entities/default/settings');
    expect(defaults.body.latePaymentPenalties).toEqual({ marginBp: 1000, businessToBusiness: true });
    const updated = await platform.request('PUT', '/api/v1/entities/default/settings', { latePaymentPenalties: { marginBp: 1200, fixedIndemnity: '0.00' } });
    expect(updated.status).toBe(200);
    expect(updated.body.latePaymentPenalties).toEqual({ marginBp: 1200, businessToBusiness: true, fixedIndemnity: '0.00' });
    const bad = await platform.request('PUT', '/api/v1/entities/default/settings', {
      latePaymentPenalties: { marginBp: -5, fixedIndemnity: 'forty', rates: [{ from: '2025-06-11', rateBp: 215 }, { from: '2025-01-01', rateBp: 300 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['latePaymentPenalties.fixedIndemnity', 'latePaymentPenalties.marginBp']);

    const invoice = await platform.request('POST', '/api/v1/invoices', {
      externalId: 'INV-TERMS', number: 'F-TERMS', issueDate: '2025-02-08', dueDate: '2025-03-10', amount: '10000.00', currency: 'EUR',
      customer: { externalId: 'C-TERMS', name: 'Garage Martin', email: 'compta@garage-martin.example', language: 'fr' },
    });
    const scenario = await platform.request('POST', '/api/v1/scenarios', {
      name: 'Formal notice only',
      definition: { steps: [{ key: 'mise_en_demeure', trigger: { kind: 'due_date', offsetDays: 30 }, action: 'formal_notice', channels: ['letter'] }] },
    });
    const preview = await platform.request('POST', `/api/v1/scenarios/${scenario.body.id}/preview`, {
      invoiceId: invoice.body.id, stepKey: 'mise_en_demeure', channel: 'letter', asOf: '2025-04-09',
    });
    expect(preview.status).toBe(200);
    // 10 000 € × (3.15 % + 12 points) × 30 / 365 = 124,52 €; no fixed indemnity under these terms.
    expect(preview.body.body).toContain('15,15');
    expect(preview.body.body).toContain('124,52');
    expect(preview.body.body).not.toContain('40,00');
  });
});
