import { describe, expect, test } from '@jest/globals';
import { readCashReason, reviewReasons } from '../../../src/cash/cash-reasons.js';

describe('cash reasons as stored', () => {
  test('an English sentence stored before reasons had codes reads as RECORDED_TEXT, a coded one as itself', () => {
    expect(readCashReason('payer not identified')).toEqual({ code: 'RECORDED_TEXT', params: { text: 'payer not identified' }, text: 'payer not identified' });
    const coded = { code: 'PAYER_NOT_IDENTIFIED', params: {}, text: 'payer not identified' } as const;
    expect(readCashReason(coded)).toBe(coded);
  });

  test('what a person did to a line is coded too, with who did it', () => {
    expect(reviewReasons.ignored('ana@example.com')).toEqual({ code: 'LINE_IGNORED', params: { by: 'ana@example.com' }, text: 'ignored by ana@example.com' });
    expect(reviewReasons.requeued('bo')).toEqual({ code: 'LINE_REQUEUED', params: { by: 'bo' }, text: 'back in the queue, by bo' });
    expect(reviewReasons.reversed('bo')).toEqual({ code: 'APPLICATION_REVERSED', params: { by: 'bo' }, text: 'application reversed by bo' });
  });
});
