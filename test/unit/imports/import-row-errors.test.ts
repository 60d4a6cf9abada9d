// A refused row's errors as codes with params: the intake request's broken constraints by name, intake's checks by their error code.
import { describe, expect, test } from '@jest/globals';
import { FieldRuleError } from '../../../src/common/validation.js';
import { toIntakeDto, rowErrors } from '../../../src/imports/import-rows.validator.js';

const valid = {
  externalId: 'INV-1', number: 'F-1', issueDate: '2026-11-02', dueDate: '2026-12-02', amount: '10.00', currency: 'EUR',
  customer: { externalId: 'C-1', name: 'Acme', email: 'ap@acme.example' },
};

async function refusal(value: Record<string, unknown>): Promise<unknown> {
  try {
    await toIntakeDto(value);
  } catch (err) {
    return err;
  }
  throw new Error('the row was accepted');
}

describe('import row errors', () => {
  test('each broken constraint of the intake request is FIELD_INVALID with its rule, its English message kept', async () => {
    const err = await refusal({ ...valid, amount: '12,50', colour: 'red', customer: { ...valid.customer, email: 'not-an-email' } });
    expect(rowErrors(7, err)).toEqual(expect.arrayContaining([
      { row: 7, field: 'amount', code: 'FIELD_INVALID', params: { rule: 'decimalAmount' }, message: expect.stringContaining('amount') },
      { row: 7, field: 'colour', code: 'FIELD_INVALID', params: { rule: 'whitelistValidation' }, message: 'property colour should not exist' },
      { row: 7, field: 'customer.email', code: 'FIELD_INVALID', params: { rule: 'isEmail' }, message: expect.stringContaining('email') },
    ]));
    expect(rowErrors(7, err)).toHaveLength(3);
  });

  test('a check intake makes before writing is FIELD_REFUSED with its error code', () => {
    const err = new FieldRuleError('PAYMENT_TERMS_UNLAWFUL', [{ field: 'paymentTerms', messages: ['90 days is beyond the legal 60'] }]);
    expect(rowErrors(3, err)).toEqual([
      { row: 3, field: 'paymentTerms', code: 'FIELD_REFUSED', params: { reason: 'PAYMENT_TERMS_UNLAWFUL' }, message: '90 days is beyond the legal 60' },
    ]);
  });

  test('anything else than a refusal of the row is not a row error', () => {
    expect(() => rowErrors(1, new Error('database down'))).toThrow('database down');
  });
});
