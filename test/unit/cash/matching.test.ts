import { describe, expect, test } from '@jest/globals';
import { indexLedger, matchLine, type BankCredit, type LedgerInvoice } from '../../../src/cash/matching/match-line.js';
import { fold, foldedRuns, nameSimilarity } from '../../../src/cash/matching/normalise.js';
import fc from 'fast-check';
import { learnStyles, parseStyleKey, styledKey, styleKey } from '../../../src/cash/matching/reference-style.js';
import { keysOf, referenceCandidates, referenceKeys } from '../../../src/cash/matching/reference-tokens.js';
import { exactSubsets } from '../../../src/cash/matching/subset-sum.js';

const inv = (number: string, customerId: string, open: bigint, dueDate: string, currency = 'EUR'): LedgerInvoice =>
  ({ id: `id-${number}`, externalId: `ERP-${number}`, number, customerId, currency, openMinor: open, dueDate });

// A hand-built ledger: Martin & Fils (and its holding paying for it), Durand, two lookalike Lamberts.
const invoices = [
  inv('F2026-00123', 'martin', 100000n, '2026-10-31'),
  inv('F2026-00124', 'martin', 80050n, '2026-11-15'),
  inv('F2026-00131', 'martin', 138000n, '2026-11-30'),
  inv('F2026-00140', 'martin', 45000n, '2026-12-15'),
  inv('F2026-00200', 'durand', 150000n, '2026-11-20'),
  inv('F2026-00201', 'durand', 25000n, '2026-11-25'),
  inv('F2026-00202', 'durand', 40000n, '2026-12-05'),
  inv('F2026-00300', 'lambert-a', 90000n, '2026-11-01'),
  inv('F2026-00301', 'lambert-b', 90000n, '2026-11-01'),
  inv('F2026-00400', 'roux', 73140n, '2026-11-10', 'USD'),
  inv('F2026-00401', 'roux', 50000n, '2026-11-10'),
];
const customers = [
  { id: 'martin', name: 'Martin & Fils SARL' }, { id: 'durand', name: 'Durand Frères SA' },
  { id: 'lambert-a', name: 'Lambert Industrie' }, { id: 'lambert-b', name: 'Lambert Industries' }, { id: 'roux', name: 'Roux Distribution' },
];
const index = indexLedger({ invoices, customers, ibanToCustomer: new Map([['FR7630006000011234567890189', 'martin']]) });
const credit = (amountMinor: bigint, texts: string[], extra: Partial<BankCredit> = {}): BankCredit =>
  ({ amountMinor, currency: 'EUR', payerName: null, payerIban: null, texts, ...extra });
const allocated = (p: ReturnType<typeof matchLine>) => p.allocations.map((a) => [a.invoiceExternalId, a.amountMinor]);
/** The reasons' English sentences. */
const texts = (p: ReturnType<typeof matchLine>) => p.reasons.map((r) => r.text);

describe('reference tokens', () => {
  test('prefixes, spaces, separators and lost leading zeros give the same key', () => {
    expect(referenceKeys('F2026-00123')).toEqual(['202600123', '2026123']);
    for (const text of ['FAC 2026 00123', 'Invoice 2026/00123', 'f2026-123', 'FACTURE 202600123']) {
      expect({ text, found: [...referenceCandidates([text])].some((k) => referenceKeys('F2026-00123').includes(k)) }).toEqual({ text, found: true });
    }
    expect(referenceKeys('INV-000077')).toEqual(['77']);
  });

  test('several numbers separated by / + , and "and" are all found', () => {
    const found = referenceCandidates(['F2026-00123/F2026-00124+F2026-00131, 2026-00140 and F 2026 00200']);
    for (const n of ['202600123', '202600124', '202600131', '202600140', '202600200']) expect(found.has(n)).toBe(true);
  });
});

