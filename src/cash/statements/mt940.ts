import { MoneyFormatError, parseAmount } from '../../../workflows/domain/money.js';
import { isoDate, twoDigitYear } from './dates.js';
import { classifyReference } from './references.js';
import { emptyLine, StatementFormatError, text, type StatementLine, type StatementSection } from './statement.js';

/**
 * SWIFT MT940 customer statement. Hand-written: the npm parsers we looked at
 * turn amounts into floats or round them to 2 decimals, split `:86:` at any
 * `/XXXX/` (which cuts references such as `/REMI/F2024/0012/`), and pull in
 * moment.js. Here amounts stay exact, `:86:` sub-fields are split only at the
 * keys below, and every error names its line and tag.
 */
const FIELD_START = /^:(\d{2}[A-Z]?):(.*)$/;
/** `:86:` keys of the SWIFT/SEPA structured variant (EPC / Dutch / Belgian banks). */
const KEYS = ['EREF', 'REMI', 'CNTP', 'RTRN', 'MARF', 'CSID', 'PREF', 'IREF', 'PURP', 'ORDP', 'BENM', 'NAME', 'ID', 'ADDR',
  'ULTC', 'ULTD', 'TRCD', 'BUSP', 'ISDT', 'EXCH', 'OCMT', 'CHGS', 'ACCW', 'IBAN', 'BIC', 'SVCL', 'FX'] as const;
const KEY_PATTERN = new RegExp(`/(${KEYS.join('|')})/`, 'g');
const WRAP = 65;

interface Field {
  tag: string;
  lines: string[];
  line: number;
}

export function looksLikeMt940(content: string): boolean {
  return /(^|\n|\{4:\s*\n?):20:/.test(content) && /(^|\n):(60F|60M):/.test(content) && /(^|\n):61:/.test(content) || /(^|\n):62[FM]:/.test(content) && /(^|\n):20:/.test(content);
}

export function parseMt940(content: string): StatementSection[] {
  const fields = readFields(content);
  const sections: StatementSection[] = [];
  let section: StatementSection | null = null;
  let last: StatementLine | null = null;
  let currencyDigitsKnown = false;

  const finish = () => {
    if (!section) return;
    if (section.closingBalanceMinor === null) throw new StatementFormatError(section.sourceLine, ':62F:', 'the statement has no closing balance');
    sections.push(section);
    section = null;
  };

  for (const field of fields) {
    if (field.tag === '20') {
      finish();
      section = {
        statementId: text(field.lines[0]), account: '', currency: '', openingBalanceMinor: null, closingBalanceMinor: null,
        from: null, to: null, sourceLine: field.line, lines: [],
      };
      last = null;
      currencyDigitsKnown = false;
      continue;
    }
    if (!section) throw new StatementFormatError(field.line, `:${field.tag}:`, 'comes before the :20: that starts a statement');
    const current: StatementSection = section;
    switch (field.tag) {
      case '25':
        current.account = (field.lines[0] ?? '').replace(/\s+/g, '');
        if (!current.account) throw new StatementFormatError(field.line, ':25: account', 'is empty');
        break;
      case '60F': case '60M': {
        const balance = readBalance(field);
        current.currency = balance.currency;
        current.openingBalanceMinor = balance.minor;
        current.from = balance.date;
        currencyDigitsKnown = true;
        break;
      }
      case '61':
        if (!currencyDigitsKnown) throw new StatementFormatError(field.line, ':61:', 'comes before the opening balance :60F:');
        last = readStatementLine(field, current.currency);
        current.lines.push(last);
        break;
      case '86':
        if (last) {
          applyDetails(last, field);
          last = null; // a second :86: belongs to the statement, not the line
        }
        break;
      case '62F': case '62M': {
        const balance = readBalance(field);
        if (balance.currency !== current.currency) {
          throw new StatementFormatError(field.line, `:${field.tag}: currency`, `${balance.currency} differs from the opening balance's ${current.currency}`);
        }
        current.closingBalanceMinor = balance.minor;
        current.to = balance.date;
        last = null;
        break;
      }
      default:
        break; // :21:, :28C:, :64:, :65:… carry nothing the import needs
    }
  }
  finish();
  if (sections.length === 0) throw new StatementFormatError(null, ':20:', 'the file holds no statement');
  for (const s of sections) if (!s.account) throw new StatementFormatError(s.sourceLine, ':25: account', 'is missing');
  return sections;
}

/** Lines of the text blocks ({4: … -}) or of the whole file, grouped into tagged fields. */
function readFields(content: string): Field[] {
  const lines = content.split(/\r\n|\r|\n/);
  const fields: Field[] = [];
  let current: Field | null = null;
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\{1:[^}]*\}(\{2:[^}]*\})?(\{3:(\{[^}]*\})*\})?\{4:/, '').replace(/\s+$/, '');
    if (line === '' || line === '-' || line === '-}' || /^-\}/.test(line) || /^\{5:/.test(line)) {
      if (line !== '') current = null;
      return;
    }
    const start = FIELD_START.exec(line);
    if (start) {
      current = { tag: start[1]!, lines: [start[2]!], line: i + 1 };
      fields.push(current);
    } else if (current) {
      current.lines.push(line);
    } else if (!/^\{[1-5]:/.test(line)) {
      throw new StatementFormatError(i + 1, 'field', `"${line.slice(0, 20)}" is outside any :NN: field`);
    }
  });
  return fields;
}

