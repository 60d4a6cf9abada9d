import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, IsNull, type DataSource } from 'typeorm';
import { nonNegativeAmount, positiveAmount } from '../common/amount-input.js';
import { NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError, type FieldError } from '../common/validation.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceLedgerReader, type LedgerInvoiceRow } from '../invoices/invoice-ledger.reader.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { BankLine, type StoredProposal } from './bank-line.entity.js';
import { reviewReasons } from './cash-reasons.js';
import { bankLineView, type BankLineView } from './bank-line.view.js';
import { CashApplicationService } from './cash-application.service.js';
import { BankLineAlreadyAppliedError, BankLineNotMatchableError } from './cash-application.errors.js';
import type { MatchLineDto } from './cash-application.dto.js';

/** A reviewer confirms, corrects or splits a line (and teaches the engine), or reverses an application. */
@Injectable()
export class BankLineReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceLedgerReader) private readonly invoices: InvoiceLedgerReader,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CashApplicationService) private readonly application: CashApplicationService,
  ) {}

  async match(lineId: string, dto: MatchLineDto, by: string): Promise<BankLineView> {
    const line = await this.find(lineId);
    if (line.amountMinor <= 0n || line.reversal || line.status === 'ignored') throw new BankLineNotMatchableError(lineId);
    const plan = this.parse(line, dto);
    if (line.paymentId) {
      // Confirming again what is applied is a no-op; anything else needs an unmatch first.
      if (line.proposal && samePlan(line.proposal, plan)) return this.view(line.id);
      throw new BankLineAlreadyAppliedError(line.id, line.paymentId);
    }
    const customerId = await this.check(line, plan);
    await this.application.apply(line, { customerId, proposal: plan }, 'confirmed', by);
    return this.view(line.id);
  }

  /** Rejects a credit that is no customer payment (a supplier refund, a transfer between own accounts): it leaves the queue. */
  async ignore(lineId: string, by: string): Promise<BankLineView> {
    const line = await this.find(lineId);
    if (line.status === 'ignored') return this.view(line.id);
    if (line.paymentId) throw new BankLineAlreadyAppliedError(line.id, line.paymentId);
    const marked = await this.dataSource.manager.update(BankLine, { id: line.id, paymentId: IsNull(), status: In(['suggested', 'unmatched']) }, {
      status: 'ignored', reasons: [...line.reasons, reviewReasons.ignored(by)],
    });
    if (marked.affected !== 1) throw new BankLineAlreadyAppliedError(line.id, null);
    return this.view(line.id);
  }

  /** Reverses an application; a credit a reviewer ignored goes back to the queue. */
  async unmatch(lineId: string, by: string): Promise<BankLineView> {
    const line = await this.find(lineId);
    if (line.status === 'ignored' && line.amountMinor > 0n && !line.reversal) {
      await this.dataSource.manager.update(BankLine, { id: line.id, status: 'ignored' }, { status: 'unmatched', reasons: [...line.reasons, reviewReasons.requeued(by)] });
      return this.view(line.id);
    }
    await this.application.unmatch(line.id, by);
    return this.view(line.id);
  }

  async view(lineId: string): Promise<BankLineView> {
    const line = await this.find(lineId);
    return bankLineView(line, await this.customers.findMany(line.customerId ? [line.customerId] : []));
  }

  private async find(lineId: string): Promise<BankLine> {
    const line = isUuid(lineId) ? await this.dataSource.manager.findOneBy(BankLine, { id: lineId }) : null;
    if (!line) throw new NotFoundError('Bank line', lineId);
    return line;
  }

  /** Amounts in the line's currency; allocations + unapplied = the line's amount. */
  private parse(line: BankLine, dto: MatchLineDto): StoredProposal {
    const errors: FieldError[] = [];
    const allocations = dto.allocations.map((a, i) => ({
      invoiceId: '', invoiceExternalId: a.invoiceExternalId, invoiceNumber: a.invoiceExternalId,
      minor: positiveAmount(`allocations[${i}].amount`, a.amount, line.currency, errors),
    }));
    const seen = new Set<string>();
    allocations.forEach((a, i) => {
      if (seen.has(a.invoiceExternalId)) errors.push({ field: `allocations[${i}].invoiceExternalId`, messages: ['each invoice may appear once'] });
      seen.add(a.invoiceExternalId);
    });
    const unapplied = dto.unapplied === undefined ? 0n : nonNegativeAmount('unapplied', dto.unapplied, line.currency, errors);
    const writeOffMinor = dto.writeOff ? positiveAmount('writeOff.amount', dto.writeOff.amount, line.currency, errors) : 0n;
    const writeOffInvoice = dto.writeOff?.invoiceExternalId ?? dto.allocations.at(-1)?.invoiceExternalId ?? '';
    if (dto.writeOff && !seen.has(writeOffInvoice)) errors.push({ field: 'writeOff.invoiceExternalId', messages: ['must be one of the allocated invoices'] });
    if (errors.length === 0) {
      const total = allocations.reduce((s, a) => s + a.minor, 0n) + unapplied;
      if (total !== line.amountMinor) {
        const money = (v: bigint) => formatAmount(v, line.currency);
        errors.push({
          field: 'allocations',
          messages: [`allocations + unapplied add up to ${money(total)}, the line is ${money(line.amountMinor)} ${line.currency} (difference ${money(line.amountMinor - total)})`],
        });
      }
    }
    if (errors.length > 0) throw new FieldValidationError(errors);
    return {
      kind: 'confirmed',
      allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, invoiceExternalId: a.invoiceExternalId, invoiceNumber: a.invoiceNumber, amountMinor: a.minor.toString() })),
      unappliedMinor: unapplied.toString(),
      shortMinor: writeOffMinor.toString(),
      writeOff: dto.writeOff ? { amountMinor: writeOffMinor.toString(), reasonCode: dto.writeOff.reasonCode, invoiceExternalId: writeOffInvoice } : null,
    };
  }

  /** The invoices exist, are open, in the line's currency, of one customer, and can take what is allocated. Fills ids and numbers. */
  private async check(line: BankLine, plan: StoredProposal): Promise<string> {
    const found = new Map((await this.invoices.byExternalIds(line.entityId, plan.allocations.map((a) => a.invoiceExternalId))).map((i) => [i.externalId, i]));
    const errors: FieldError[] = [];
    const first = found.get(plan.allocations[0]!.invoiceExternalId);
    plan.allocations.forEach((a, i) => {
      const field = `allocations[${i}]`;
      const invoice: LedgerInvoiceRow | undefined = found.get(a.invoiceExternalId);
      const problem = !invoice ? `unknown invoice "${a.invoiceExternalId}"`
        : invoice.currency !== line.currency ? `invoice is in ${invoice.currency}, the bank line in ${line.currency}`
          : first && invoice.customerId !== first.customerId ? 'invoice of another customer than the first allocation: a line pays one customer'
            : invoice.status !== 'open' ? `invoice is ${invoice.status}` : null;
      if (problem) return errors.push({ field: `${field}.invoiceExternalId`, messages: [problem] });
      const writeOff = plan.writeOff?.invoiceExternalId === a.invoiceExternalId ? BigInt(plan.writeOff.amountMinor) : 0n;
      if (BigInt(a.amountMinor) + writeOff > invoice!.openMinor) {
        errors.push({
          field: writeOff > 0n ? 'writeOff.amount' : `${field}.amount`,
          messages: [`${writeOff > 0n ? 'with the amount allocated, ' : ''}exceeds the open amount ${formatAmount(invoice!.openMinor, invoice!.currency)}`],
        });
      }
      a.invoiceId = invoice!.id;
      a.invoiceNumber = invoice!.number;
    });
    if (errors.length > 0) throw new FieldValidationError(errors);
    return first!.customerId;
  }
}

function samePlan(a: StoredProposal, b: StoredProposal): boolean {
  const key = (p: StoredProposal) => JSON.stringify([
    p.allocations.map((x) => [x.invoiceExternalId, x.amountMinor]).sort(), p.unappliedMinor,
    p.writeOff ? [p.writeOff.invoiceExternalId, p.writeOff.amountMinor, p.writeOff.reasonCode] : null,
  ]);
  return key(a) === key(b);
}
