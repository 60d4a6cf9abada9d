/**
 * The variables every step template (built-in or a scenario's own) can use.
 * Amounts and dates arrive formatted for the message's language.
 *
 *   customerName, invoiceNumber, currency (ISO code)
 *   amount, openAmount           the invoice's amount and what is still owed
 *   issueDate, dueDate, asOf     long dates ("10 mars 2026" / "10 March 2026"); asOf = the step's date
 *   daysOverdue                  whole days past the due date as of asOf (0 when not yet due)
 *   statement                    open items of the customer, oldest due first:
 *                                [{ number, issueDate, dueDate, openAmount, daysOverdue, overdue }]
 *   statementTotal               their total ("1 000,00 € + 250,00 $US" when currencies differ)
 *   penalty                      formal_notice only: statutory penalties as of asOf
 *                                { daysLate, rate, periods: [{ from, to, days, rate, interest }],
 *                                  interest, indemnity, hasIndemnity, total }
 *   totalDue                     openAmount + penalty.total (openAmount when there is no penalty)
 */
import type { ConsolidatedCompositionInput, StatementLine, StepCompositionInput } from '../../activities/ports.js';
import { daysBetween } from '../../workflows/domain/calendar.js';
import { computeLatePaymentPenalty, type LatePaymentPenalty } from '../../activities/late-payment-penalties.js';
import { localeFormat, type LocaleFormat, type MessageLanguage } from './locale-format.js';

export interface StatementLineVariables {
  number: string;
  issueDate: string;
  dueDate: string;
  openAmount: string;
  daysOverdue: number;
  overdue: boolean;
}

export interface PenaltyVariables {
  daysLate: number;
  /** Every period's rate, e.g. "13,15 %" or "13,15 % puis 12,15 %". */
  rate: string;
  periods: { from: string; to: string; days: number; rate: string; interest: string }[];
  interest: string;
  indemnity: string;
  hasIndemnity: boolean;
  total: string;
}

export interface TemplateVariables {
  customerName: string;
  invoiceNumber: string;
  currency: string;
  amount: string;
  openAmount: string;
  issueDate: string;
  dueDate: string;
  asOf: string;
  daysOverdue: number;
  statement: StatementLineVariables[];
  statementTotal: string;
  penalty?: PenaltyVariables;
  totalDue: string;
}

const THEN: Record<MessageLanguage, string> = { fr: ' puis ', en: ' then ' };

export function templateVariables(input: StepCompositionInput, language: MessageLanguage): TemplateVariables {
  const { invoice, asOf } = input;
  const f = localeFormat(language);
  const statement = input.statement ?? [ownLine(input)];
  const penalty = input.penalty ?? (input.step.action === 'formal_notice' ? defaultPenalty(input) : undefined);
  return {
    customerName: invoice.customer.name,
    invoiceNumber: invoice.number,
    currency: invoice.currency,
    amount: f.money(invoice.amountMinor, invoice.currency),
    openAmount: f.money(invoice.openAmountMinor, invoice.currency),
    issueDate: f.date(invoice.issueDate),
    dueDate: f.date(invoice.dueDate),
    asOf: f.date(asOf),
    daysOverdue: Math.max(0, daysBetween(invoice.dueDate, asOf)),
    statement: statement.map((line) => statementLine(line, f)),
    statementTotal: statementTotal(statement, f),
    ...(penalty ? { penalty: penaltyVariables(penalty, invoice.currency, f, language) } : {}),
    totalDue: f.money(invoice.openAmountMinor + (penalty?.totalMinor ?? 0n), invoice.currency),
  };
}

/**
 * The variables of a message listing several invoices of one customer
 * (built-in consolidated templates only):
 *
 *   customerName, asOf
 *   invoices, statement          the lines, oldest due first (same fields as `statement` above)
 *   total, statementTotal        their total (per currency when currencies differ)
 *   invoiceCount, overdueCount   how many lines, how many of them past due
 */
export interface ConsolidatedVariables {
  customerName: string;
  asOf: string;
  invoices: StatementLineVariables[];
  statement: StatementLineVariables[];
  total: string;
  statementTotal: string;
  invoiceCount: number;
  overdueCount: number;
}

export function consolidatedVariables(input: ConsolidatedCompositionInput, language: MessageLanguage): ConsolidatedVariables {
  const f = localeFormat(language);
  const lines = input.lines.map((line) => statementLine(line, f));
  const total = statementTotal(input.lines, f);
  return {
    customerName: input.customer.name,
    asOf: f.date(input.asOf),
    invoices: lines,
    statement: lines,
    total,
    statementTotal: total,
    invoiceCount: lines.length,
    overdueCount: lines.filter((l) => l.overdue).length,
  };
}

function statementLine(line: StatementLine, f: LocaleFormat): StatementLineVariables {
  return {
    number: line.number,
    issueDate: f.date(line.issueDate),
    dueDate: f.date(line.dueDate),
    openAmount: f.money(line.openAmountMinor, line.currency),
    daysOverdue: Math.max(0, line.daysOverdue),
    overdue: line.daysOverdue > 0,
  };
}

/** A statement without its lines given: the invoice alone. */
function ownLine({ invoice, asOf }: StepCompositionInput): StatementLine {
  return {
    invoiceId: invoice.id, number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
    currency: invoice.currency, openAmountMinor: invoice.openAmountMinor, daysOverdue: daysBetween(invoice.dueDate, asOf),
  };
}

/** A formal notice always states figures: the statutory defaults when the caller gave none. */
function defaultPenalty({ invoice, asOf }: StepCompositionInput): LatePaymentPenalty {
  return computeLatePaymentPenalty({ amountMinor: invoice.openAmountMinor, currency: invoice.currency, dueDate: invoice.dueDate, asOf });
}

/** One total per currency, in order of appearance: amounts in different currencies never add up. */
function statementTotal(lines: StatementLine[], f: LocaleFormat): string {
  const totals = new Map<string, bigint>();
  for (const line of lines) totals.set(line.currency, (totals.get(line.currency) ?? 0n) + line.openAmountMinor);
  return [...totals].map(([currency, minor]) => f.money(minor, currency)).join(' + ');
}

function penaltyVariables(p: LatePaymentPenalty, currency: string, f: LocaleFormat, language: MessageLanguage): PenaltyVariables {
  // Consecutive half-years at one rate read as one rate.
  const rates = p.periods.map((period) => f.rate(period.rateBp)).filter((rate, i, all) => rate !== all[i - 1]);
  return {
    daysLate: p.daysLate,
    rate: rates.join(THEN[language]),
    periods: p.periods.map((period) => ({
      from: f.date(period.from), to: f.date(period.to), days: period.days,
      rate: f.rate(period.rateBp), interest: f.money(period.interestMinor, currency),
    })),
    interest: f.money(p.interestMinor, currency),
    indemnity: f.money(p.indemnityMinor, currency),
    hasIndemnity: p.indemnityMinor > 0n,
    total: f.money(p.totalMinor, currency),
  };
}