function readBalance(field: Field): { minor: bigint; currency: string; date: string } {
  const value = field.lines[0] ?? '';
  const match = /^([DC])(\d{2})(\d{2})(\d{2})([A-Z]{3})(\d[\d,]*)$/.exec(value);
  if (!match) throw new StatementFormatError(field.line, `:${field.tag}:`, `"${value}" is not D/C, YYMMDD, currency and amount`);
  const [, mark, yy, mm, dd, currency, amount] = match;
  const date = isoDate(twoDigitYear(yy!), Number(mm), Number(dd), field.line, `:${field.tag}: date`, `${yy}${mm}${dd}`);
  const minor = swiftAmount(amount!, currency!, field.line, `:${field.tag}: amount`);
  return { minor: mark === 'D' ? -minor : minor, currency: currency!, date };
}

const STATEMENT_LINE = /^(\d{2})(\d{2})(\d{2})(\d{4})?(RC|RD|C|D)([A-Z])?(\d[\d,]*)([SNF][A-Z0-9]{3})(.*)$/;

function readStatementLine(field: Field, currency: string): StatementLine {
  const first = field.lines[0] ?? '';
  const match = STATEMENT_LINE.exec(first);
  if (!match) {
    throw new StatementFormatError(field.line, ':61:', `"${first}" is not value date, [entry date], D/C/RD/RC, amount and transaction type`);
  }
  const [, yy, mm, dd, entry, mark, , amount, type, refs] = match;
  const year = twoDigitYear(yy!);
  const valueDate = isoDate(year, Number(mm), Number(dd), field.line, ':61: value date', `${yy}${mm}${dd}`);
  let bookingDate = valueDate;
  if (entry) {
    const em = Number(entry.slice(0, 2));
    const bookingYear = em === 12 && Number(mm) === 1 ? year - 1 : em === 1 && Number(mm) === 12 ? year + 1 : year;
    bookingDate = isoDate(bookingYear, em, Number(entry.slice(2, 4)), field.line, ':61: entry date', entry);
  }
  const minor = swiftAmount(amount!, currency, field.line, ':61: amount');
  // D and RC (reversal of a credit) take money off the account; C and RD put it on.
  const debit = mark === 'D' || mark === 'RC';
  const [customerRef, bankRef] = splitOnce(refs!, '//');
  const supplementary = text(field.lines.slice(1).join(' '));
  const customer = text(customerRef) === 'NONREF' ? null : text(customerRef);
  return {
    ...emptyLine(field.line, [':61:' + first, ...field.lines.slice(1)].join('\n')),
    amountMinor: debit ? -minor : minor,
    bookingDate,
    valueDate,
    reversal: mark === 'RC' || mark === 'RD',
    bankTransactionCode: type!,
    endToEndId: customer,
    bankReference: text(bankRef),
    remittanceText: supplementary,
  };
}

function splitOnce(value: string, separator: string): [string, string | null] {
  const at = value.indexOf(separator);
  return at < 0 ? [value, null] : [value.slice(0, at), value.slice(at + separator.length)];
}

/** SWIFT amounts: digits with a decimal comma ("1234,5", "100,"). */
function swiftAmount(value: string, currency: string, line: number, field: string): bigint {
  if (!/^\d+,\d*$/.test(value)) throw new StatementFormatError(line, field, `"${value}" is not a SWIFT amount (digits with a decimal comma)`);
  try {
    return parseAmount(value.replace(',', '.').replace(/\.$/, ''), currency);
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new StatementFormatError(line, field, err.message);
    throw err;
  }
}

