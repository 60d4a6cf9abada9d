import { minorUnitDigits } from '../../../workflows/domain/money.js';
import { abs, type StatementModel } from './model.js';

/** Writes a CFONB 120 statement (account = bank 5 + branch 5 + account 11). */
export function writeCfonb120(m: StatementModel): string {
  const bank = m.account.slice(0, 5);
  const branch = m.account.slice(5, 10);
  const acct = m.account.slice(10).padEnd(11, ' ');
  const dec = String(minorUnitDigits(m.currency));
  const head = (code: string, internal = '    ') => `${code}${bank}${internal}${branch}${m.currency}${dec} ${acct}`;
  const records: string[] = [];
  records.push(fixed(head('01') + '  ' + ddmmyy(m.fromDate) + ' '.repeat(50) + amount(m.openingMinor) + ' '.repeat(16)));
  let closing = m.openingMinor;
  for (const l of m.entries.flat()) {
    closing += l.amountMinor;
    records.push(fixed(head('04', l.amountMinor >= 0n ? '0158' : '0621') + (l.amountMinor >= 0n ? '05' : '06') + ddmmyy(l.bookingDate) +
      (l.returnReason ?? '  ').padEnd(2).slice(0, 2) + ddmmyy(l.valueDate) + ' '.repeat(31) + '  ' +
      (l.bankReference ?? '').padEnd(7).slice(0, 7) + '  ' + amount(l.amountMinor) + ' '.repeat(16)));
    const complement = (qualifier: string, info: string) =>
      records.push(fixed(head('05', '0158') + '05' + ddmmyy(l.bookingDate) + ' '.repeat(5) + qualifier + info.padEnd(70) + '  '));
    if (l.payerName) complement('NPY', l.payerName);
    if (l.payerIban) complement('IPY', l.payerIban);
    if (l.endToEndId) complement('RCN', l.endToEndId);
    if (l.creditorReference) complement('LCS', l.creditorReference);
    // Banks cut the remittance every 70 characters, wherever that falls.
    for (let i = 0; i < (l.remittanceText ?? '').length; i += 70) complement('LCC', l.remittanceText!.slice(i, i + 70));
  }
  records.push(fixed(head('07') + '  ' + ddmmyy(m.toDate) + ' '.repeat(50) + amount(closing) + ' '.repeat(16)));
  return records.join('\r\n') + '\r\n';
}

function fixed(record: string): string {
  if (record.length !== 120) throw new Error(`record of ${record.length} characters: ${record}`);
  return record;
}

function ddmmyy(iso: string): string {
  return iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(2, 4);
}

export function cfonbAmount(minor: bigint): string {
  return amount(minor);
}

function amount(minor: bigint): string {
  const digits = abs(minor).toString().padStart(14, '0');
  const last = Number(digits.slice(13));
  return digits.slice(0, 13) + (minor < 0n ? '}JKLMNOPQR' : '{ABCDEFGHI')[last];
}

