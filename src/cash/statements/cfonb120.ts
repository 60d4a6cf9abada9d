import { minorUnitDigits } from '../../../workflows/domain/money.js';
import { isoDate, twoDigitYear } from './dates.js';
import { classifyReference } from './references.js';
import { emptyLine, StatementFormatError, text, type StatementLine, type StatementSection } from './statement.js';

/**
 * CFONB 120 "relevé de compte" (French banks): fixed-width records of 120
 * characters. 01 = previous balance, 04 = movement, 05 = complement of the
 * movement before it (qualifier + 70 characters), 07 = new balance.
 * Positions below are the spec's 1-based columns.
 */
const WIDTH = 120;

/** Last character of an amount: sign and units digit in one. */
const POSITIVE = '{ABCDEFGHI';
const NEGATIVE = '}JKLMNOPQR';

interface RecordHeader {
  code: string;
  bank: string;
  branch: string;
  currency: string;
  decimals: number;
  account: string;
}

export function looksLikeCfonb120(content: string): boolean {
  const first = content.replace(/^[\r\n]+/, '').slice(0, WIDTH);
  return /^01\d{5}.{4}\d{5}[A-Z]{3}\d/.test(first);
}

export function parseCfonb120(content: string): StatementSection[] {
  const records = splitRecords(content);
  const sections: StatementSection[] = [];
  let section: (StatementSection & { header: RecordHeader }) | null = null;
  let last: StatementLine | null = null;

  for (const { record, line } of records) {
    const header = readHeader(record, line);
    if (header.code === '01') {
      if (section) throw new StatementFormatError(line, 'record 01', 'a new statement starts before record 07 closed the previous one');
      section = {
        header, statementId: null, account: header.account, currency: header.currency,
        openingBalanceMinor: amount(record, line, header, 'previous balance'),
        closingBalanceMinor: null,
        from: date(record, 35, line, 'previous balance date'),
        to: null, sourceLine: line, lines: [],
      };
      last = null;
      continue;
    }
    if (!section) throw new StatementFormatError(line, `record ${header.code}`, 'comes before any record 01 (previous balance)');
    if (header.account !== section.account || header.currency !== section.currency) {
      throw new StatementFormatError(line, 'account', `record for ${header.account} ${header.currency} inside the statement of ${section.account} ${section.currency}`);
    }
    if (header.code === '04') {
      last = movement(record, line, header);
      section.lines.push(last);
    } else if (header.code === '05') {
      if (!last) throw new StatementFormatError(line, 'record 05', 'a complementary record must follow a movement (04)');
      complement(last, record, line);
    } else if (header.code === '07') {
      section.closingBalanceMinor = amount(record, line, header, 'new balance');
      section.to = date(record, 35, line, 'new balance date');
      const { header: _header, ...done } = section;
      sections.push(done);
      section = null;
      last = null;
    } else {
      throw new StatementFormatError(line, 'record code', `"${header.code}" is not 01, 04, 05 or 07`);
    }
  }
  if (section) throw new StatementFormatError(section.sourceLine, 'record 07', `the statement of ${section.account} has no new balance (07)`);
  if (sections.length === 0) throw new StatementFormatError(null, 'record 01', 'the file holds no statement');
  return sections;
}

function splitRecords(content: string): { record: string; line: number }[] {
  // eslint-disable-next-line no-control-regex -- \x1a: the DOS end-of-file mark some bank exports still append
  const body = content.replace(/[\r\n\x1a]+$/, '');
  const lines = /[\r\n]/.test(body) ? body.split(/\r\n|\r|\n/) : (body.match(/[\s\S]{1,120}/g) ?? []);
  return lines.flatMap((raw, i) => {
    if (raw.trim() === '') return [];
    if (raw.length > WIDTH) throw new StatementFormatError(i + 1, 'record', `is ${raw.length} characters long, CFONB 120 records have 120`);
    // Trailing spaces are often stripped by the tools that move these files.
    return [{ record: raw.padEnd(WIDTH, ' '), line: i + 1 }];
  });
}

function readHeader(record: string, line: number): RecordHeader {
  const code = record.slice(0, 2);
  const currency = record.slice(16, 19);
  const decimals = record.slice(19, 20);
  if (!/^[A-Z]{3}$/.test(currency)) throw new StatementFormatError(line, 'currency (columns 17-19)', `"${currency}" is not an ISO 4217 code`);
  if (!/^\d$/.test(decimals)) throw new StatementFormatError(line, 'number of decimals (column 20)', `"${decimals}" is not a digit`);
  const bank = record.slice(2, 7);
  const branch = record.slice(11, 16);
  const account = record.slice(21, 32).trim();
  if (!/^\d{5}$/.test(bank)) throw new StatementFormatError(line, 'bank code (columns 3-7)', `"${bank}" is not 5 digits`);
  if (!/^[0-9A-Z ]{5}$/.test(branch)) throw new StatementFormatError(line, 'branch code (columns 12-16)', `"${branch}" is invalid`);
  if (!account) throw new StatementFormatError(line, 'account number (columns 22-32)', 'is empty');
  return { code, bank, branch, currency, decimals: Number(decimals), account: `${bank}${branch}${account}` };
}