/** Wrapped lines: a full 65-character line was cut mid-word; a shorter one ended at a space. */
function unwrap(lines: string[]): string {
  return lines.reduce((out, line, i) => (i === 0 ? line : out + (lines[i - 1]!.length >= WRAP ? '' : ' ') + line), '');
}

function applyDetails(target: StatementLine, field: Field): void {
  target.raw += '\n:86:' + field.lines.join('\n');
  // Numbered sub-fields are cut at any character and each line starts with its own ?NN: glue them back as they were.
  if (/^(\d{3})?[?>]\d{2}/.test(field.lines[0] ?? '')) return applyNumbered(target, field.lines.join(''));
  const details = unwrap(field.lines);
  if (/^\/[A-Z]{2,4}\//.test(details)) return applyKeyed(target, details);
  target.remittanceText = text([target.remittanceText, details].filter(Boolean).join(' '));
}

/** `/EREF/…/REMI/…/CNTP/iban/bic/name/city/`, split only at known keys. */
function applyKeyed(target: StatementLine, details: string): void {
  const found = [...details.matchAll(KEY_PATTERN)];
  const values = new Map<string, string>();
  found.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < found.length ? found[i + 1]!.index : details.length;
    const value = details.slice(start, end).replace(/\/$/, '');
    if (!values.has(m[1]!)) values.set(m[1]!, value);
  });
  const eref = text(values.get('EREF'));
  if (eref && eref !== 'NOTPROVIDED') target.endToEndId = eref;
  const remi = values.get('REMI');
  if (remi !== undefined) {
    const structured = /^STRD\/(?:CUR|ISO|[A-Z]{3})\/(.*)$/.exec(remi);
    if (structured) Object.assign(target, classifyReference(text(structured[1])));
    else target.remittanceText = text(remi.replace(/^USTD\/\//, ''));
  }
  const counterparty = values.get('CNTP') ?? values.get('ORDP') ?? values.get('BENM');
  if (counterparty !== undefined) {
    const parts = counterparty.split('/');
    target.payerIban = text(parts[0]);
    target.payerBic = text(parts[1]);
    const name = parts.length >= 4 ? parts.slice(2, -1).join('/') : parts[2];
    target.payerName = text(name) ?? text(values.get('NAME'));
  } else if (values.has('NAME')) {
    target.payerName = text(values.get('NAME'));
  }
  const rtrn = text(values.get('RTRN'));
  if (rtrn) target.returnReason = rtrn.split('/')[0] ?? rtrn;
}

/** German-style `NNN?20…?32…` (or `>`): purpose ?20–?29 and ?60–?63, BIC ?30, account ?31, name ?32–?33. */
function applyNumbered(target: StatementLine, details: string): void {
  const separator = details.includes('?') ? '?' : '>';
  const parts = new Map<number, string>();
  const body = details.replace(/^\d{3}/, '');
  for (const chunk of body.split(separator).slice(1)) {
    const key = Number(chunk.slice(0, 2));
    if (!Number.isNaN(key)) parts.set(key, (parts.get(key) ?? '') + chunk.slice(2));
  }
  // Sub-fields hold 27 characters: a full one was cut mid-word, a shorter one ended at a space.
  const pick = (from: number, to: number) => [...parts.entries()].filter(([k]) => k >= from && k <= to).sort(([a], [b]) => a - b)
    .reduce((out, [, v], i, all) => (i === 0 ? v : out + (all[i - 1]![1].length >= 27 ? '' : ' ') + v), '');
  const purpose = sepaKeywords(pick(20, 29) + ' ' + pick(60, 63));
  const eref = text(purpose.get('EREF'));
  if (eref && eref !== 'NOTPROVIDED') target.endToEndId = eref;
  target.remittanceText = text(purpose.get('SVWZ') ?? purpose.get('') ?? null);
  target.payerBic = text(parts.get(30));
  target.payerIban = text(parts.get(31));
  target.payerName = text(pick(32, 33));
}

/** The purpose text split at its SEPA keywords (EREF+, SVWZ+…); text before any keyword under "". */
function sepaKeywords(purpose: string): Map<string, string> {
  const found = [...purpose.matchAll(/(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|COAM|OAMT|IBAN|BIC)\+/g)];
  const out = new Map<string, string>();
  if (found.length === 0) return out.set('', purpose);
  if (found[0]!.index > 0) out.set('', purpose.slice(0, found[0]!.index));
  found.forEach((m, i) => out.set(m[1]!, purpose.slice(m.index + m[0].length, i + 1 < found.length ? found[i + 1]!.index : purpose.length)));
  return out;
}
