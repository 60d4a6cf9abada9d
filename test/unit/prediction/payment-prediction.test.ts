import { describe, expect, test } from '@jest/globals';
import {
  civilDay,
  CsvFormatError,
  customerMedianBaseline,
  explainPrediction,
  fitPaymentModel,
  median,
  parseDay,
  parseHistoryCsv,
  parseOpenInvoicesCsv,
  predictDaysToSettle,
  type OpenInvoice,
  type SettledInvoice,
} from '../../../src/prediction/payment-prediction.js';

const start = civilDay(2012, 1, 2);
let serial = 0;

function invoice(customerId: string, invoiceDay: number, extra: Partial<OpenInvoice> = {}): OpenInvoice {
  serial++;
  return {
    invoiceNumber: `INV-${serial}`,
    customerId,
    countryCode: '391',
    invoiceDay,
    dueDay: invoiceDay + 30,
    amount: 50 + (serial % 40),
    disputed: false,
    paperless: false,
    ...extra,
  };
}

function settled(customerId: string, k: number, daysToSettle: number, extra: Partial<OpenInvoice> = {}): SettledInvoice {
  return { ...invoice(customerId, start + 7 * k, extra), daysToSettle };
}

/** Ten customers paying in 20–29 days, a bit of noise, plus the customers under test. */
function background(): SettledInvoice[] {
  const rows: SettledInvoice[] = [];
  for (let c = 0; c < 10; c++) {
    for (let k = 0; k < 10; k++) rows.push(settled(`BG-${c}`, k, 20 + c + ((k * 3) % 5) - 2));
  }
  return rows;
}

