import { formatAmount } from '../../../workflows/domain/money.js';
import { abs, closingOf, type StatementModel } from './model.js';

/** Writes an MT940 with structured `:86:` (/EREF/ /REMI/ /CNTP/ /RTRN/) wrapped at 65 characters. */
export function writeMt940(m: StatementModel, options: { swiftBlocks?: boolean } = {}): string {
  const out: string[] = [];
  if (options.swiftBlocks) out.push('{1:F01RELAFRPPAXXX0000000000}{2:O9401200261203BNPAFRPPXXXX00000000002612031200N}{4:');
  out.push(`:20:${m.statementId}`, `:25:${m.account}`, ':28C:1/1', `:60F:${balance(m.openingMinor, m.fromDate, m.currency)}`);
  for (const l of m.entries.flat()) {
    const mark = l.reversal ? (l.amountMinor < 0n ? 'RC' : 'RD') : l.amountMinor < 0n ? 'D' : 'C';
    out.push(`:61:${yymmdd(l.valueDate)}${l.bookingDate.slice(5, 7)}${l.bookingDate.slice(8, 10)}${mark}${swift(abs(l.amountMinor), m.currency)}NTRFNONREF${l.bankReference ? '//' + l.bankReference : ''}`);
    let details = '';
    if (l.endToEndId) details += `/EREF/${l.endToEndId}`;
    if (l.returnReason) details += `/RTRN/${l.returnReason}`;
    if (l.creditorReference) details += `/REMI/STRD/CUR/${l.creditorReference}`;
    else if (l.remittanceText) details += `/REMI/USTD//${l.remittanceText}`;
    if (l.payerIban || l.payerName || l.payerBic) details += `/CNTP/${l.payerIban ?? ''}/${l.payerBic ?? ''}/${l.payerName ?? ''}/`;
    if (details) out.push(...wrap(details).map((l, i) => (i === 0 ? `:86:${l}` : l)));
  }
  out.push(`:62F:${balance(closingOf(m), m.toDate, m.currency)}`);
  if (options.swiftBlocks) out.push('-}');
  return out.join('\r\n') + '\r\n';
}

/** Lines of at most 65 characters of content (the tag does not count). */
function wrap(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += 65) out.push(value.slice(i, i + 65));
  return out;
}

function balance(minor: bigint, date: string, currency: string): string {
  return `${minor < 0n ? 'D' : 'C'}${yymmdd(date)}${currency}${swift(abs(minor), currency)}`;
}

function swift(minor: bigint, currency: string): string {
  const text = formatAmount(minor, currency).replace('.', ',');
  return text.includes(',') ? text : text + ',';
}

function yymmdd(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}