describe('exact subset sums', () => {
  test('finds the exact sets, fewest invoices first, over up to 25 candidates', () => {
    expect(exactSubsets([100n, 250n, 75n, 25n], 100n)).toEqual([[0], [2, 3]]);
    expect(exactSubsets([100n, 250n], 101n)).toEqual([]);
    const many = Array.from({ length: 25 }, (_, i) => BigInt(1000 + i * 7919));
    const target = many[3]! + many[17]! + many[24]!;
    const found = exactSubsets(many, target, { max: 1000 });
    expect(found.some((s) => s.join() === '3,17,24')).toBe(true);
    for (const s of found) expect(s.reduce((sum, i) => sum + many[i]!, 0n)).toBe(target);
    expect(exactSubsets([...many, 1n], 1n)).toEqual([]); // the 26th candidate is beyond the bound
  });

  test('the fast path (positive amounts, doubles and bit masks) finds exactly the subsets a plain enumeration finds', () => {
    fc.assert(fc.property(
      fc.array(fc.bigInt({ min: 1n, max: 2000n }), { minLength: 1, maxLength: 12 }), fc.bigInt({ min: 1n, max: 6000n }),
      (values, target) => {
        const all: number[][] = [];
        for (let mask = 1; mask < 1 << values.length; mask++) {
          const members = values.map((_, i) => i).filter((i) => mask & (1 << i));
          if (members.reduce((s, i) => s + values[i]!, 0n) === target) all.push(members);
        }
        const key = (xs: number[][]) => xs.map((x) => x.join()).sort();
        expect(key(exactSubsets(values, target, { max: 5000 }))).toEqual(key(all));
      },
    ), { numRuns: 300 });
    // Amounts beyond 2^53 take the exact bigint path.
    const huge = 2n ** 60n;
    expect(exactSubsets([huge, 5n, huge + 5n], huge + 5n)).toEqual([[2], [0, 1]]);
  });
});

describe('payer names', () => {
  test('legal forms, accents and case do not matter; other names score low', () => {
    expect(nameSimilarity('DURAND FRERES', 'Durand Frères SA')).toBe(1);
    expect(nameSimilarity('Martin et Fils', 'Martin & Fils SARL')).toBe(1);
    expect(nameSimilarity('Roux Distrib.', 'Roux Distribution')).toBeGreaterThan(0.7);
    expect(nameSimilarity('Petit Commerce', 'Durand Frères SA')).toBeLessThan(0.3);
  });
});

