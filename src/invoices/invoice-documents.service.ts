import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { AppError, NotFoundError } from '../common/errors.js';
import { InvoiceDocument } from './invoice-document.entity.js';
import { Invoice } from './invoice.entity.js';

/** Invoice PDFs are a few pages: this bounds memory and the table. */
export const MAX_INVOICE_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface InvoiceDocumentView {
  invoiceId: string;
  contentType: string;
  size: number;
  sha256: string;
  updatedAt: string;
}

/** What the invoice page says about the PDF (GET /invoices/:id): enough to offer the link, not the file. */
export interface InvoiceDocumentSummary {
  contentType: string;
  sizeBytes: number;
  /** When the file in force was stored (a PUT of the same file again changes nothing). */
  uploadedAt: string;
}

const view = (d: InvoiceDocument): InvoiceDocumentView => ({
  invoiceId: d.invoiceId, contentType: d.contentType, size: d.size, sha256: d.sha256, updatedAt: d.updatedAt.toISOString(),
});

/** The invoice PDFs the ERP supplies; a second PUT of the same file changes nothing, another file replaces it. */
@Injectable()
export class InvoiceDocumentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async store(invoiceId: string, content: Buffer): Promise<{ view: InvoiceDocumentView; created: boolean }> {
    if (!(await this.dataSource.manager.existsBy(Invoice, { id: invoiceId }))) throw new NotFoundError('Invoice', invoiceId);
    if (content.length === 0) throw new AppError('FILE_MISSING', 'The body is empty: send the invoice PDF', 400, { errors: [{ field: 'body', messages: ['is empty'] }] });
    if (content.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new AppError('DOCUMENT_NOT_PDF', 'The body is not a PDF file (it must start with %PDF-)', 400, { errors: [{ field: 'body', messages: ['must be a PDF'] }] });
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const before = await this.dataSource.manager.findOne(InvoiceDocument, { where: { invoiceId }, select: { invoiceId: true, sha256: true } });
    if (before?.sha256 !== sha256) {
      await this.dataSource.manager.upsert(InvoiceDocument, { invoiceId, contentType: 'application/pdf', size: content.length, sha256, content }, ['invoiceId']);
    }
    const saved = await this.dataSource.manager.findOneOrFail(InvoiceDocument, {
      where: { invoiceId }, select: { invoiceId: true, contentType: true, size: true, sha256: true, updatedAt: true },
    });
    return { view: view(saved), created: before === null };
  }

  async find(invoiceId: string): Promise<InvoiceDocument | null> {
    return this.dataSource.manager.findOneBy(InvoiceDocument, { invoiceId });
  }

  /** The invoice's PDF without its bytes, or null when the ERP has sent none. */
  async summary(invoiceId: string): Promise<InvoiceDocumentSummary | null> {
    const d = await this.dataSource.manager.findOne(InvoiceDocument, {
      where: { invoiceId }, select: { invoiceId: true, contentType: true, size: true, updatedAt: true },
    });
    return d ? { contentType: d.contentType, sizeBytes: d.size, uploadedAt: d.updatedAt.toISOString() } : null;
  }

  /** Which of these invoices have a PDF. */
  async withDocument(invoiceIds: readonly string[]): Promise<Set<string>> {
    if (invoiceIds.length === 0) return new Set();
    const rows = await this.dataSource.manager.find(InvoiceDocument, { where: { invoiceId: In([...invoiceIds]) }, select: { invoiceId: true } });
    return new Set(rows.map((r) => r.invoiceId));
  }
}
