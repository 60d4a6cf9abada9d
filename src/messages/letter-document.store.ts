import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LetterDocumentPort } from '../../activities/ports.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { LetterDocument } from './letter-document.entity.js';
import { renderLetterPdf } from './letter-pdf.js';
import { OutboundMessage } from './outbound-message.entity.js';

/** Renders and keeps the PDF of each letter message; storing twice keeps the first. */
@Injectable()
export class LetterDocumentStore implements LetterDocumentPort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  async storeLetter(messageId: string): Promise<{ documentId: string }> {
    const m = this.dataSource.manager;
    const existing = await m.findOne(LetterDocument, { where: { messageId }, select: { id: true } });
    if (existing) return { documentId: existing.id };
    const message = await m.findOneByOrFail(OutboundMessage, { id: messageId });
    const contact = (await this.customers.find(message.customerId))?.contact;
    const content = await renderLetterPdf({
      recipient: message.recipient, subject: message.subject, body: message.body, date: message.createdAt, language: contact?.language ?? 'fr',
    });
    await m
      .createQueryBuilder()
      .insert()
      .into(LetterDocument)
      .values({ messageId, contentType: 'application/pdf', content, sha256: createHash('sha256').update(content).digest('hex') })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const stored = await m.findOneOrFail(LetterDocument, { where: { messageId }, select: { id: true } });
    return { documentId: stored.id };
  }

  async find(messageId: string): Promise<LetterDocument | null> {
    return this.dataSource.manager.findOneBy(LetterDocument, { messageId });
  }
}
