import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { keysetPage, type PageRequest, type SortKeys } from '../common/lists/keyset.js';
import type { CsvColumn, ListSource } from '../common/lists/list-response.js';
import { CustomersService } from '../customers/customers.service.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import type { WriteOffListQuery } from './write-off-list.query.js';
import { WriteOff } from './write-off.entity.js';
import { toWriteOffView, type WriteOffView } from './write-off.views.js';

const SORTS: SortKeys<WriteOff> = {
  createdAt: { sql: 'w.created_at', type: 'timestamptz', value: (w) => w.createdAt.toISOString() },
  amount: { sql: 'w.amount_minor', type: 'bigint', value: (w) => w.amountMinor.toString() },
};

/** A write-off with what a decider needs to recognise it: the invoice's number and the customer. */
export interface WriteOffListItem extends Omit<WriteOffView, 'invoice'> {
  invoice: { id: string; externalId: string; number: string };
  customer: { externalId: string; name: string } | null;
}

export const WRITE_OFF_CSV_COLUMNS: readonly CsvColumn<WriteOffListItem>[] = [
  { header: 'id', value: (w) => w.id },
  { header: 'status', value: (w) => w.status },
  { header: 'invoiceExternalId', value: (w) => w.invoice.externalId, text: true },
  { header: 'invoiceNumber', value: (w) => w.invoice.number, text: true },
  { header: 'customerExternalId', value: (w) => w.customer?.externalId ?? null, text: true },
  { header: 'customerName', value: (w) => w.customer?.name ?? null, text: true },
  { header: 'currency', value: (w) => w.currency },
  { header: 'amount', value: (w) => w.amount },
  { header: 'appliedAmount', value: (w) => w.appliedAmount },
  { header: 'reasonCode', value: (w) => w.reasonCode },
  { header: 'comment', value: (w) => w.comment, text: true },
  { header: 'requestedBy', value: (w) => w.requestedBy.name, text: true },
  { header: 'decidedBy', value: (w) => w.decision?.by.name ?? null, text: true },
  { header: 'createdAt', value: (w) => w.createdAt },
  { header: 'appliedAt', value: (w) => w.appliedAt },
];

/** The write-off list: newest first by default. */
@Injectable()
export class WriteOffListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceBalances) private readonly invoices: InvoiceBalances,
    @Inject(CustomersService) private readonly customers: CustomersService,
  ) {}

  async source(query: WriteOffListQuery): Promise<ListSource<WriteOffListItem>> {
    const base = this.dataSource.manager.createQueryBuilder(WriteOff, 'w');
    if (query.status) base.andWhere('w.status = :status', { status: query.status });
    if (query.invoice) base.andWhere('w.invoice_id = :invoiceId', { invoiceId: query.invoice });
    if (query.customer) base.andWhere('w.customer_id = ANY(:customerIds)', { customerIds: await this.customers.idsMatching({ externalId: query.customer }) });
    return {
      csv: { filename: 'write-offs.csv', columns: WRITE_OFF_CSV_COLUMNS },
      page: async (request: PageRequest, withTotal: boolean) => {
        const page = await keysetPage(base, SORTS, request, { defaultSort: '-createdAt', idSql: 'w.id', withTotal });
        const [invoices, customers] = await Promise.all([
          this.invoices.byIds(page.rows.map((w) => w.invoiceId)), this.customers.summaries(page.rows.map((w) => w.customerId)),
        ]);
        const byId = new Map(invoices.map((i) => [i.id, i]));
        const items = page.rows.map((w): WriteOffListItem => {
          const invoice = byId.get(w.invoiceId);
          const customer = customers.get(w.customerId);
          return {
            ...toWriteOffView(w, invoice?.externalId ?? ''),
            invoice: { id: w.invoiceId, externalId: invoice?.externalId ?? '', number: invoice?.number ?? '' },
            customer: customer ? { externalId: customer.externalId, name: customer.name } : null,
          };
        });
        return { items, total: page.total, nextCursor: page.nextCursor };
      },
    };
  }
}