describe('matching a credit', () => {
  test('references found and amount exact: applied automatically, several invoices at once', () => {
    const p = matchLine(credit(318050n, ['FACTURES F2026-00123 / F2026-00124 + F2026-00131']), index);
    expect(p).toMatchObject({ customerId: 'martin', kind: 'exact_set', decision: 'auto', unappliedMinor: 0n, shortMinor: 0n });
    expect(allocated(p)).toEqual([['ERP-F2026-00123', 100000n], ['ERP-F2026-00124', 80050n], ['ERP-F2026-00131', 138000n]]);
    expect(p.confidence).toBeGreaterThanOrEqual(0.95);
    expect(texts(p).join(' | ')).toContain('add up to the amount exactly');
    // Each reason coded, with what its sentence is made of.
    expect(p.reasons).toEqual([
      { code: 'REFERENCES_NAME_CUSTOMER', params: { customer: 'Martin & Fils SARL' }, text: 'the text names invoices of Martin & Fils SARL' },
      {
        code: 'REFERENCED_EXACT', params: { count: 3, invoices: 'F2026-00123, F2026-00124, F2026-00131' },
        text: '3 referenced invoices F2026-00123, F2026-00124, F2026-00131 add up to the amount exactly',
      },
    ]);
  });

  test('a sister company paying: the references say whose invoices, the payer name is someone else', () => {
    const p = matchLine(credit(45000n, ['Paiement pour Martin & Fils F2026-140'], { payerName: 'Martin Holding', payerIban: 'FR7699999000011234567890111' }), index);
    expect(p).toMatchObject({ customerId: 'martin', kind: 'exact_single', decision: 'auto' });
    expect(allocated(p)).toEqual([['ERP-F2026-00140', 45000n]]);
  });

  test('a learned IBAN, no reference, one invoice of that amount: suggested, not applied', () => {
    const p = matchLine(credit(80050n, ['VIREMENT'], { payerIban: 'FR76 3000 6000 0112 3456 7890 189' }), index);
    expect(p).toMatchObject({ customerId: 'martin', kind: 'exact_single', decision: 'suggested' });
    expect(allocated(p)).toEqual([['ERP-F2026-00124', 80050n]]);
    expect(p.reasons[0]!.text).toContain('is known for Martin & Fils SARL');
    expect(p.reasons.map((x) => [x.code, x.params])).toEqual([
      ['PAYER_IBAN_KNOWN', { iban: 'FR76 3000 6000 0112 3456 7890 189', customer: 'Martin & Fils SARL' }],
      ['ONE_OPEN_SAME_AMOUNT', { invoice: 'F2026-00124' }],
    ]);
  });

  test('a dry payment found by the payer name and a subset of open invoices (oldest first)', () => {
    const p = matchLine(credit(175000n, [], { payerName: 'DURAND FRERES' }), index);
    expect(p).toMatchObject({ customerId: 'durand', kind: 'exact_set', decision: 'suggested' });
    expect(allocated(p)).toEqual([['ERP-F2026-00200', 150000n], ['ERP-F2026-00201', 25000n]]);
  });

  test('lookalike names: no guess', () => {
    const p = matchLine(credit(90000n, [], { payerName: 'LAMBERT INDUSTRIE' }), index);
    expect(p).toMatchObject({ customerId: null, decision: 'unmatched', allocations: [] });
    expect(texts(p).join(' | ')).toContain('no guess');
    expect(p.reasons.map((x) => [x.code, x.params])).toEqual([
      ['PAYER_NAME_AMBIGUOUS', { payerName: 'LAMBERT INDUSTRIE', customer: 'Lambert Industrie', otherCustomer: 'Lambert Industries' }],
      ['PAYER_NOT_IDENTIFIED', {}],
    ]);
  });

  test('a short payment within tolerance: allocation plus a shortfall to write off or dispute', () => {
    const p = matchLine(credit(148800n, ['F2026-00200']), index);
    expect(p).toMatchObject({ customerId: 'durand', kind: 'short_payment', shortMinor: 1200n, decision: 'suggested' });
    expect(allocated(p)).toEqual([['ERP-F2026-00200', 148800n]]);
    // Money in a reason: a decimal string beside its currency.
    expect(p.reasons.at(-1)).toMatchObject({ code: 'REFERENCED_SHORT', params: { amount: '12.00', currency: 'EUR' } });
    expect(matchLine(credit(100000n, ['F2026-00200']), index).kind).not.toBe('short_payment');
  });

  test('an over-payment: the referenced invoice in full, the rest unapplied', () => {
    const p = matchLine(credit(30000n, ['F2026-00201']), index);
    expect(p).toMatchObject({ customerId: 'durand', kind: 'over_payment', unappliedMinor: 5000n, decision: 'suggested' });
    expect(allocated(p)).toEqual([['ERP-F2026-00201', 25000n]]);
    expect(p.reasons.at(-1)).toMatchObject({ code: 'REFERENCED_OVER', params: { amount: '50.00', currency: 'EUR' } });
  });

  test('a truncated reference still finds its invoice', () => {
    const truncated = matchLine(credit(138000n, ['REGLEMENT F2026-0013']), index);
    expect(truncated).toMatchObject({ customerId: 'martin', kind: 'exact_single' });
    expect(allocated(truncated)).toEqual([['ERP-F2026-00131', 138000n]]);
    // A prefix shared by several invoices names none of them.
    expect(matchLine(credit(40000n, ['REGLEMENT F2026-002']), index).customerId).toBeNull();
  });

  test('never another currency: the USD invoice is not paid by a EUR credit', () => {
    const p = matchLine(credit(73140n, ['F2026-00400'], { payerName: 'Roux Distribution' }), index);
    expect(p.allocations.every((a) => a.invoiceExternalId !== 'ERP-F2026-00400')).toBe(true);
    expect(p.decision).not.toBe('auto');
  });

  test('never another customer: a learned IBAN wins over references to someone else', () => {
    const p = matchLine(credit(150000n, ['F2026-00200'], { payerIban: 'FR7630006000011234567890189' }), index);
    expect(p.customerId).toBe('martin');
    expect(p.allocations.every((a) => a.invoiceExternalId.startsWith('ERP-F2026-001'))).toBe(true);
    expect(p.decision).not.toBe('auto');
    expect(texts(p).join(' | ')).toContain('another customer');
    expect(p.reasons.map((x) => x.code)).toContain('OTHER_REFERENCES_LEFT_ASIDE');
  });

  test('debits and unknown payers are left unmatched', () => {
    expect(matchLine(credit(-5000n, []), index)).toMatchObject({ decision: 'unmatched', reasons: [{ code: 'NOT_A_CREDIT', params: {}, text: 'not a credit' }] });
    expect(matchLine(credit(12345n, ['MERCI'], { payerName: 'Quelqu un d autre' }), index)).toMatchObject({ decision: 'unmatched', customerId: null });
  });
});

