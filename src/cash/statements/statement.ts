/**
 * One shape for every bank statement format: what a parser returns and what
 * the import stores. Amounts are signed integers in the currency's minor unit
 * (credit to the account holder > 0, debit < 0); dates are ISO calendar dates.
 */
export const STATEMENT_FORMATS = ['cfonb120', 'camt.053', 'camt.054', 'mt940'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export interface StatementLine {
  amountMinor: bigint;
  bookingDate: string;
  valueDate: string | null;
  payerName: string | null;
  payerIban: string | null;
  payerBic: string | null;
  /** A structured creditor reference that is not an ISO 11649 RF reference. */
  structuredReference: string | null;
  /** ISO 11649 creditor reference (RFnn…), check digits verified. */
  creditorReference: string | null;
  endToEndId: string | null;
  /** The bank's own id for the line (camt AcctSvcrRef, MT940 `//` reference, CFONB entry number). */
  bankReference: string | null;
  remittanceText: string | null;
  bankTransactionCode: string | null;
  reversal: boolean;
  returnReason: string | null;
  /** The record(s) the line came from, as found in the file. */
  raw: string;
  /** 1-based line of the file where the line's record starts. */
  sourceLine: number;
}

/** One account's statement for one period (a file may hold several, e.g. one per day). */
export interface StatementSection {
  statementId: string | null;
  account: string;
  currency: string;
  /** Null when the format carries no balances (camt.054 notifications). */
  openingBalanceMinor: bigint | null;
  closingBalanceMinor: bigint | null;
  from: string | null;
  to: string | null;
  /** 1-based line where the section starts (for error messages). */
  sourceLine: number;
  lines: StatementLine[];
}

export interface ParsedStatementFile {
  format: StatementFormat;
  sections: StatementSection[];
}

/** A malformed file: names the line (1-based, when known) and the field. */
export class StatementFormatError extends Error {
  constructor(
    readonly line: number | null,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${line === null ? '' : `line ${line}, `}${field}: ${reason}`);
    this.name = 'StatementFormatError';
  }
}

export function emptyLine(sourceLine: number, raw: string): Omit<StatementLine, 'amountMinor' | 'bookingDate'> {
  return {
    valueDate: null, payerName: null, payerIban: null, payerBic: null, structuredReference: null,
    creditorReference: null, endToEndId: null, bankReference: null, remittanceText: null,
    bankTransactionCode: null, reversal: false, returnReason: null, raw, sourceLine,
  };
}

/** Trims and turns an empty string into null. */
export function text(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}
