import { describe, expect, test } from '@jest/globals';
import type { FieldError } from '../../src/common/validation.js';
import { DEFAULT_ENTITY_CREDIT_POLICY, parseCreditPolicy, policyFromStored, policyToWire } from '../../src/credit/credit-policy.js';

const wire = () => JSON.parse(JSON.stringify(policyToWire(DEFAULT_ENTITY_CREDIT_POLICY))) as ReturnType<typeof policyToWire>;

function parse(body: unknown): { policy: ReturnType<typeof parseCreditPolicy>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  return { policy: parseCreditPolicy(body, errors), errors };
}

describe('credit policy wire form', () => {
  test('the defaults round-trip: amounts as decimal strings, bands with an open-ended last one', () => {
    const w = wire();
    expect(w.orderCheck.disputesAmountThresholds).toEqual({ EUR: '10000.00' });
    expect(w.approval.bands).toEqual([
      { upTo: '10000.00', approvers: ['credit_manager'] },
      { upTo: '100000.00', approvers: ['credit_manager', 'finance_director'] },
      { upTo: null, approvers: ['credit_manager', 'finance_director', 'cfo'] },
    ]);
    expect(w.exposureAlertSharePercent).toBe(80);
    const back = policyFromStored(w);
    expect(back.orderCheck.disputesAmountThresholds).toEqual({ EUR: 1_000_000n });
    expect(back.approval.bands.map((b) => b.upToMinor)).toEqual([1_000_000n, 10_000_000n, null]);
    expect(policyToWire(back)).toEqual(w);
  });

  test('amounts are parsed in their currency (JPY has no decimals)', () => {
    const w = wire();
    const { policy, errors } = parse({
      ...w, orderCheck: { ...w.orderCheck, disputesAmountThresholds: { JPY: '500000', EUR: '12.5' } },
      approval: { ...w.approval, currency: 'JPY', bands: [{ upTo: '1000000', approvers: ['cfo'] }, { upTo: null, approvers: ['cfo'] }] },
    });
    expect(errors).toEqual([]);
    expect(policy!.orderCheck.disputesAmountThresholds).toEqual({ JPY: 500_000n, EUR: 1_250n });
    expect(policy!.approval.bands[0]!.upToMinor).toBe(1_000_000n);
  });

  test('bands must ascend and only the last may be open-ended', () => {
    const w = wire();
    const { policy, errors } = parse({
      ...w,
      approval: {
        ...w.approval,
        bands: [
          { upTo: '5000.00', approvers: ['credit_manager'] },
          { upTo: null, approvers: ['cfo'] },
          { upTo: '4000.00', approvers: ['cfo'] },
          { upTo: '3000.00', approvers: [] },
        ],
      },
    });
    expect(policy).toBeNull();
    expect(errors).toEqual([
      { field: 'approval.bands[1].upTo', messages: ['only the last band may be open-ended (upTo null)'] },
      { field: 'approval.bands[2].upTo', messages: ['bands must be in ascending order of upTo'] },
      {
        field: 'approval.bands[3].upTo',
        messages: ['the last band must be open-ended (upTo null)', 'bands must be in ascending order of upTo'],
      },
      { field: 'approval.bands[3].approvers', messages: [expect.stringContaining('non-empty list')] },
    ]);
  });

  test('every bad field is reported once with its path; unknown properties are refused', () => {
    const w = wire();
    const { policy, errors } = parse({
      ...w, extra: 1, exposureAlertSharePercent: 120,
      orderCheck: {
        ...w.orderCheck, warningSharePercent: 0, overLimitDecision: 'allow', overdueDaysPrepayment: 90, overdueDaysBlock: 60,
        prepaymentClasses: ['D'], blockClasses: ['D', 'E'], disputesAmountThresholds: { eur: '10' },
      },
      approval: { ...w.approval, currency: 'euro', salesOpinion: 'yes', reminderAfterHours: 72, escalateAfterHours: 24, escalationRole: 'boss' },
    });
    expect(policy).toBeNull();
    expect(errors.map((e) => e.field).sort()).toEqual([
      'approval.currency', 'approval.escalateAfterHours', 'approval.escalationRole', 'approval.salesOpinion',
      'exposureAlertSharePercent', 'extra', 'orderCheck.blockClasses', 'orderCheck.disputesAmountThresholds.eur',
      'orderCheck.overLimitDecision', 'orderCheck.overdueDaysBlock', 'orderCheck.warningSharePercent',
    ]);
  });

  test('missing sections are errors, not defaults (a PUT replaces the whole policy)', () => {
    expect(parse({}).errors.map((e) => e.field)).toEqual(['orderCheck', 'exposureAlertSharePercent', 'approval']);
    expect(parse(null).errors).toEqual([{ field: 'body', messages: ['must be an object'] }]);
  });
});