describe('payment prediction: dates', () => {
  test('civil days and the history format', () => {
    expect(civilDay(1970, 1, 1)).toBe(0);
    expect(civilDay(2000, 3, 1) - civilDay(2000, 2, 28)).toBe(2); // leap year
    expect(parseDay('1/2/2013')).toBe(civilDay(2013, 1, 2));
    expect(parseDay('2013-01-02')).toBe(civilDay(2013, 1, 2));
    expect(parseDay('2/30/2013')).toBeUndefined();
    expect(parseDay('13/1/2013')).toBeUndefined();
    expect(parseDay('')).toBeUndefined();
  });

  test('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('payment prediction: model', () => {
  test('a customer always 10 days late is predicted about 10 days late', () => {
    const history = [...background()];
    for (let k = 0; k < 10; k++) history.push(settled('LATE', k, 40));
    const model = fitPaymentModel(history);
    const p = explainPrediction(model, invoice('LATE', start + 80));
    expect(p.termDays).toBe(30);
    expect(Math.abs(p.predictedDaysToSettle - 40)).toBeLessThanOrEqual(1);
    expect(p.predictedLate).toBe(true);
    const customer = p.adjustments.find((a) => a.factor === 'customer');
    expect(customer?.days).toBeGreaterThan(12);
    // Its sentence's parts: the customer's own level (one decimal), how many invoices, the recency weight.
    expect(Object.keys(customer!.params)).toEqual(['rawDays', 'invoices', 'weight']);
    expect(customer!.params.rawDays).toBe(Math.round((customer!.params.rawDays as number) * 10) / 10);
    expect(customer!.detail).toContain(`own level ${customer!.params.rawDays} days over ${customer!.params.invoices} past invoices`);
  });

  test('a new customer gets the global estimate, with no customer adjustment', () => {
    const history = background();
    const model = fitPaymentModel(history);
    const p = explainPrediction(model, invoice('NEW', start + 80));
    expect(p.adjustments.some((a) => a.factor === 'customer')).toBe(false);
    expect(p.base).toBe(median(history.map((r) => r.daysToSettle)));
    expect(Math.abs(p.predictedDaysToSettle - p.base)).toBeLessThanOrEqual(1);
    expect(p.predictedLate).toBe(false);
  });

  test('disputed invoices take longer: the effect is learnt within customers', () => {
    const history: SettledInvoice[] = [];
    for (let c = 0; c < 8; c++) {
      for (let k = 0; k < 12; k++) {
        const disputed = k % 4 === 3;
        history.push(settled(`C-${c}`, k, 18 + 2 * c + (disputed ? 12 : 0), { disputed }));
      }
    }
    const model = fitPaymentModel(history);
    const plain = explainPrediction(model, invoice('C-3', start + 90));
    const disputed = explainPrediction(model, invoice('C-3', start + 90, { disputed: true }));
    const effect = disputed.predictedDaysToSettle - plain.predictedDaysToSettle;
    expect(effect).toBeGreaterThanOrEqual(9);
    expect(effect).toBeLessThanOrEqual(12);
    expect(Math.abs(plain.predictedDaysToSettle - 24)).toBeLessThanOrEqual(1);
    expect(disputed.adjustments.find((a) => a.factor === 'disputed')).toMatchObject({ params: { level: 'disputed' }, detail: 'disputed = disputed' });
  });

  test('the explanation adds up: base + adjustments = estimate, rounded to the prediction', () => {
    const history = [...background()];
    for (let k = 0; k < 6; k++) history.push(settled('MIX', k, 30 + k, { paperless: k % 2 === 0 }));
    const model = fitPaymentModel(history);
    for (const inv of [invoice('MIX', start + 60), invoice('BG-3', start + 60, { paperless: true }), invoice('X', start)]) {
      const p = explainPrediction(model, inv);
      expect(p.estimate).toBeCloseTo(p.base + p.adjustments.reduce((a, x) => a + x.days, 0), 9);
      expect(p.predictedDaysToSettle).toBe(Math.max(0, Math.round(p.estimate)));
      expect(predictDaysToSettle(model, inv)).toBe(p.predictedDaysToSettle);
      expect(p.predictedLate).toBe(p.predictedDaysToSettle > p.termDays);
    }
  });

  test('deterministic: the history order does not matter', () => {
    const history = [...background()];
    for (let k = 0; k < 6; k++) history.push(settled('LATE', k, 38 + (k % 3)));
    const shuffled = [...history].reverse();
    shuffled.push(shuffled.shift()!);
    const a = fitPaymentModel(history);
    const b = fitPaymentModel(shuffled);
    for (const inv of [invoice('LATE', start + 60), invoice('BG-1', start + 61, { disputed: true }), invoice('NEW', start)]) {
      expect(explainPrediction(b, inv)).toEqual(explainPrediction(a, inv));
    }
  });

  test('baseline: per-customer median split by disputed, falling back to the customer', () => {
    const history = [settled('A', 0, 10), settled('A', 1, 12), settled('A', 2, 30, { disputed: true }), settled('B', 0, 50)];
    const baseline = customerMedianBaseline(history);
    expect(baseline(invoice('A', start))).toBe(11);
    expect(baseline(invoice('A', start, { disputed: true }))).toBe(30);
    expect(baseline(invoice('B', start, { disputed: true }))).toBe(50);
  });
});

describe('payment prediction: CSV and leakage guard', () => {
  const header =
    'countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate';

  test('outcome columns of the invoices to predict are ignored: absent, empty or filled', () => {
    const filled = `${header}\n391,A-1,1/1/2012,0001,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0\n`;
    const empty = `${header}\n391,A-1,1/1/2012,0001,1/2/2013,2/1/2013,55.94,No,,Paper,,\n`;
    const absent =
      'countryCode,customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,PaperlessBill\n' +
      '391,A-1,0001,1/2/2013,2/1/2013,55.94,No,Paper\n';
    const parsed = parseOpenInvoicesCsv(filled);
    expect(parseOpenInvoicesCsv(empty)).toEqual(parsed);
    expect(parseOpenInvoicesCsv(absent)).toEqual(parsed);
    expect(Object.keys(parsed[0]!).sort()).toEqual(
      ['amount', 'countryCode', 'customerId', 'disputed', 'dueDay', 'invoiceDay', 'invoiceNumber', 'paperless'],
    );
    // And so the prediction is the same whatever the outcome said.
    const model = fitPaymentModel(parseHistoryCsv(`${header}\n391,A-1,1/1/2012,0000,1/2/2012,2/1/2012,40,No,2/20/2012,Paper,49,19\n`));
    const lying = `${header}\n391,A-1,1/1/2012,0001,1/2/2013,2/1/2013,55.94,No,1/3/2013,Paper,1,0\n`;
    expect(explainPrediction(model, parseOpenInvoicesCsv(lying)[0]!)).toEqual(explainPrediction(model, parsed[0]!));
  });

  test('history rows: DaysToSettle, else SettledDate, else skipped as still open', () => {
    const rows = parseHistoryCsv(
      `${header}\n` +
        '391,A,1/1/2012,1,1/2/2013,2/1/2013,10,No,1/15/2013,Paper,13,0\n' +
        '391,A,1/1/2012,2,1/2/2013,2/1/2013,10,Yes,1/22/2013,Electronic,,\n' +
        '391,A,1/1/2012,3,1/2/2013,2/1/2013,10,No,,Paper,,\n',
    );
    expect(rows.map((r) => [r.invoiceNumber, r.daysToSettle, r.disputed, r.paperless])).toEqual([
      ['1', 13, false, false],
      ['2', 20, true, true],
    ]);
  });

  test('quoting, a BOM, CRLF line ends and blank lines are read as CSV', () => {
    const text = `\uFEFF${header}\r\n\r\n391,"A, Ltd ""North""",, "0001" ,1/2/2013,2/1/2013,55.94,No,,Paper,,\r\n   \r\n391,B,,0002,1/2/2013,2/1/2013,10,Yes,,Electronic\r\n`;
    expect(parseOpenInvoicesCsv(text).map((r) => [r.customerId, r.invoiceNumber, r.disputed])).toEqual([
      ['A, Ltd "North"', '0001', false],
      ['B', '0002', true],
    ]);
    // Line numbers count the blank lines.
    expect(() => parseOpenInvoicesCsv(`${header}\n\n391,A,,1,1/2/2013,2/1/2013,x,No,,Paper\n`)).toThrow(
      new CsvFormatError('open invoices line 3: bad InvoiceAmount "x"'),
    );
    expect(() => parseOpenInvoicesCsv(`${header}\n391,"A,,1,1/2/2013\n`)).toThrow(/^open invoices: .*Quote Not Closed/i);
  });

  test('bad files are refused with the line', () => {
    expect(() => parseOpenInvoicesCsv('invoiceNumber,InvoiceDate\n1,1/1/2013\n')).toThrow(/missing column/);
    expect(() => parseOpenInvoicesCsv(`${header}\n391,A,,1,1/32/2013,2/1/2013,10,No,,Paper,,\n`)).toThrow(
      new CsvFormatError('open invoices line 2: bad InvoiceDate "1/32/2013"'),
    );
    expect(() => parseHistoryCsv(`${header}\n391,A,,1,1/2/2013,2/1/2013,10,No,,Paper,-3,\n`)).toThrow(/bad DaysToSettle/);
  });
});
