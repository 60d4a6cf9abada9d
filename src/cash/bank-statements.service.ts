import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError } from '../common/validation.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { BankLine, type BankLineStatus } from './bank-line.entity.js';
import { bankLineView, type BankLineView } from './bank-line.view.js';
import { CashMatchingService } from './cash-matching.service.js';
import { BankStatement } from './bank-statement.entity.js';
import { StatementAlreadyImportedError, StatementMalformedError, StatementUnbalancedError } from './bank-statement.errors.js';
import { parseStatementFile } from './statements/parse-statement.js';
import { StatementFormatError, type StatementLine } from './statements/statement.js';
import { balanceMismatches, lineKeys, MixedAccountsError, summarise } from './statements/statement-checks.js';
import type { TextEncoding } from './statements/text-decoding.js';

export type { BankLineView };

export interface StatementImportView {
  id: string;
  format: string;
  account: string;
  currency: string;
  from: string | null;
  to: string | null;
  openingBalance: string | null;
  closingBalance: string | null;
  /** Lines stored by this import; `duplicates` were already known from an earlier file. */
  lines: number;
  duplicates: number;
  credits: { count: number; amount: string };
  debits: { count: number; amount: string };
  matched: { auto: number; suggested: number; unmatched: number };
}

const INSERT_CHUNK = 500;

@Injectable()
export class BankStatementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CashMatchingService) private readonly matching: CashMatchingService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  /**
   * Parses, checks and stores a statement file in one transaction. Nothing is
   * written unless the whole file parses and balances; lines already stored
   * (same movement from an earlier or overlapping file) are counted, not stored again.
   */
  async import(bytes: Buffer, options: { entity?: string; encoding?: TextEncoding; importedBy: string }): Promise<StatementImportView> {
    const entity = await this.entities.findByCode(options.entity);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${options.entity}"`] }]);

    let parsed: ReturnType<typeof parseStatementFile>;
    let summary: ReturnType<typeof summarise>;
    try {
      parsed = parseStatementFile(bytes, { encoding: options.encoding });
      summary = summarise(parsed);
    } catch (err) {
      if (err instanceof StatementFormatError) throw new StatementMalformedError(err.line, err.field, err.reason);
      if (err instanceof MixedAccountsError) throw new StatementMalformedError(err.line, 'account', err.message);
      throw err;
    }
    const mismatches = balanceMismatches(parsed);
    if (mismatches.length) throw new StatementUnbalancedError(summary.currency, mismatches);

    const lines = parsed.sections.flatMap((s) => s.lines);
    const keys = lineKeys(summary.account, lines);
    const fileSha256 = createHash('sha256').update(bytes).digest('hex');

    const { statement, inserted } = await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(BankStatement, { entityId: entity.id, fileSha256 });
      if (existing) throw new StatementAlreadyImportedError(existing.id);
      const statement = await manager.save(manager.create(BankStatement, {
        entityId: entity.id, format: parsed.format, account: summary.account, currency: summary.currency,
        fromDate: summary.from, toDate: summary.to, openingBalanceMinor: summary.openingBalanceMinor,
        closingBalanceMinor: summary.closingBalanceMinor, fileSha256, encoding: parsed.encoding,
        lineCount: 0, duplicateCount: 0, importedBy: options.importedBy,
      }));
      const rows = lines.map((line, i) => this.row(statement, line, keys[i]!, i + 1));
      const inserted = new Set<string>();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const result = await manager.createQueryBuilder().insert().into(BankLine).values(rows.slice(i, i + INSERT_CHUNK))
          .orIgnore().returning('line_key').updateEntity(false).execute();
        for (const r of result.raw as { line_key: string }[]) inserted.add(r.line_key);
      }
      statement.lineCount = inserted.size;
      statement.duplicateCount = rows.length - inserted.size;
      await manager.update(BankStatement, statement.id, { lineCount: statement.lineCount, duplicateCount: statement.duplicateCount });
      return { statement, inserted };
    }).catch(async (err: unknown) => {
      // The same file sent twice at once: the loser answers like a later retry.
      if ((err as { code?: string }).code !== '23505') throw err;
      const winner = await this.dataSource.manager.findOneBy(BankStatement, { entityId: entity.id, fileSha256 });
      if (!winner) throw err;
      throw new StatementAlreadyImportedError(winner.id);
    });

    // The new credits are matched (and the sure ones applied) once they are stored.
    const matched = await this.matching.matchStatement(statement.id, entity.id, summary.currency);
    const stored = lines.filter((_, i) => inserted.has(keys[i]!));
    const credits = stored.filter((l) => l.amountMinor > 0n);
    const debits = stored.filter((l) => l.amountMinor < 0n);
    const money = (v: bigint | null) => (v === null ? null : formatAmount(v, summary.currency));
    const total = (ls: StatementLine[]) => money(ls.reduce((s, l) => s + l.amountMinor, 0n))!;
    return {
      id: statement.id, format: parsed.format, account: summary.account, currency: summary.currency,
      from: summary.from, to: summary.to,
      openingBalance: money(summary.openingBalanceMinor), closingBalance: money(summary.closingBalanceMinor),
      lines: stored.length, duplicates: lines.length - stored.length,
      credits: { count: credits.length, amount: total(credits) },
      debits: { count: debits.length, amount: total(debits) },
      matched,
    };
  }

  async lines(statementId: string, page: { limit: number; offset: number }): Promise<BankLineView[]> {
    if (!isUuid(statementId) || !(await this.dataSource.manager.existsBy(BankStatement, { id: statementId }))) {
      throw new NotFoundError('Bank statement', statementId);
    }
    const rows = await this.dataSource.manager.find(BankLine, {
      where: { statementId }, order: { position: 'ASC' }, take: page.limit, skip: page.offset,
    });
    const byId = await this.customers.findMany(rows.flatMap((r) => (r.customerId ? [r.customerId] : [])));
    return rows.map((r) => bankLineView(r, byId));
  }

  private row(statement: BankStatement, line: StatementLine, lineKey: string, position: number) {
    return {
      statementId: statement.id, entityId: statement.entityId, account: statement.account, lineKey, position,
      sourceLine: line.sourceLine, currency: statement.currency, amountMinor: line.amountMinor,
      bookingDate: line.bookingDate, valueDate: line.valueDate, payerName: line.payerName, payerIban: line.payerIban,
      payerBic: line.payerBic, structuredReference: line.structuredReference, creditorReference: line.creditorReference,
      endToEndId: line.endToEndId, bankReference: line.bankReference, remittanceText: line.remittanceText,
      bankTransactionCode: line.bankTransactionCode, reversal: line.reversal, returnReason: line.returnReason,
      rawRecord: line.raw, status: statusOf(line),
    };
  }
}

/** Customer receipts wait for matching; debits and reversals (which undo an earlier movement) are kept but never matched. */
function statusOf(line: StatementLine): BankLineStatus {
  return line.amountMinor > 0n && !line.reversal ? 'unmatched' : 'ignored';
}
