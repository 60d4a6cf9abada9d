// A collector task's title: a code with params for the console's translations, and the same title in English.
import { describe, expect, test } from '@jest/globals';
import { storedTitle, taskTitle, TASK_TITLE_CODES } from '../../../activities/task-titles.js';

describe('task titles', () => {
  test('each code gives its English title and keeps its params', () => {
    expect(taskTitle('CALL_ABOUT_INVOICE', { customer: 'Acme SARL', invoice: 'F-1' }))
      .toEqual({ title: 'Call Acme SARL about invoice F-1', titleCode: 'CALL_ABOUT_INVOICE', titleParams: { customer: 'Acme SARL', invoice: 'F-1' } });
    expect(taskTitle('CHECKPOINT_APPROVAL', { customer: 'Acme SARL', invoice: 'F-1', step: 'second', action: 'email' }).title)
      .toBe('Approve "second" (email) for invoice F-1 of Acme SARL');
    expect(taskTitle('CONTACT_MISSING', { customer: 'Acme SARL', invoice: 'F-1', step: 'first', channels: 'email/sms', roles: 'billing' }).title)
      .toBe('No email/sms contact (billing) at Acme SARL for "first" of invoice F-1');
    expect(taskTitle('PROMISE_BROKEN', { amount: '100.00', currency: 'EUR', promisedFor: '2026-12-01', missingAmount: '40.00' }).title)
      .toBe('Promise to pay 100.00 EUR by 2026-12-01 broken: 40.00 EUR missing');
    expect(taskTitle('EXPOSURE_ALERT', { customer: 'Acme SARL', level: 'warning' }).title).toBe('Credit alert: Acme SARL near its credit limit');
    expect(taskTitle('DELIVERY_FAILED', { channel: 'sms', recipient: '+33600000000' }).title).toBe('SMS undelivered: +33600000000 — find another address');
    expect(taskTitle('PORTAL_PAYMENT_PLAN', { actor: 'ap@acme.example', instalments: 3, invoices: 'F-1, F-2', status: 'pending_approval' }))
      .toMatchObject({ title: 'ap@acme.example asked for a payment plan in 3 instalments for F-1, F-2 in the customer portal (pending_approval)', titleParams: { instalments: 3 } });
  });

  test('an absent optional value leaves the params (its flag says so) and reads as before in English', () => {
    expect(taskTitle('CUSTOMER_REPLY', { from: 'ap@acme.example', withSubject: 'no', subject: undefined }))
      .toEqual({ title: 'Reply from ap@acme.example: (no subject)', titleCode: 'CUSTOMER_REPLY', titleParams: { from: 'ap@acme.example', withSubject: 'no' } });
    expect(taskTitle('PLAN_BROKEN', { instalment: 2, withDueDate: 'no', dueDate: undefined }))
      .toEqual({ title: 'Payment plan broken: instalment 2 due ? not paid after the grace', titleCode: 'PLAN_BROKEN', titleParams: { instalment: 2, withDueDate: 'no' } });
  });

  test('the English title fits the column (300 characters); params keep the whole values', () => {
    const long = 'x'.repeat(400);
    const t = taskTitle('CALL_BACK', { customer: long });
    expect(t.title).toHaveLength(300);
    expect(t.titleParams.customer).toBe(long);
  });

  test('a stored task without a code, or with one this version does not know, shows its English title (no code)', () => {
    expect(storedTitle({ titleCode: null, titleParams: null })).toEqual({ titleCode: null, titleParams: null });
    expect(storedTitle({ titleCode: 'FROM_A_LATER_VERSION', titleParams: { a: 1 } })).toEqual({ titleCode: null, titleParams: null });
    expect(storedTitle({ titleCode: 'CALL_BACK', titleParams: null })).toEqual({ titleCode: null, titleParams: null });
    expect(storedTitle({ titleCode: 'CALL_BACK', titleParams: { customer: 'Acme' } })).toEqual({ titleCode: 'CALL_BACK', titleParams: { customer: 'Acme' } });
    expect(TASK_TITLE_CODES).toContain('CALL_ABOUT_INVOICE');
  });
});