/** Columns 91-104: 13 digits then the sign-and-digit character; rescaled to the currency's minor unit. */
function amount(record: string, line: number, header: RecordHeader, what: string): bigint {
  const field = `${what} amount (columns 91-104)`;
  const raw = record.slice(90, 104);
  const digits = raw.slice(0, 13);
  const last = raw.slice(13);
  if (!/^\d{13}$/.test(digits)) throw new StatementFormatError(line, field, `"${raw}" must be 13 digits and a sign character`);
  const positive = POSITIVE.indexOf(last);
  const negative = NEGATIVE.indexOf(last);
  if (positive < 0 && negative < 0) throw new StatementFormatError(line, field, `"${last}" is not a sign character ({, A-I, }, J-R)`);
  const magnitude = BigInt(digits + String(positive >= 0 ? positive : negative));
  const scaled = rescale(magnitude, header.decimals, minorUnitDigits(header.currency), line, field);
  return negative >= 0 ? -scaled : scaled;
}

function rescale(value: bigint, from: number, to: number, line: number, field: string): bigint {
  if (from === to) return value;
  if (from < to) return value * 10n ** BigInt(to - from);
  const factor = 10n ** BigInt(from - to);
  if (value % factor !== 0n) throw new StatementFormatError(line, field, `has ${from} decimals, more than the currency's ${to}`);
  return value / factor;
}

function date(record: string, column: number, line: number, field: string): string {
  const raw = record.slice(column - 1, column + 5);
  const label = `${field} (columns ${column}-${column + 5})`;
  if (!/^\d{6}$/.test(raw)) throw new StatementFormatError(line, label, `"${raw}" is not a DDMMYY date`);
  return isoDate(twoDigitYear(raw.slice(4, 6)), Number(raw.slice(2, 4)), Number(raw.slice(0, 2)), line, label, raw);
}

function movement(record: string, line: number, header: RecordHeader): StatementLine {
  const valueRaw = record.slice(42, 48);
  const rejectReason = text(record.slice(40, 42));
  const interbank = text(record.slice(32, 34));
  const internal = text(record.slice(7, 11));
  return {
    ...emptyLine(line, record.trimEnd()),
    amountMinor: amount(record, line, header, 'movement'),
    bookingDate: date(record, 35, line, 'booking date'),
    valueDate: valueRaw.trim() === '' ? null : date(record, 43, line, 'value date'),
    remittanceText: text(record.slice(48, 79)),
    bankReference: text(record.slice(81, 88)),
    structuredReference: text(record.slice(104, 120)),
    bankTransactionCode: interbank ? (internal ? `${interbank}/${internal}` : interbank) : internal,
    returnReason: rejectReason,
  };
}

/**
 * Record 05, columns 46-48 name what columns 49-118 carry. NPY: payer name;
 * IPY: payer id; RCN: the payer's reference (end-to-end id); LCS: structured
 * remittance (creditor reference); LIB, LCC, LC2 and others: remittance text.
 */
function complement(target: StatementLine, record: string, line: number): void {
  const qualifier = record.slice(45, 48).trim();
  const slice = record.slice(48, 118);
  const info = text(slice);
  target.raw += '\n' + record.trimEnd();
  if (!info) return;
  switch (qualifier) {
    case 'NPY': target.payerName = join(target.payerName, info); break;
    case 'IPY': target.payerIban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(info.replace(/ /g, '')) ? info.replace(/ /g, '') : target.payerIban; break;
    case 'BDB': target.payerBic = /^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(info) ? info : target.payerBic; break;
    case 'RCN': target.endToEndId = info; break;
    case 'LCS': {
      const ref = classifyReference(info);
      target.creditorReference = ref.creditorReference ?? target.creditorReference;
      if (ref.structuredReference) target.structuredReference = ref.structuredReference;
      break;
    }
    default: {
      if (!/^[A-Z0-9]{0,3}$/.test(qualifier)) throw new StatementFormatError(line, 'qualifier (columns 46-48)', `"${qualifier}" is invalid`);
      // Remittance text is cut every 70 characters: a full slice continues mid-word into the next one.
      const previous = remittance.get(target) ?? { text: target.remittanceText ?? '', full: false };
      const joined = previous.text + (previous.full ? '' : ' ') + slice;
      remittance.set(target, { text: joined, full: slice.trimEnd().length === 70 });
      target.remittanceText = text(joined);
    }
  }
}

/** The remittance slices read so far per line, before whitespace is normalised. */
const remittance = new WeakMap<StatementLine, { text: string; full: boolean }>();

function join(a: string | null, b: string): string {
  return a ? `${a} ${b}` : b;
}
