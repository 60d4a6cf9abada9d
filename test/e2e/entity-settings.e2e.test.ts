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
