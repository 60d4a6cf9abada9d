import { Controller, Get, Inject, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { RECEIVABLES_ROLES } from '../auth/need-to-know.js';
import { AppError, NotFoundError } from '../common/errors.js';
import { InvoiceDocumentResponse } from './invoice.openapi.js';
import { InvoiceParam } from './invoice-ref.js';
import { InvoiceDocumentsService, MAX_INVOICE_DOCUMENT_BYTES, type InvoiceDocumentView } from './invoice-documents.service.js';

async function readPdfBody(req: Request): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!/^(application\/pdf|application\/octet-stream)\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the invoice as application/pdf (the file as the body)', 415);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INVOICE_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Invoice documents are limited to ${MAX_INVOICE_DOCUMENT_BYTES} bytes`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The invoice's PDF from the ERP, offered to the customer in the portal. */
@Controller('api/v1/invoices')
export class InvoiceDocumentsController {
  constructor(@Inject(InvoiceDocumentsService) private readonly documents: InvoiceDocumentsService) {}

  /** Stores (or replaces) the invoice's PDF: 201 the first time, 200 afterwards (the same file again changes nothing). */
  @Put(':id/document')
  @Roles('erp')
  @ApiConsumes('application/pdf')
  @ApiBody({ description: 'The invoice PDF as the body', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, description: 'Stored', type: InvoiceDocumentResponse })
  @ApiResponse({ status: 200, description: 'Replaced, or the same file again', type: InvoiceDocumentResponse })
  @ApiResponse({ status: 415, description: 'UNSUPPORTED_MEDIA_TYPE', schema: { $ref: '#/components/schemas/Error' } })
  async put(@InvoiceParam() id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<InvoiceDocumentView> {
    const { view, created } = await this.documents.store(id, await readPdfBody(req));
    res.status(created ? 201 : 200);
    return view;
  }

  @Get(':id/document')
  @Roles(...RECEIVABLES_ROLES, 'erp')
  @ApiResponse({ status: 200, description: 'The invoice PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async get(@InvoiceParam() id: string, @Res() res: Response): Promise<void> {
    const doc = await this.documents.find(id);
    if (!doc) throw new NotFoundError('Document of invoice', id);
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Content-Disposition', `inline; filename="invoice-${id}.pdf"`);
    res.setHeader('ETag', `"${doc.sha256}"`);
    res.end(doc.content);
  }
}
