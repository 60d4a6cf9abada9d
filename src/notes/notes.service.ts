import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { Clock, systemClock } from '../clock/clock.js';
import { NotFoundError } from '../common/errors.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory, type CustomerRecord } from '../customers/customer-directory.js';
import { InvoiceDirectory } from '../invoices/invoice-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { PortfolioService } from '../portfolios/portfolio.service.js';
import { CustomerNote } from './customer-note.entity.js';

export interface NoteView {
  id: string;
  customerExternalId: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  author: { userId: string | null; name: string };
  body: string;
  createdAt: string;
}

/** A customer's notes as its timeline shows them. */
export interface NoteRecord {
  id: string;
  invoiceId: string | null;
  authorName: string;
  body: string;
  createdAt: Date;
}

/** Free notes on customers and invoices; a collector writes and reads those of customers they may see. */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(InvoiceDirectory) private readonly invoices: InvoiceDirectory,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(PortfolioService) private readonly portfolios: PortfolioService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  async addToCustomer(entityCode: string | undefined, externalId: string, body: string, principal: Principal): Promise<NoteView> {
    const customer = await this.visibleCustomer(entityCode, externalId, principal);
    return this.add(customer, null, body, principal);
  }

  async addToInvoice(invoiceId: string, body: string, principal: Principal): Promise<NoteView> {
    const { customer, invoice } = await this.visibleInvoice(invoiceId, principal);
    return this.add(customer, invoice, body, principal);
  }

  /** The customer's notes, its invoices' included, newest first. */
  async ofCustomer(entityCode: string | undefined, externalId: string, principal: Principal): Promise<NoteView[]> {
    const customer = await this.visibleCustomer(entityCode, externalId, principal);
    return this.views(customer, await this.dataSource.manager.find(CustomerNote, { where: { customerId: customer.id }, order: { createdAt: 'DESC', id: 'DESC' } }));
  }

  async ofInvoice(invoiceId: string, principal: Principal): Promise<NoteView[]> {
    const { customer, invoice } = await this.visibleInvoice(invoiceId, principal);
    return this.views(customer, await this.dataSource.manager.find(CustomerNote, { where: { invoiceId: invoice.id }, order: { createdAt: 'DESC', id: 'DESC' } }));
  }

  /** For the customer's timeline (no access check: the account route did it). */
  async recordsOf(customerId: string): Promise<NoteRecord[]> {
    const rows = await this.dataSource.manager.find(CustomerNote, { where: { customerId }, order: { createdAt: 'DESC' }, take: 1000 });
    return rows.map((n) => ({ id: n.id, invoiceId: n.invoiceId, authorName: n.authorName, body: n.body, createdAt: n.createdAt }));
  }

  private async add(customer: CustomerRecord, invoice: { id: string; number: string } | null, body: string, principal: Principal): Promise<NoteView> {
    if (body.trim() === '') throw new FieldValidationError([{ field: 'body', messages: ['body must not be blank'] }]);
    const note = await this.dataSource.manager.save(this.dataSource.manager.create(CustomerNote, {
      customerId: customer.id, invoiceId: invoice?.id ?? null, authorUserId: principal.userId, authorName: principal.name, body,
      createdAt: this.clock.now(),
    }));
    return (await this.views(customer, [note]))[0]!;
  }

  private async views(customer: CustomerRecord, notes: readonly CustomerNote[]): Promise<NoteView[]> {
    const invoices = await this.invoices.findMany(notes.flatMap((n) => (n.invoiceId ? [n.invoiceId] : [])));
    return notes.map((n) => ({
      id: n.id, customerExternalId: customer.externalId, invoiceId: n.invoiceId, invoiceNumber: n.invoiceId ? invoices.get(n.invoiceId)?.number ?? null : null,
      author: { userId: n.authorUserId, name: n.authorName }, body: n.body, createdAt: n.createdAt.toISOString(),
    }));
  }

  private async visibleCustomer(entityCode: string | undefined, externalId: string, principal: Principal): Promise<CustomerRecord> {
    const entity = await this.entities.findByCode(entityCode);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${entityCode}"`] }]);
    const customer = await this.customers.findByExternalId(entity.id, externalId);
    if (!customer || !(await this.portfolios.canSee(principal, customer.id))) throw new NotFoundError('Customer', externalId);
    return customer;
  }

  private async visibleInvoice(invoiceId: string, principal: Principal) {
    const invoice = await this.invoices.find(invoiceId);
    const customer = invoice && (await this.customers.find(invoice.customerId));
    if (!invoice || !customer || !(await this.portfolios.canSee(principal, customer.id))) throw new NotFoundError('Invoice', invoiceId);
    return { invoice, customer };
  }
}
