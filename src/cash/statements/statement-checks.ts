import { createHash } from 'node:crypto';
import type { ParsedStatementFile, StatementLine } from './statement.js';

export interface StatementSummary {
  account: string;
  currency: string;
  from: string | null;
  to: string | null;
  openingBalanceMinor: bigint | null;
  closingBalanceMinor: bigint | null;
}

export interface BalanceMismatch {
  /** 1-based line where the unbalanced section starts. */
  line: number;
  openingMinor: bigint;
  movementsMinor: bigint;
  closingMinor: bigint;
  /** closing − (opening + movements). */
  differenceMinor: bigint;
}

export class MixedAccountsError extends Error {
  constructor(readonly line: number, readonly accounts: string[]) {
    super(`the file holds statements of several accounts or currencies (${accounts.join(', ')}): import one account per file`);
  }
}

/** One account and currency per import; the period spans all sections, balances are the first opening and the last closing. */
export function summarise(file: ParsedStatementFile): StatementSummary {
  const first = file.sections[0]!;
  const other = file.sections.find((s) => s.account !== first.account || s.currency !== first.currency);
  if (other) throw new MixedAccountsError(other.sourceLine, [...new Set(file.sections.map((s) => `${s.account} ${s.currency}`))]);
  const last = file.sections[file.sections.length - 1]!;
  const dates = file.sections.flatMap((s) => [s.from, s.to, ...s.lines.map((l) => l.bookingDate)]).filter((d): d is string => d !== null).sort();
  return {
    account: first.account,
    currency: first.currency,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    openingBalanceMinor: first.openingBalanceMinor,
    closingBalanceMinor: last.closingBalanceMinor,
  };
}

/** Every section that has balances must satisfy opening + movements = closing. */
export function balanceMismatches(file: ParsedStatementFile): BalanceMismatch[] {
  return file.sections.flatMap((section) => {
    if (section.openingBalanceMinor === null || section.closingBalanceMinor === null) return [];
    const movementsMinor = section.lines.reduce((sum, l) => sum + l.amountMinor, 0n);
    const differenceMinor = section.closingBalanceMinor - (section.openingBalanceMinor + movementsMinor);
    return differenceMinor === 0n ? [] : [{
      line: section.sourceLine, openingMinor: section.openingBalanceMinor, movementsMinor,
      closingMinor: section.closingBalanceMinor, differenceMinor,
    }];
  });
}

/**
 * A key that is the same whenever the bank reports the same movement again
 * (same statement re-sent, overlapping periods, camt.054 then camt.053):
 * account + booking date + amount + the bank's own reference when it gives
 * one; otherwise the payer's references and text, plus the rank of identical
 * lines within the file so two genuinely identical payments stay two.
 */
export function lineKeys(account: string, lines: readonly StatementLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const identity = line.bankReference
      ? ['bank', line.bankReference]
      : ['payer', line.endToEndId, line.creditorReference, line.structuredReference, line.remittanceText, line.payerIban, line.payerName];
    const base = JSON.stringify([account, line.bookingDate, line.amountMinor.toString(), line.reversal, ...identity]);
    const rank = (seen.get(base) ?? 0) + 1;
    seen.set(base, rank);
    return createHash('sha256').update(`${base}#${rank}`).digest('hex');
  });
}
