import { ConflictError } from '../common/errors.js';

/** 409: the line is already applied (unmatch it first to apply it otherwise). */
export class BankLineAlreadyAppliedError extends ConflictError {
  constructor(lineId: string, paymentId: string | null) {
    super('BANK_LINE_ALREADY_APPLIED', `Bank line ${lineId} is already applied${paymentId ? ` (payment ${paymentId})` : ''}; unmatch it first`, { paymentId });
  }
}

/** 409: debits and reversals are kept for the record, never applied to invoices; an ignored credit must be put back first. */
export class BankLineNotMatchableError extends ConflictError {
  constructor(lineId: string) {
    super('BANK_LINE_NOT_MATCHABLE', `Bank line ${lineId} is a debit, a reversal or an ignored credit (unmatch puts an ignored credit back in the queue): it is not applied to invoices`);
  }
}

/** 409: unmatch of a line that is not applied. */
export class BankLineNotAppliedError extends ConflictError {
  constructor(lineId: string) {
    super('BANK_LINE_NOT_APPLIED', `Bank line ${lineId} is not applied`);
  }
}

/** 409: a concurrent allocation took what this one counted on. */
export class CreditExhaustedError extends ConflictError {
  constructor(creditId: string) {
    super('CREDIT_EXHAUSTED', `Unapplied credit ${creditId} has less left than allocated (another allocation was made meanwhile)`);
  }
}
