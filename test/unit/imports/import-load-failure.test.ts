// A row refused while loading as a code with params (the console writes it in French or English), its English words kept.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConflictError, NotFoundError, type AppError } from '../../../src/common/errors.js';
import { FieldRuleError, FieldValidationError } from '../../../src/common/validation.js';
import { IMPORT_LOAD_FAILURE_CODES, importLoadFailure } from '../../../src/imports/import-load-failure.js';

const row = { externalId: 'INV-7', currency: 'USD', amount: '10.00' };

describe('import load failures', () => {
  test('a conflict with what Relance holds names the invoice (and the currency the row sends)', () => {
    expect(importLoadFailure(new ConflictError('INVOICE_CUSTOMER_MISMATCH', 'Invoice INV-7 belongs to another customer'), row)).toEqual({
      code: 'INVOICE_CUSTOMER_MISMATCH', params: { invoice: 'INV-7' }, message: 'INVOICE_CUSTOMER_MISMATCH: Invoice INV-7 belongs to another customer',
    });
    expect(importLoadFailure(new ConflictError('INVOICE_CURRENCY_MISMATCH', 'Invoice INV-7 is in EUR'), row)).toEqual({
      code: 'INVOICE_CURRENCY_MISMATCH', params: { invoice: 'INV-7', currency: 'USD' }, message: 'INVOICE_CURRENCY_MISMATCH: Invoice INV-7 is in EUR',
    });
    expect(importLoadFailure(new ConflictError('INVOICE_CLOSED', 'Invoice INV-7 is paid; its amount and due date are final'), row).code).toBe('INVOICE_CLOSED');
  });

  test('refused fields are listed, intake\'s English words kept as the detail and the message', () => {
    const err = new FieldValidationError([
      { field: 'amount', messages: ['amount is below the 50.00 already paid'] },
      { field: 'customer.contacts[0].email', messages: ['must be an email', 'must not be empty'] },
    ]);
    const message = 'amount: amount is below the 50.00 already paid | customer.contacts[0].email: must be an email; must not be empty';
    expect(importLoadFailure(err, row)).toEqual({
      code: 'VALIDATION_FAILED', params: { invoice: 'INV-7', fields: 'amount, customer.contacts[0].email', detail: message }, message,
    });
    const terms = new FieldRuleError('PAYMENT_TERMS_UNLAWFUL', [{ field: 'paymentTerms', messages: ['90 days is beyond the legal 60'] }]);
    expect(importLoadFailure(terms, row)).toEqual({
      code: 'PAYMENT_TERMS_UNLAWFUL', params: { invoice: 'INV-7', fields: 'paymentTerms', detail: 'paymentTerms: 90 days is beyond the legal 60' },
      message: 'paymentTerms: 90 days is beyond the legal 60',
    });
  });

  test('any other refusal is REFUSED with its error code as the reason: the list of codes stays closed', () => {
    expect(importLoadFailure(new NotFoundError('Entity', 'nord'), { amount: '1.00' })).toEqual({
      code: 'REFUSED', params: { reason: 'NOT_FOUND', detail: 'Entity nord not found' }, message: 'NOT_FOUND: Entity nord not found',
    });
    const other = new FieldRuleError('ALLOCATION_REFUSED', [{ field: 'amount', messages: ['too much'] }]);
    expect(importLoadFailure(other, row)).toMatchObject({ code: 'REFUSED', params: { invoice: 'INV-7', reason: 'ALLOCATION_REFUSED', detail: 'amount: too much' } });
    // A field refusal without any field, or a conflict's code on a field error, is not what its code's sentence says.
    expect(importLoadFailure(new FieldValidationError([]), row)).toMatchObject({ code: 'REFUSED', params: { reason: 'VALIDATION_FAILED' } });
    expect(importLoadFailure(new FieldRuleError('INVOICE_CLOSED', [{ field: 'amount', messages: ['final'] }]), row).code).toBe('REFUSED');
  });

  test('each code\'s French and English messages use only the params its failures carry', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const catalogue = (language: string) => JSON.parse(readFileSync(path.join(root, `web/src/admin/messages/${language}.json`), 'utf8')) as Record<string, string>;
    const examples: Record<(typeof IMPORT_LOAD_FAILURE_CODES)[number], AppError> = {
      INVOICE_CUSTOMER_MISMATCH: new ConflictError('INVOICE_CUSTOMER_MISMATCH', 'x'),
      INVOICE_CURRENCY_MISMATCH: new ConflictError('INVOICE_CURRENCY_MISMATCH', 'x'),
      INVOICE_CLOSED: new ConflictError('INVOICE_CLOSED', 'x'),
      VALIDATION_FAILED: new FieldValidationError([{ field: 'amount', messages: ['x'] }]),
      PAYMENT_TERMS_UNLAWFUL: new FieldRuleError('PAYMENT_TERMS_UNLAWFUL', [{ field: 'paymentTerms', messages: ['x'] }]),
      REFUSED: new NotFoundError('Entity', 'nord'),
    };
    for (const language of ['fr', 'en']) {
      const messages = catalogue(language);
      for (const code of IMPORT_LOAD_FAILURE_CODES) {
        const failure = importLoadFailure(examples[code], row);
        expect(failure.code).toBe(code);
        const placeholders = [...(messages[`admin.imports.failure.${code}`] ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        expect(placeholders.length).toBeGreaterThan(0);
        expect(placeholders.filter((p) => !(p in failure.params))).toEqual([]);
      }
    }
  });
});
