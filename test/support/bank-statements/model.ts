/** What the statement writers take: one account, one period, lines in order. */
export interface LineModel {
  amountMinor: bigint;
  bookingDate: string;
  valueDate: string;
  payerName: string | null;
  payerIban: string | null;
  payerBic: string | null;
  endToEndId: string | null;
  creditorReference: string | null;
  remittanceText: string | null;
  bankReference: string | null;
  reversal: boolean;
  returnReason: string | null;
}

export interface StatementModel {
  statementId: string;
  account: string;
  currency: string;
  openingMinor: bigint;
  fromDate: string;
  toDate: string;
  /** Lines grouped by bank entry (camt batches); other formats flatten them. */
  entries: LineModel[][];
}

export const closingOf = (m: StatementModel): bigint => m.entries.flat().reduce((sum, l) => sum + l.amountMinor, m.openingMinor);

export function line(partial: Partial<LineModel> & Pick<LineModel, 'amountMinor' | 'bookingDate'>): LineModel {
  return {
    valueDate: partial.bookingDate, payerName: null, payerIban: null, payerBic: null, endToEndId: null, creditorReference: null,
    remittanceText: null, bankReference: null, reversal: false, returnReason: null, ...partial,
  };
}

export function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}
