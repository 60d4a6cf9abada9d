import { describe, expect, test } from '@jest/globals';
import { formatAmount, minorUnitDigits, MoneyFormatError, parseAmount, sumMinor } from '../../workflows/domain/money.js';

describe('money', () => {
  test.each([
    ['1250.00', 'EUR', 125000n],
    ['1250.5', 'EUR', 125050n],
    ['1250', 'EUR', 125000n],
    ['0.01', 'EUR', 1n],
    ['1250.500', 'EUR', 125050n], // trailing zeros are not extra precision
    ['999999999999999.99', 'EUR', 99999999999999999n],
    ['1500', 'JPY', 1500n],
    ['12.345', 'KWD', 12345n],
  ])('parses %s %s exactly', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  test.each([
    ['12.345', 'EUR'],
    ['15.5', 'JPY'],
    ['1e3', 'EUR'],
    ['12,50', 'EUR'],
    ['', 'EUR'],
    ['0.30000000000000004', 'EUR'],
  ])('refuses %s %s', (text, currency) => {
    expect(() => parseAmount(text, currency)).toThrow(MoneyFormatError);
  });

  test('formats minor units with the currency exponent', () => {
    expect(formatAmount(125050n, 'EUR')).toBe('1250.50');
    expect(formatAmount(5n, 'EUR')).toBe('0.05');
    expect(formatAmount(-5n, 'EUR')).toBe('-0.05');
    expect(formatAmount(1500n, 'JPY')).toBe('1500');
    expect(formatAmount(12345n, 'KWD')).toBe('12.345');
  });

  test('round-trips and adds without floating point drift', () => {
    const parts = ['0.10', '0.20', '0.30'].map((v) => parseAmount(v, 'EUR'));
    expect(formatAmount(sumMinor(parts), 'EUR')).toBe('0.60');
    expect(minorUnitDigits('USD')).toBe(2);
  });
});
