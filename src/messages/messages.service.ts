import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { OutboundMessage } from './outbound-message.entity.js';

export interface MessageView {
  id: string;
  invoiceId: string | null;
  step: string | null;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  providerMessageId: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

@Injectable()
export class MessagesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: { invoiceId?: string; limit: number }): Promise<MessageView[]> {
    if (filter.invoiceId && !(await this.dataSource.manager.existsBy(Invoice, { id: filter.invoiceId }))) {
      throw new NotFoundError('Invoice', filter.invoiceId);
    }
    const rows = await this.dataSource.manager.find(OutboundMessage, {
      where: filter.invoiceId ? { invoiceId: filter.invoiceId } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
    });
    return rows.map((m) => ({
      id: m.id, invoiceId: m.invoiceId, step: m.step, channel: m.channel, recipient: m.recipient,
      subject: m.subject, body: m.body, status: m.status, providerMessageId: m.providerMessageId, error: m.error,
      createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
    }));
  }
}