describe('learned payer names', () => {
  const learnedIndex = indexLedger({
    invoices, customers, ibanToCustomer: new Map(), nameToCustomer: new Map([['LAMBERT HOLDING', 'lambert-b']]),
  });

  test('a confirmed payer name picks the customer among the lookalikes; its references then decide the invoice', () => {
    const p = matchLine(credit(90000n, ['FACTURE 2026/300 2026/301'], { payerName: 'Lambert Holding SA' }), learnedIndex);
    expect(p).toMatchObject({ customerId: 'lambert-b', decision: 'auto', kind: 'exact_single' });
    expect(allocated(p)).toEqual([['ERP-F2026-00301', 90000n]]);
    expect(texts(p)).toEqual(expect.arrayContaining(['the text names invoices of 2 customers', 'payer name "Lambert Holding SA" is known for Lambert Industries']));
    expect(p.reasons).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'REFERENCES_NAME_SEVERAL_CUSTOMERS', params: { customers: 2 } }),
      expect.objectContaining({ code: 'PAYER_NAME_LEARNED', params: { payerName: 'Lambert Holding SA', customer: 'Lambert Industries' } }),
    ]));
  });

  test('unlearned, the same line names invoices of two customers and the name alone is no guess', () => {
    const p = matchLine(credit(90000n, ['FACTURE 2026/300 2026/301'], { payerName: 'Lambert Holding SA' }), index);
    expect(p).toMatchObject({ customerId: null, decision: 'unmatched' });
  });
});

describe('hand-written reference keys', () => {
  // The regular-expression form the scanner replaced (kept here as the oracle).
  const PREFIXES = /^(INVOICES?|INV|FACTURES?|FACT|FAC|FA|F|RECHNUNG|RE|RG|NR|NO|NUM|REF)(?=\d)/;
  const oracle = (runs: string[]) => {
    const whole = runs.join('').replace(PREFIXES, '').replace(/^0+(?=.)/, '');
    const grouped = runs.join(' ').replace(/^([A-Z]+) ?(?=\d)/, (p) => (PREFIXES.test(p.replace(/ $/, '') + '0') ? '' : p))
      .replace(/\d+/g, (d) => d.replace(/^0+(?=.)/, '')).replace(/ /g, '').replace(PREFIXES, '');
    return whole === grouped ? [whole] : [whole, grouped];
  };

  test('give the same keys as the regular expressions on any folded runs', () => {
    const word = fc.oneof(
      fc.constantFrom('F', 'FA', 'FAC', 'FACT', 'FACTURE', 'FACTURES', 'INV', 'INVOICE', 'RE', 'REF', 'NR', 'NO', 'NUM', 'RG', 'RECHNUNG', 'ERP', 'X'),
      fc.string({ unit: fc.constantFrom(...'0001239ACEFINORTUVX'), minLength: 1, maxLength: 8 }),
    );
    const run = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(''));
    fc.assert(fc.property(fc.array(run, { minLength: 1, maxLength: 4 }), (runs) => {
      expect(keysOf(runs)).toEqual(oracle(runs));
    }), { numRuns: 5000 });
  });

  test('the one-scan split into folded runs agrees with fold, on ASCII and on anything else', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aZ09 -/&+,._F2é\u00e0\t'), maxLength: 30 }),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(fc.property(text, (value) => {
      expect(foldedRuns(value)).toEqual(fold(value).split(' ').filter(Boolean));
    }), { numRuns: 5000 });
  });
});

