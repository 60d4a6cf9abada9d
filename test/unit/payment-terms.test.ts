import { describe, expect, it } from '@jest/globals';
import { addDays } from '../../workflows/domain/calendar.js';
import {
  dueDateFor, FRENCH_LAWFUL_TERMS, frenchLatestDueDate, frenchTermsProblems, PAYMENT_TERMS,
} from '../../src/invoices/payment-terms.js';
import { writeOffNeedsApproval, refuseWriteOffDecision } from '../../workflows/domain/write-off-policy.js';

/** Every day of 2027 and of the leap year 2028: each term's worst case is somewhere in there. */
const ISSUE_DATES = Array.from({ length: 731 }, (_, i) => addDays('2027-01-01', i));

describe('payment terms', () => {
  it('compute due dates', () => {
    expect(dueDateFor('on_receipt', '2027-01-15')).toBe('2027-01-15');
    expect(dueDateFor('30_days', '2027-01-15')).toBe('2027-02-14');
    expect(dueDateFor('30_days_eom', '2027-01-15')).toBe('2027-02-28');
    expect(dueDateFor('45_days_eom', '2027-01-15')).toBe('2027-03-31'); // 15 Jan + 45 = 1 Mar → end of March
    expect(dueDateFor('eom_45_days', '2027-01-15')).toBe('2027-03-17'); // 31 Jan + 45
    expect(dueDateFor('60_days', '2028-01-01')).toBe('2028-03-01');
    expect(dueDateFor('60_days_eom', '2027-01-15')).toBe('2027-03-31');
  });

  it('the French ceiling is the latest of 60 days and both readings of 45 days end of month', () => {
    expect(frenchLatestDueDate('2027-01-15')).toBe('2027-03-31');
    expect(frenchLatestDueDate('2027-01-31')).toBe('2027-04-01'); // 60 days beats 45 days end of month here
  });

  it('lawful terms never pass the ceiling; every other term does on some invoice date', () => {
    for (const terms of PAYMENT_TERMS) {
      const exceeds = ISSUE_DATES.filter((d) => dueDateFor(terms, d) > frenchLatestDueDate(d));
      if (FRENCH_LAWFUL_TERMS.includes(terms)) expect([terms, exceeds]).toEqual([terms, []]);
      else expect([terms, exceeds.length > 0]).toEqual([terms, true]);
    }
  });

  it('names the offending field', () => {
    expect(frenchTermsProblems({ terms: '90_days' }).map((p) => p.field)).toEqual(['paymentTerms']);
    expect(frenchTermsProblems({ terms: '60_days', issueDate: '2027-01-15', dueDate: '2027-04-15' }, 'x.').map((p) => p.field)).toEqual(['x.dueDate']);
    expect(frenchTermsProblems({ terms: '45_days_eom', issueDate: '2027-01-15', dueDate: '2027-03-31' })).toEqual([]);
  });
});

describe('write-off policy', () => {
  it('needs approval above the currency threshold, and always in a currency without one', () => {
    expect(writeOffNeedsApproval(50_000n, 'EUR', { EUR: 50_000n })).toBe(false);
    expect(writeOffNeedsApproval(50_001n, 'EUR', { EUR: 50_000n })).toBe(true);
    expect(writeOffNeedsApproval(1n, 'USD', { EUR: 50_000n })).toBe(true);
  });

  it('four eyes, finance roles only, once', () => {
    const fm = { userId: 'u2', name: 'F', roles: ['finance_manager'] };
    expect(refuseWriteOffDecision({ status: 'pending', requesterUserId: 'u1' }, fm, 'approve')).toBeNull();
    expect(refuseWriteOffDecision({ status: 'pending', requesterUserId: 'u2' }, fm, 'approve')?.code).toBe('WRITE_OFF_SAME_PERSON');
    expect(refuseWriteOffDecision({ status: 'pending', requesterUserId: 'u1' }, { ...fm, roles: ['collector'] }, 'approve')?.code).toBe('WRITE_OFF_NOT_APPROVER');
    expect(refuseWriteOffDecision({ status: 'applied', requesterUserId: 'u1' }, fm, 'approve')?.code).toBe('WRITE_OFF_NOT_PENDING');
    // Neither the operator key (every role, no person) nor an admin without a finance role.
    expect(refuseWriteOffDecision({ status: 'pending', requesterUserId: 'u1' }, { userId: null, name: 'key', roles: ['finance_manager'] }, 'approve')?.code)
      .toBe('WRITE_OFF_NOT_APPROVER');
    expect(refuseWriteOffDecision({ status: 'pending', requesterUserId: 'u1' }, { ...fm, roles: ['admin'] }, 'approve')?.code).toBe('WRITE_OFF_NOT_APPROVER');
  });
});
