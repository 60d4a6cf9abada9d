import { AppError, BusinessRuleError, ConflictError } from '../common/errors.js';
import { formatAmount } from '../../workflows/domain/money.js';
import type { BalanceMismatch } from './statements/statement-checks.js';

/** 400: the file cannot be read; names the line and the field. */
export class StatementMalformedError extends AppError {
  constructor(line: number | null, field: string, reason: string) {
    super('STATEMENT_MALFORMED', `The statement file is malformed${line === null ? '' : ` at line ${line}`}: ${field}: ${reason}`, 400, {
      errors: [{ field: 'file', line, recordField: field, messages: [reason] }],
    });
  }
}

/** 422: opening balance + movements ≠ closing balance. */
export class StatementUnbalancedError extends BusinessRuleError {
  constructor(currency: string, mismatches: BalanceMismatch[]) {
    const first = mismatches[0]!;
    super('STATEMENT_UNBALANCED',
      `Opening balance + movements ≠ closing balance (difference ${formatAmount(first.differenceMinor, currency)} ${currency} in the statement starting at line ${first.line})`,
      {
        mismatches: mismatches.map((m) => ({
          line: m.line, openingBalance: formatAmount(m.openingMinor, currency), movements: formatAmount(m.movementsMinor, currency),
          closingBalance: formatAmount(m.closingMinor, currency), difference: formatAmount(m.differenceMinor, currency),
        })),
      });
  }
}

/** 409: this very file was imported already. */
export class StatementAlreadyImportedError extends ConflictError {
  constructor(statementId: string) {
    super('STATEMENT_ALREADY_IMPORTED', `This file was already imported as statement ${statementId}`, { statementId });
  }
}
