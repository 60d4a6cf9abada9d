import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { AppError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceLedgerReader } from '../invoices/invoice-ledger.reader.js';
import { BankLine, referenceTexts, type StoredProposal } from './bank-line.entity.js';
import { CashApplicationService } from './cash-application.service.js';
import { cashReason } from './cash-reasons.js';
import { indexLedger, matchLine, type MatchProposal } from './matching/match-line.js';
import { learnedPayers } from './payer-links.js';

/** What matching reads of a new credit. */
export type MatchableLine = Pick<BankLine,
  'id' | 'amountMinor' | 'currency' | 'payerName' | 'payerIban' | 'remittanceText' | 'structuredReference' | 'creditorReference' | 'endToEndId'>;

interface LineRow {
  id: string; amount: string; currency: string; payer_name: string | null; payer_iban: string | null; remittance_text: string | null;
  structured_reference: string | null; creditor_reference: string | null; end_to_end_id: string | null;
}

/** A new credit with the engine's proposal (as stored on the line). */
export interface Proposed {
  line: MatchableLine;
  proposal: MatchProposal;
  stored: StoredProposal | null;
}

export interface MatchCounts {
  auto: number;
  suggested: number;
  unmatched: number;
}

/**
 * Runs the matching engine over a statement's new credits against the
 * entity's open invoices (read through the invoices and customers modules),
 * stores each proposal with its confidence and reasons, and applies the sure
 * ones. Runs after the import committed: a failure leaves lines unmatched,
 * never half-applied.
 */
@Injectable()
export class CashMatchingService {
  private readonly logger = new Logger('CashMatching');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceLedgerReader) private readonly invoices: InvoiceLedgerReader,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CashApplicationService) private readonly application: CashApplicationService,
  ) {}

  async matchStatement(statementId: string, entityId: string, currency: string): Promise<MatchCounts> {
    return this.applySure(await this.propose(statementId, entityId, currency));
  }

  /**
   * Matches every new credit of the statement and stores each proposal. The
   * ledger is read once (three queries) and indexed once; the proposals are
   * written in one statement, whatever the number of lines. A sure proposal is
   * stored as suggested until its payment commits (then auto_applied).
   */
  async propose(statementId: string, entityId: string, currency: string): Promise<Proposed[]> {
    const lines = (await this.dataSource.query(
      `SELECT id, amount_minor::text AS amount, currency, payer_name, payer_iban, remittance_text, structured_reference, creditor_reference, end_to_end_id
         FROM bank_lines WHERE statement_id = $1 AND status = 'unmatched' ORDER BY position`,
      [statementId],
    ) as LineRow[]).map((r): MatchableLine => ({
      id: r.id, amountMinor: BigInt(r.amount), currency: r.currency, payerName: r.payer_name, payerIban: r.payer_iban, remittanceText: r.remittance_text,
      structuredReference: r.structured_reference, creditorReference: r.creditor_reference, endToEndId: r.end_to_end_id,
    }));
    if (lines.length === 0) return [];
    const [invoices, customers, learned] = await Promise.all([
      this.invoices.openInvoices(entityId, currency),
      this.customers.ofEntity(entityId),
      learnedPayers(this.dataSource.manager, entityId),
    ]);
    const index = indexLedger({ invoices, customers, ...learned });
    const numbers = new Map(invoices.map((i) => [i.id, i.number]));

    const proposals = lines.map((line) => {
      const proposal = matchLine({
        amountMinor: line.amountMinor, currency: line.currency, payerName: line.payerName, payerIban: line.payerIban, texts: referenceTexts(line),
      }, index);
      return { line, proposal, stored: stored(proposal, numbers) };
    });
    await this.dataSource.query(
      `UPDATE bank_lines b SET status = v.status, customer_id = v.customer_id, proposal = v.proposal, confidence = v.confidence, reasons = v.reasons
       FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::jsonb[], $5::float8[], $6::jsonb[]) AS v(id, status, customer_id, proposal, confidence, reasons)
       WHERE b.id = v.id AND b.status = 'unmatched'`,
      [
        proposals.map((p) => p.line.id),
        proposals.map((p) => (p.proposal.decision === 'unmatched' ? 'unmatched' : 'suggested')),
        proposals.map((p) => p.proposal.customerId),
        proposals.map((p) => (p.stored ? JSON.stringify(p.stored) : null)),
        proposals.map((p) => p.proposal.confidence),
        proposals.map((p) => JSON.stringify(p.proposal.reasons)),
      ],
    );
    return proposals;
  }

  /** Applies the sure proposals one by one (each a payment, see CashApplicationService). */
  private async applySure(proposals: readonly Proposed[]): Promise<MatchCounts> {
    const counts: MatchCounts = { auto: 0, suggested: 0, unmatched: 0 };
    const sure = proposals.filter((p) => p.proposal.decision === 'auto').map((p) => p.line.id);
    const full = new Map(sure.length === 0 ? [] : (await this.dataSource.manager.findBy(BankLine, { id: In(sure) })).map((l) => [l.id, l]));
    // Two lines of one statement never settle the same invoice automatically: the second waits for a reviewer.
    const taken = new Set<string>();
    for (const { line, proposal, stored: plan } of proposals) {
      if (proposal.decision !== 'auto' || !proposal.customerId || !plan) {
        counts[proposal.decision === 'unmatched' ? 'unmatched' : 'suggested']++;
        continue;
      }
      const why = proposal.allocations.some((a) => taken.has(a.invoiceId))
        ? cashReason('SAME_INVOICE_OTHER_LINE', {}, 'another line of this statement settles the same invoice: left for review')
        : await this.application.apply(full.get(line.id)!, { customerId: proposal.customerId, proposal: plan }, 'auto', 'engine')
          .then(() => null)
          .catch((err: unknown) => {
            if (!(err instanceof AppError)) throw err;
            return cashReason('NOT_APPLIED_AUTOMATICALLY', { error: err.code, message: err.message }, `not applied automatically: ${err.message}`);
          });
      if (why === null) {
        proposal.allocations.forEach((a) => taken.add(a.invoiceId));
        counts.auto++;
      } else {
        this.logger.warn(`bank line ${line.id}: ${why.text}`);
        await this.dataSource.manager.update(BankLine, { id: line.id, paymentId: null }, { reasons: [...proposal.reasons, why] });
        counts.suggested++;
      }
    }
    return counts;
  }
}

export function stored(proposal: MatchProposal, numbers: ReadonlyMap<string, string>): StoredProposal | null {
  if (proposal.allocations.length === 0) return null;
  return {
    kind: proposal.kind,
    allocations: proposal.allocations.map((a) => ({
      invoiceId: a.invoiceId, invoiceExternalId: a.invoiceExternalId, invoiceNumber: numbers.get(a.invoiceId) ?? a.invoiceExternalId, amountMinor: a.amountMinor.toString(),
    })),
    unappliedMinor: proposal.unappliedMinor.toString(),
    shortMinor: proposal.shortMinor.toString(),
    writeOff: null,
  };
}
