import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type FindOptionsWhere } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { InvoiceDirectory } from '../invoices/invoice-directory.js';
import { DeliveryEventsStore, type InboundReplyView } from './delivery-events.store.js';
import { LetterDocument } from './letter-document.entity.js';
import { OutboundMessage, type MessageAudience } from './outbound-message.entity.js';

export interface MessageView {
  id: string;
  /** null for a message listing several invoices of a customer (see invoiceIds). */
  invoiceId: string | null;
  /** Every invoice the message is about. */
  invoiceIds: string[];
  step: string | null;
  /** `customer` (dunning) or `internal` (mail to staff). */
  audience: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  /** The latest provider event (delivered, opened, bounced, undelivered…); null before any. */
  deliveryStatus: string | null;
  providerMessageId: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Letters: where to download the PDF to print and post. */
  documentUrl: string | null;
}

@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceDirectory) private readonly invoices: InvoiceDirectory,
    @Inject(DeliveryEventsStore) private readonly deliveryEvents: DeliveryEventsStore,
  ) {}

  /** Messages by channel and status (metrics): an index-only scan of (channel, status), no row is read. */
  async countsByChannelAndStatus(): Promise<{ channel: string; status: string; count: number }[]> {
    const rows = await this.dataSource.query<{ channel: string; status: string; count: string }[]>(
      'SELECT channel, status, count(*) AS count FROM outbound_messages GROUP BY channel, status',
    );
    return rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.count) }));
  }

  /**
   * `internalVisibleTo`: staff mail carries decision links bound to its
   * recipient, so a non-admin reader sees only the internal mail sent to them.
   * `customerVisible: false`: no customer mail at all (staff outside receivables).
   */
  async list(filter: {
    invoiceId?: string;
    audience?: MessageAudience;
    recipient?: string;
    internalVisibleTo?: string | null;
    customerVisible?: boolean;
    limit: number;
  }): Promise<MessageView[]> {
    if (filter.invoiceId && !(await this.invoices.exists(filter.invoiceId))) {
      throw new NotFoundError('Invoice', filter.invoiceId);
    }
    // An invoice's messages include those listing it with the customer's other invoices.
    const listing = filter.invoiceId
      ? (await this.dataSource.query('SELECT DISTINCT message_id FROM outbound_message_items WHERE invoice_id = $1', [filter.invoiceId]) as { message_id: string }[])
          .map((r) => r.message_id)
      : [];
    const base: FindOptionsWhere<OutboundMessage>[] = filter.invoiceId
      ? [{ invoiceId: filter.invoiceId }, ...(listing.length > 0 ? [{ id: In(listing) }] : [])]
      : [{}];
    const narrowed = base.map((w) => ({
      ...w,
      ...(filter.audience && { audience: filter.audience }),
      ...(filter.recipient && { recipient: filter.recipient }),
    }));
    const where = filter.internalVisibleTo === undefined
      ? narrowed
      : narrowed.flatMap((w) => [
          ...(filter.customerVisible === false ? [] : [{ ...w, audience: 'customer' as const }]),
          ...(filter.internalVisibleTo && (!w.audience || w.audience === 'internal')
            ? [{ ...w, audience: 'internal' as const, recipient: filter.internalVisibleTo }]
            : []),
        ]).filter((w) => !filter.audience || w.audience === filter.audience);
    // No alternative left means nothing is visible (an empty `where` would match every row).
    if (where.length === 0) return [];
    const rows = await this.dataSource.manager.find(OutboundMessage, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
    });
    return this.views(rows);
  }

  /** Customer mail about these invoices (alone or listed with others), oldest first: the customer account's timeline. */
  async aboutInvoices(invoiceIds: readonly string[]): Promise<MessageView[]> {
    if (invoiceIds.length === 0) return [];
    const listing = (await this.dataSource.query(
      'SELECT DISTINCT message_id FROM outbound_message_items WHERE invoice_id = ANY($1::uuid[])', [invoiceIds],
    ) as { message_id: string }[]).map((r) => r.message_id);
    const rows = await this.dataSource.manager.find(OutboundMessage, {
      where: [
        { audience: 'customer', invoiceId: In([...invoiceIds]) },
        ...(listing.length > 0 ? [{ audience: 'customer' as const, id: In(listing) }] : []),
      ],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return this.views(rows);
  }

  private async views(rows: OutboundMessage[]): Promise<MessageView[]> {
    const ids = rows.map((m) => m.id);
    const listed = new Map<string, string[]>();
    if (ids.length > 0) {
      const items: { message_id: string; invoice_id: string }[] = await this.dataSource.query(
        'SELECT DISTINCT message_id, invoice_id FROM outbound_message_items WHERE message_id = ANY($1::uuid[]) ORDER BY invoice_id', [ids],
      );
      for (const i of items) listed.set(i.message_id, [...(listed.get(i.message_id) ?? []), i.invoice_id]);
    }
    const letters = rows.filter((m) => m.channel === 'letter').map((m) => m.id);
    const documents = new Set(
      letters.length === 0
        ? []
        : (await this.dataSource.manager.find(LetterDocument, { where: { messageId: In(letters) }, select: { messageId: true } })).map((d) => d.messageId),
    );
    return rows.map((m) => ({
      id: m.id, invoiceId: m.invoiceId, invoiceIds: listed.get(m.id) ?? (m.invoiceId ? [m.invoiceId] : []), step: m.step, audience: m.audience, channel: m.channel, recipient: m.recipient,
      subject: m.subject, body: m.body, status: m.status, deliveryStatus: m.deliveryStatus, providerMessageId: m.providerMessageId, error: m.error,
      createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
      documentUrl: documents.has(m.id) ? `/api/v1/messages/${m.id}/document` : null,
    }));
  }

  /** The customer's email replies to our messages, oldest first (the customer account's timeline). */
  repliesOf(customerId: string): Promise<InboundReplyView[]> {
    return this.deliveryEvents.repliesOf(customerId);
  }

  /** A message's delivery: its provider events oldest first, and the customer's replies to it. */
  async delivery(messageId: string) {
    const found = isUuid(messageId)
      ? await this.dataSource.manager.findOne(OutboundMessage, { where: { id: messageId }, select: { id: true, status: true, deliveryStatus: true, providerMessageId: true, channel: true, recipient: true } })
      : null;
    if (!found) throw new NotFoundError('Message', messageId);
    const [events, replies] = await Promise.all([this.deliveryEvents.history(messageId), this.deliveryEvents.repliesTo(messageId)]);
    return {
      messageId: found.id, channel: found.channel, recipient: found.recipient, status: found.status,
      deliveryStatus: found.deliveryStatus, providerMessageId: found.providerMessageId, events, replies,
    };
  }

  async document(messageId: string): Promise<LetterDocument> {
    const found = isUuid(messageId) ? await this.dataSource.manager.findOneBy(LetterDocument, { messageId }) : null;
    if (!found) throw new NotFoundError('Document of message', messageId);
    return found;
  }
}