describe('reference styles learned from confirmations', () => {
  // Dupont writes only the last group of our numbers ("FAC 00123"), Petit truncates them to 7 characters.
  const ledger = [
    inv('F2026-00123', 'dupont', 10000n, '2026-11-01'), inv('F2026-00456', 'dupont', 25000n, '2026-11-15'),
    inv('F2026-00789', 'dupont', 25000n, '2026-11-20'), inv('F2026-10456', 'petit', 25000n, '2026-11-15'),
    inv('F2026-01456', 'other', 25000n, '2026-11-15'),
  ];
  const people = [{ id: 'dupont', name: 'Dupont SA' }, { id: 'petit', name: 'Petit Transports' }, { id: 'other', name: 'Autre Client' }];
  const ibans = new Map([['FR7611111111111111111111111', 'dupont'], ['FR7622222222222222222222222', 'petit']]);
  const dupont = { payerIban: 'FR7611111111111111111111111', payerName: 'DUPONT' };

  test('a confirmation shows the style: the longest tail (or head) of the number the text carries', () => {
    expect(learnStyles(['REGLEMENT FAC 00123'], ['F2026-00123'])).toEqual([{ kind: 'tail', length: 5 }]);
    // Zeros dropped by the customer: still the whole last group, so F2026-04567 will read "4567".
    expect(learnStyles(['FAC 123'], ['F2026-00123'])).toEqual([{ kind: 'tail', length: 5 }]);
    expect(learnStyles(['VIR F2026-1'], ['F2026-10456'])).toEqual([{ kind: 'head', length: 6 }]);
    // A series ending in zero: "001234" fits too once zeros are dropped, but the last group is what was written.
    expect(learnStyles(['REGLEMENT FAC 01234'], ['F12340-01234'])).toEqual([{ kind: 'tail', length: 5 }]);
    // The whole number is in the text: nothing to learn.
    expect(learnStyles(['FACTURE F2026-00123'], ['F2026-00123'])).toEqual([]);
    expect(learnStyles(['VIREMENT'], ['F2026-00123'])).toEqual([]);
    expect(styledKey('F2026-04567', { kind: 'tail', length: 5 })).toBe('4567');
    expect(parseStyleKey(styleKey({ kind: 'head', length: 8 }))).toEqual({ kind: 'head', length: 8 });
  });

  test('without the style a known payer with "FAC 00456" is only suggested; with it, applied, and only among its own invoices', () => {
    const before = matchLine(credit(25000n, ['FAC 00456'], dupont), indexLedger({ invoices: ledger, customers: people, ibanToCustomer: ibans }));
    expect(before.decision).not.toBe('auto');

    const learned = indexLedger({ invoices: ledger, customers: people, ibanToCustomer: ibans, referenceStyles: new Map([['dupont', [{ kind: 'tail', length: 5 }]]]) });
    const after = matchLine(credit(25000n, ['FAC 00456'], dupont), learned);
    expect(after).toMatchObject({ customerId: 'dupont', decision: 'auto', confidence: 0.98 });
    expect(allocated(after)).toEqual([['ERP-F2026-00456', 25000n]]);
    expect(texts(after).join(' ')).toContain('the last 5 characters of the number');
    expect(after.reasons).toContainEqual(expect.objectContaining({ code: 'REFERENCE_STYLE', params: { style: 'tail', characters: 5, styles: 1, invoices: 'F2026-00456' } }));
    // Several numbers in the style.
    expect(allocated(matchLine(credit(35000n, ['FAC 00123 / 00456'], dupont), learned))).toEqual([['ERP-F2026-00123', 10000n], ['ERP-F2026-00456', 25000n]]);

    // Another customer's invoice reading the same is never proposed; a payer found by fuzzy name alone does not use styles.
    const unknownIban = matchLine(credit(25000n, ['FAC 00456'], { payerName: 'Dupont SA' }), learned);
    expect(unknownIban.decision).not.toBe('auto');
    const petit = matchLine(credit(25000n, ['FAC 10456'], { payerIban: 'FR7622222222222222222222222' }), learned);
    expect(petit.allocations.every((a) => a.invoiceExternalId === 'ERP-F2026-10456')).toBe(true);
    expect(texts(petit).join(' ')).not.toContain('writes references');
  });
});
