import { describe, expect, test } from '@jest/globals';
import { fillPaymentUrl, paymentUrlTemplateProblems } from '../../src/organization/payment-url.js';

describe('payment page URL template (entity setting, customer portal pay button)', () => {
  const values = { invoiceNumber: 'F 2026/01', invoiceExternalId: 'INV-1', amount: '1200.50', currency: 'EUR', customerExternalId: 'C&1' };

  test('fills each placeholder URL-encoded', () => {
    expect(fillPaymentUrl('https://pay.example.com/p?ref={invoiceNumber}&a={amount}&c={currency}&who={customerExternalId}', values))
      .toBe('https://pay.example.com/p?ref=F%202026%2F01&a=1200.50&c=EUR&who=C%261');
  });

  test('accepts http(s) URLs with known placeholders only', () => {
    expect(paymentUrlTemplateProblems('https://pay.example.com/{invoiceExternalId}')).toEqual([]);
    expect(paymentUrlTemplateProblems('https://pay.example.com/{iban}')).toEqual([expect.stringContaining('unknown placeholder(s) {iban}')]);
    expect(paymentUrlTemplateProblems('javascript:alert({amount})')).toEqual(['must be an https (or http) URL']);
    expect(paymentUrlTemplateProblems('pay/{amount}')).toEqual(['must be an absolute URL']);
  });
});
