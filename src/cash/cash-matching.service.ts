import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceLedgerReader } from '../invoices/invoice-ledger.reader.js';
import { BankLine, referenceTexts, type StoredProposal } from './bank-line.entity.js';
import { CashApplicationService } from './cash-application.service.js';
import { indexLedger, matchLine, type MatchProposal } from './matching/match-line.js';
import { learnedPayers } from './payer-links.js';

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
    const lines = await this.dataSource.manager.find(BankLine, { where: { statementId, status: 'unmatched' }, order: { position: 'ASC' } });
    const counts: MatchCounts = { auto: 0, suggested: 0, unmatched: 0 };
    if (lines.length === 0) return counts;
    const [invoices, customers, learned] = await Promise.all([
      this.invoices.openInvoices(entityId, currency),
      this.customers.ofEntity(entityId),
      learnedPayers(this.dataSource.manager, entityId),
    ]);
    const index = indexLedger({ invoices, customers, ...learned });
    const numbers = new Map(invoices.map((i) => [i.id, i.number]));

    const proposals = lines.map((line) => ({
      line,
      proposal: matchLine({
        amountMinor: line.amountMinor, currency: line.currency, payerName: line.payerName, payerIban: line.payerIban,
        texts: referenceTexts(line),
      }, index),
    }));
    await this.dataSource.transaction(async (manager) => {
      for (const { line, proposal } of proposals) {
        // A sure proposal is stored as suggested until its payment commits (then auto_applied).
        await manager.update(BankLine, { id: line.id, status: 'unmatched' }, {
          status: proposal.decision === 'unmatched' ? 'unmatched' : 'suggested', customerId: proposal.customerId,
          proposal: stored(proposal, numbers), confidence: proposal.confidence, reasons: proposal.reasons,
        });
      }
    });

    // Two lines of one statement never settle the same invoice automatically: the second waits for a reviewer.
    const taken = new Set<string>();
    for (const { line, proposal } of proposals) {
      if (proposal.decision !== 'auto' || !proposal.customerId) {
        counts[proposal.decision === 'unmatched' ? 'unmatched' : 'suggested']++;
        continue;
      }
      const why = proposal.allocations.some((a) => taken.has(a.invoiceId))
        ? 'another line of this statement settles the same invoice: left for review'
        : await this.application.apply(line, { customerId: proposal.customerId, proposal: stored(proposal, numbers)! }, 'auto', 'engine')
          .then(() => null)
          .catch((err: unknown) => {
            if (!(err instanceof AppError)) throw err;
            return `not applied automatically: ${err.message}`;
          });
      if (why === null) {
        proposal.allocations.forEach((a) => taken.add(a.invoiceId));
        counts.auto++;
      } else {
        this.logger.warn(`bank line ${line.id}: ${why}`);
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
