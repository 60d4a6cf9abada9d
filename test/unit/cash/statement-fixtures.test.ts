import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseStatementFile } from '../../../src/cash/statements/parse-statement.js';
import { creditorReferenceFor, isCreditorReference } from '../../../src/cash/statements/references.js';
import { StatementFormatError } from '../../../src/cash/statements/statement.js';
import { balanceMismatches, lineKeys, summarise } from '../../../src/cash/statements/statement-checks.js';
import { decodeStatementBytes } from '../../../src/cash/statements/text-decoding.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bank-statements/${name}`, import.meta.url));

function failure(content: string | Buffer): StatementFormatError {
  try {
    parseStatementFile(typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
  } catch (err) {
    if (err instanceof StatementFormatError) return err;
    throw err;
  }
  throw new Error('the file was accepted');
}

describe('CFONB 120 with complementary records (CP850)', () => {
  const file = parseStatementFile(fixture('cfonb120-complements.txt'));
  const [section] = file.sections;

  test('is detected, decoded from CP850 and balanced', () => {
    expect(file).toMatchObject({ format: 'cfonb120', encoding: 'cp850' });
    expect(section).toMatchObject({ account: '300040012300012345678', currency: 'EUR', openingBalanceMinor: 1250000n, closingBalanceMinor: 1711799n, from: '2026-12-01', to: '2026-12-03' });
    expect(balanceMismatches(file)).toEqual([]);
  });

  test('05 records give the payer, the end-to-end id and a remittance cut at 70 characters', () => {
    expect(section!.lines[0]).toMatchObject({
      amountMinor: 318050n, bookingDate: '2026-12-02', valueDate: '2026-12-02',
      payerName: 'SOCIÉTÉ GÉNÉRALE DES ÉTABLISSEMENTS MARTIN & FILS', payerIban: 'FR7630006000011234567890189',
      endToEndId: 'MARTIN-PAY-2026-1202', bankReference: '0000101', bankTransactionCode: '05/0158', sourceLine: 2,
      remittanceText: 'VIR SEPA RECU FACTURES F2026-00123 / F2026-00124 + F2026-00131 REGLEMENT DECEMBRE ÉCHÉANCE 30/11',
    });
    expect(section!.lines[0]!.raw.split('\n')).toHaveLength(6);
  });

  test('a dry payment, a debit (negative sign character) and an RF reference', () => {
    expect(section!.lines.slice(1).map((l) => [l.amountMinor, l.payerName, l.creditorReference, l.remittanceText])).toEqual([
      [45000n, null, null, 'VIR DUPONT SARL'],
      [-1250n, null, null, 'FRAIS TENUE DE COMPTE'],
      [99999n, 'BÉRANGÈRE ÇA VA SAS', 'RF18539007547034', 'VIR SEPA RECU'],
    ]);
  });

  test('malformed records name their line and columns', () => {
    const lines = fixture('cfonb120-complements.txt').toString('latin1').split('\r\n');
    const badSign = [...lines];
    badSign[8] = badSign[8]!.slice(0, 103) + 'X' + badSign[8]!.slice(104);
    expect(failure(badSign.join('\r\n'))).toMatchObject({ line: 9, field: 'movement amount (columns 91-104)' });
    const badDate = [...lines];
    badDate[7] = badDate[7]!.slice(0, 34) + '310226' + badDate[7]!.slice(40);
    expect(failure(badDate.join('\r\n'))).toMatchObject({ line: 8, field: 'booking date (columns 35-40)' });
    expect(failure(lines.slice(0, -2).join('\r\n'))).toMatchObject({ field: 'record 07' });
    expect(failure([lines[0], lines[1]!.replace(/^04/, '09'), lines[lines.length - 2]].join('\r\n'))).toMatchObject({ line: 2, field: 'record code' });
    expect(failure([lines[0], lines[3], lines[lines.length - 2]].join('\r\n'))).toMatchObject({ line: 2, field: 'record 05' });
  });

  test('an unbalanced statement is reported with its difference', () => {
    const lines = fixture('cfonb120-complements.txt').toString('latin1').split('\r\n');
    const i = lines.findIndex((l) => l.startsWith('07'));
    lines[i] = lines[i]!.slice(0, 103) + 'H' + lines[i]!.slice(104); // closing …9I → …98: one cent less
    expect(balanceMismatches(parseStatementFile(Buffer.from(lines.join('\r\n'), 'latin1')))).toEqual([
      { line: 1, openingMinor: 1250000n, movementsMinor: 461799n, closingMinor: 1711798n, differenceMinor: -1n },
    ]);
  });
});

describe('camt.053.001.02 with a batch, a sister company and a return', () => {
  const file = parseStatementFile(fixture('camt053-v02-batch.xml'));
  const [section] = file.sections;

  test('balances, account (spaces removed) and period', () => {
    expect(file.format).toBe('camt.053');
    expect(section).toMatchObject({ statementId: 'STMT-20261203-FR76', account: 'FR7630004000120001234567890', openingBalanceMinor: 1000000n, closingBalanceMinor: 1385050n, from: '2026-12-03', to: '2026-12-03' });
    expect(balanceMismatches(file)).toEqual([]);
  });

  test('a batch entry becomes one line per TxDtls; pending entries are left out', () => {
    expect(section!.lines.map((l) => [l.amountMinor, l.payerName, l.bankReference])).toEqual([
      [150000n, 'Durand Frères SA', 'B1203-0001-01'],
      [90000n, 'Lambert Industrie', 'B1203-0001-02'],
      [170050n, 'Martin Holding', 'B1203-0002'],
      [-25000n, 'Petit Commerce', 'B1203-0003'],
    ]);
    expect(section!.lines[0]).toMatchObject({ payerBic: 'BREDFRPPXXX', payerIban: 'FR7610107001011234567890129', endToEndId: 'DUR-778120', remittanceText: 'FACT 2026/00451', bankTransactionCode: 'PMNT/RCDT/ESCT', sourceLine: 29 });
    expect(section!.lines[1]).toMatchObject({ creditorReference: 'RF18539007547034', endToEndId: null, structuredReference: null });
  });

  test('referred document numbers of several Strd blocks, and the reversal with its return reason', () => {
    expect(section!.lines[2]).toMatchObject({ structuredReference: 'F2026-00123 F2026-00124 F2026-00131', remittanceText: 'Paiement pour Martin & Fils', valueDate: '2026-12-04' });
    expect(section!.lines[3]).toMatchObject({ reversal: true, returnReason: 'AC04', bankTransactionCode: 'PMNT/RCDT/RRTN' });
  });

  test('transactions that do not add up to their entry, or a bad indicator, are refused with their line', () => {
    const xml = fixture('camt053-v02-batch.xml').toString('utf8');
    expect(failure(Buffer.from(xml.replace('<Amt Ccy="EUR">900.00</Amt>', '<Amt Ccy="EUR">900.01</Amt>')))).toMatchObject({ line: 22, field: 'Ntry/NtryDtls' });
    expect(failure(Buffer.from(xml.replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>DEBIT</CdtDbtInd>')))).toMatchObject({ line: 73, field: 'Ntry/CdtDbtInd' });
    expect(failure(Buffer.from(xml.replace('<Amt Ccy="EUR">1700.50</Amt>', '<Amt Ccy="EUR">1700.505</Amt>')))).toMatchObject({ line: 52, field: 'Ntry/Amt' });
    expect(failure(Buffer.from(xml.replace('</TxDtls>', '</TxDtl>')))).toMatchObject({ field: 'XML' });
    expect(failure(Buffer.from(xml.replace('xsd:camt.053.001.02', 'xsd:camt.053.001.01')))).toMatchObject({ field: 'Document' });
  });
});

describe('camt.054.001.08', () => {
  test('reads Pty/Nm, BICFI, Sts/Cd and a booking DtTm; a notification has no balances', () => {
    const file = parseStatementFile(fixture('camt054-v08.xml'));
    expect(file.format).toBe('camt.054');
    expect(file.sections[0]).toMatchObject({ openingBalanceMinor: null, closingBalanceMinor: null, from: '2026-12-05', to: '2026-12-05' });
    expect(file.sections[0]!.lines).toEqual([expect.objectContaining({
      amountMinor: 73140n, bookingDate: '2026-12-05', payerName: 'Roux Distribution', payerIban: 'BE71096123456769', payerBic: 'GKCCBEBB',
      endToEndId: 'E2E-ROUX-9001', bankReference: 'N1205-0901', remittanceText: 'Invoice 2026 000 77, 2026-00078 short 12.60 discount',
    })]);
    expect(balanceMismatches(file)).toEqual([]);
  });
});

describe('MT940 over two days, inside SWIFT blocks', () => {
  const file = parseStatementFile(fixture('mt940-two-days.sta'));

  test('two balanced statements of one account, summarised as one period', () => {
    expect(file.format).toBe('mt940');
    expect(file.sections.map((s) => [s.statementId, s.openingBalanceMinor, s.closingBalanceMinor])).toEqual([
      ['STMT261231', 500000n, 615456n], ['STMT270102', 615456n, 523000n],
    ]);
    expect(balanceMismatches(file)).toEqual([]);
    expect(summarise(file)).toEqual({ account: 'FR7630004000120001234567890', currency: 'EUR', from: '2026-12-30', to: '2027-01-02', openingBalanceMinor: 500000n, closingBalanceMinor: 523000n });
  });

  test(':86: wrapped mid-word at 65 characters is glued back; /EREF/ /REMI/ /CNTP/ are split at their keys only', () => {
    expect(file.sections[0]!.lines[0]).toMatchObject({
      amountMinor: 123456n, valueDate: '2027-01-02', bookingDate: '2026-12-31', // entry date across the year end
      endToEndId: 'BLANC-INV-2026-00901', remittanceText: 'Invoices F2026-00901, F2026-00902 and F2026/00907 thank you',
      payerIban: 'FR7611315000011234567890138', payerBic: 'CEPAFRPP131', payerName: 'Blanc et Compagnie SARL', bankReference: 'B1231-0001', bankTransactionCode: 'NTRF',
    });
    expect(file.sections[0]!.lines[1]).toMatchObject({ amountMinor: -8000n, remittanceText: 'Bank charges December' });
  });

  test('a reversal of a credit (RC) is a debit with its return reason; German ?20 sub-fields are read too', () => {
    expect(file.sections[1]!.lines[0]).toMatchObject({ amountMinor: -123456n, reversal: true, returnReason: 'MD06', payerName: 'Blanc et Compagnie SARL' });
    expect(file.sections[1]!.lines[1]).toMatchObject({
      amountMinor: 31000n, endToEndId: 'KD-4471-2026', remittanceText: 'RE 2026-0044 und 2026-0045 danke',
      payerName: 'Keller und Doehne GmbH', payerIban: 'DE89370400440532013000', payerBic: 'COBADEFFXXX',
    });
  });

  test('bad fields name their line and tag', () => {
    const text = fixture('mt940-two-days.sta').toString('latin1');
    expect(failure(text.replace(':61:2612311231D80,00', ':61:2612311231D80.00'))).toMatchObject({ line: 10, field: ':61:' });
    expect(failure(text.replace(':60F:C261230EUR5000,00', ':60F:C261230EUR5000,001'))).toMatchObject({ line: 5, field: ':60F: amount' });
    expect(failure(text.replace(':62F:C261231EUR6154,56', ':62F:C261231USD6154,56'))).toMatchObject({ line: 12, field: ':62F: currency' });
    expect(failure(text.replace(':61:2612311231D80', ':61:2613311231D80'))).toMatchObject({ line: 10, field: ':61: value date' });
  });
});

describe('detection, encodings, references and line keys', () => {
  test('unknown content is refused', () => {
    expect(failure('hello world')).toMatchObject({ field: 'format' });
    expect(failure('<a/>')).toMatchObject({ field: 'Document' });
    expect(failure(Buffer.alloc(0))).toMatchObject({ field: 'file' });
  });

  test('CP850 and latin-1 bytes are told apart; UTF-8 stays UTF-8', () => {
    expect(decodeStatementBytes(Buffer.from([0x82, 0x8a, 0x85]))).toEqual({ text: 'éèà', encoding: 'cp850' });
    expect(decodeStatementBytes(Buffer.from([0xe9, 0xe8, 0xe0]))).toEqual({ text: 'éèà', encoding: 'latin1' });
    expect(decodeStatementBytes(Buffer.from('éèà', 'utf8'))).toEqual({ text: 'éèà', encoding: 'utf-8' });
    expect(decodeStatementBytes(Buffer.from([0xe9]), 'cp850').text).toBe('Ú');
  });

  test('ISO 11649 references are checked', () => {
    expect(isCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isCreditorReference('RF18539007547035')).toBe(false);
    expect(creditorReferenceFor('539007547034')).toBe('RF18539007547034');
  });

  test('the same movement gets the same key in another file; identical payments in one file stay distinct', () => {
    const camt = parseStatementFile(fixture('camt053-v02-batch.xml')).sections[0]!.lines;
    expect(lineKeys('A', camt)).toEqual(lineKeys('A', [...camt]));
    expect(lineKeys('A', camt.slice(2))).toEqual(lineKeys('A', camt).slice(2));
    expect(new Set(lineKeys('A', camt)).size).toBe(4);
    const dry = { ...camt[0]!, bankReference: null };
    const [k1, k2] = lineKeys('A', [dry, { ...dry }]);
    expect(k1).not.toBe(k2);
    expect(lineKeys('B', [dry])[0]).not.toBe(k1);
  });
});
