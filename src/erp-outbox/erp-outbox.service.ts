import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ErpDeliveryOutcome, ErpEvent, ErpOutboxPort } from '../../activities/erp-outbox-port.js';
import { AppConfig } from '../config/app-config.js';
import { AppError, ConflictError, NotFoundError } from '../common/errors.js';
import { InternalMailService } from '../messages/internal-mail.service.js';
import { UsersService } from '../users/users.service.js';
import { ERP_WEBHOOK_REJECTED } from '../../workflows/erp-outbox.definitions.js';
import { isUuid } from '../common/uuid.js';
import { ErpOutboxEvent, type ErpOutboxStatus } from './erp-outbox-event.entity.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

/** The ERP did not acknowledge (network error, 408, 429, 5xx): the activity retries. */
export class ErpWebhookError extends AppError {
  constructor(message: string, readonly status?: number) {
    super('ERP_WEBHOOK_FAILED', message, 502);
  }
}

/** The ERP refused the event (a 4xx other than 408/429): no retry can change that; the event is `failed`. */
export class ErpWebhookRejectedError extends AppError {
  constructor(message: string, readonly status: number) {
    super(ERP_WEBHOOK_REJECTED, message, 502);
  }
}

/** Answers a retry cannot change: the ERP understood the request and refused it. */
export function isPermanentRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Longest part of the ERP's answer body kept on the event. */
export const RESPONSE_BODY_LIMIT = 2000;

export interface ErpEventView {
  id: string;
  type: string;
  idempotencyKey: string;
  status: ErpOutboxStatus;
  attempts: number;
  lastError: string | null;
  /** The ERP's last HTTP status and (truncated) answer body. */
  lastResponse: { status: number; body: string | null } | null;
  failedAt: string | null;
  operatorRetries: number;
  createdAt: string;
  deliveredAt: string | null;
  data: Record<string, unknown>;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

/** Webhook body: what the ERP receives (and pulls from GET /api/v1/erp-events). */
export function webhookBody(event: ErpOutboxEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, occurredAt: event.createdAt.toISOString(), data: event.data });
}

/**
 * Outbox for the ERP: `enqueue` inside the caller's transaction, `deliver`
 * from an activity. Delivery is at-least-once; the ERP deduplicates on the
 * event id (`Relance-Event-Id`), which never changes between attempts.
 */
@Injectable()
export class ErpOutboxService implements ErpOutboxPort {
  private readonly logger = new Logger('ErpOutbox');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(InternalMailService) private readonly mail: InternalMailService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  /**
   * Events not delivered yet, by status, and the oldest pending one's creation (metrics). Reads the
   * (status, created_at) index only: the cost follows the backlog, not the delivered history.
   */
  async backlog(): Promise<{ counts: Record<Exclude<ErpOutboxStatus, 'delivered'>, number>; oldestPendingAt: Date | null }> {
    const rows = await this.dataSource.query<{ status: ErpOutboxStatus; count: string; oldest: Date | null }[]>(
      `SELECT status, count(*) AS count, min(created_at) AS oldest FROM erp_outbox_events
        WHERE status IN ('pending', 'held', 'failed') GROUP BY status`,
    );
    const counts = { pending: 0, held: 0, failed: 0 };
    let oldestPendingAt: Date | null = null;
    for (const row of rows) {
      if (row.status === 'delivered') continue;
      counts[row.status] = Number(row.count);
      if (row.status === 'pending') oldestPendingAt = row.oldest;
    }
    return { counts, oldestPendingAt };
  }

  async enqueue(manager: EntityManager, event: ErpEvent): Promise<string> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ErpOutboxEvent)
      .values({ idempotencyKey: event.idempotencyKey, type: event.type, data: event.data as never, status: 'pending' })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const row = await manager.findOneByOrFail(ErpOutboxEvent, { idempotencyKey: event.idempotencyKey });
    return row.id;
  }

  /** The id of the event enqueued under `idempotencyKey` (null: none), read within the caller's transaction. */
  async idFor(manager: EntityManager, idempotencyKey: string): Promise<string | null> {
    const row = await manager.findOne(ErpOutboxEvent, { select: { id: true }, where: { idempotencyKey } });
    return row?.id ?? null;
  }

  async deliver(outboxId: string): Promise<ErpDeliveryOutcome> {
    const event = await this.dataSource.manager.findOneBy(ErpOutboxEvent, { id: outboxId });
    if (!event) throw new NotFoundError('ERP event', outboxId);
    if (event.status === 'delivered') return 'delivered';
    const url = this.config.RELANCE_ERP_WEBHOOK_URL;
    if (!url) {
      await this.dataSource.manager.update(ErpOutboxEvent, { id: event.id, status: 'pending' }, { status: 'held' });
      return 'held';
    }
    const body = webhookBody(event);
    let failure: ErpWebhookError | ErpWebhookRejectedError | null = null;
    let answer: { status: number; body: string } | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(this.config.RELANCE_ERP_WEBHOOK_SECRET!, body, Math.floor(Date.now() / 1000)),
          'Relance-Event-Id': event.id,
          'Relance-Event-Type': event.type,
        },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      answer = { status: response.status, body: truncate(await response.text().catch(() => '')) };
      if (isPermanentRefusal(response.status)) {
        failure = new ErpWebhookRejectedError(`ERP webhook refused the event: ${response.status}`, response.status);
      } else if (!response.ok) {
        failure = new ErpWebhookError(`ERP webhook answered ${response.status}`, response.status);
      }
    } catch (err) {
      failure = new ErpWebhookError(`ERP webhook unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.dataSource.manager.increment(ErpOutboxEvent, { id: event.id }, 'attempts', 1);
    const response = { lastResponseStatus: answer?.status ?? null, lastResponseBody: answer?.body ?? null };
    if (failure instanceof ErpWebhookRejectedError) {
      await this.dataSource.manager.update(
        ErpOutboxEvent, { id: event.id }, { status: 'failed', failedAt: new Date(), lastError: failure.message, lastAttemptAt: new Date(), ...response },
      );
      this.logger.error(`${event.type} ${event.id}: ${failure.message}; marked failed, waiting for an operator's retry`);
      await this.alertAdmins({ ...event, lastError: failure.message, ...response });
      throw failure;
    }
    if (failure) {
      await this.dataSource.manager.update(ErpOutboxEvent, { id: event.id }, { lastError: failure.message, lastAttemptAt: new Date(), ...response });
      this.logger.warn(`${event.type} ${event.id}: ${failure.message}; will retry`);
      throw failure;
    }
    await this.markDelivered(event.id, response);
    return 'delivered';
  }

  /**
   * Admins learn that an event needs them: one internal mail each per
   * failure (idempotency key per event and operator retry), so a retried
   * activity never mails twice.
   */
  private async alertAdmins(event: ErpOutboxEvent): Promise<void> {
    const customerId = customerOf(event);
    const admins = await this.users.usersWithRole('admin');
    if (!customerId || admins.length === 0) {
      this.logger.error(`${event.type} ${event.id}: failed, and no admin alert could be sent (${customerId ? 'no active admin' : 'event names no customer'})`);
      return;
    }
    const answer = event.lastResponseStatus === null ? 'no answer' : `HTTP ${event.lastResponseStatus}`;
    for (const admin of admins) {
      await this.mail.send({
        idempotencyKey: `erp-event:${event.id}:failed:${event.operatorRetries}:${admin.id}`,
        customerId,
        topic: 'erp_event.failed',
        to: admin.email,
        subject: `ERP refused event ${event.type}`,
        body: [
          `The ERP refused event ${event.id} (${event.type}) with ${answer}; it will not be sent again on its own.`,
          event.lastResponseBody ? `Its answer: ${event.lastResponseBody}` : null,
          `Once the cause is fixed, retry it: POST /api/v1/erp-events/${event.id}/retry (failed events: GET /api/v1/erp-events?status=failed).`,
        ].filter(Boolean).join('\n\n'),
      });
    }
  }

  /**
   * An operator sends a failed event again: back to `pending` (a pending one
   * stays pending, e.g. its delivery was never started), counted, then
   * delivered by a new delivery workflow. Delivered and held events are final.
   */
  async markForRetry(id: string): Promise<ErpEventView> {
    const event = isUuid(id) ? await this.dataSource.manager.findOneBy(ErpOutboxEvent, { id }) : null;
    if (!event) throw new NotFoundError('ERP event', id);
    const updated = await this.dataSource.manager
      .createQueryBuilder()
      .update(ErpOutboxEvent)
      .set({ status: 'pending', operatorRetries: () => 'operator_retries + 1' })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: ['failed', 'pending'] })
      .execute();
    if (!updated.affected) {
      throw new ConflictError('ERP_EVENT_NOT_RETRYABLE', `ERP event ${id} is ${event.status}: only failed or pending events are retried`);
    }
    return this.get(id);
  }

  /** An ERP that pulls events acknowledges them here; acknowledging twice is harmless. */
  async acknowledge(id: string): Promise<ErpEventView> {
    const event = isUuid(id) ? await this.dataSource.manager.findOneBy(ErpOutboxEvent, { id }) : null;
    if (!event) throw new NotFoundError('ERP event', id);
    if (event.status !== 'delivered') await this.markDelivered(event.id);
    return this.get(id);
  }

  async get(id: string): Promise<ErpEventView> {
    const event = isUuid(id) ? await this.dataSource.manager.findOneBy(ErpOutboxEvent, { id }) : null;
    if (!event) throw new NotFoundError('ERP event', id);
    return toView(event);
  }

  /** Oldest first, so a pulling ERP processes events in order. */
  async list(filter: { status?: ErpOutboxStatus; type?: string; limit: number }): Promise<ErpEventView[]> {
    const rows = await this.dataSource.manager.find(ErpOutboxEvent, {
      where: { ...(filter.status && { status: filter.status }), ...(filter.type && { type: filter.type }) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: filter.limit,
    });
    return rows.map(toView);
  }

  private async markDelivered(id: string, response: Partial<Pick<ErpOutboxEvent, 'lastResponseStatus' | 'lastResponseBody'>> = {}): Promise<void> {
    await this.dataSource.manager.update(
      ErpOutboxEvent, { id }, { status: 'delivered', deliveredAt: new Date(), lastError: null, lastAttemptAt: new Date(), failedAt: null, ...response },
    );
  }
}

function truncate(text: string): string {
  return text.length > RESPONSE_BODY_LIMIT ? `${text.slice(0, RESPONSE_BODY_LIMIT)}…` : text;
}

/** Every ERP event names its customer (`data.customer.id`): the internal mail concerns it. */
function customerOf(event: ErpOutboxEvent): string | null {
  const customer = (event.data as { customer?: { id?: unknown } }).customer;
  return typeof customer?.id === 'string' ? customer.id : null;
}

function toView(e: ErpOutboxEvent): ErpEventView {
  return {
    id: e.id, type: e.type, idempotencyKey: e.idempotencyKey, status: e.status, attempts: e.attempts, lastError: e.lastError,
    lastResponse: e.lastResponseStatus === null ? null : { status: e.lastResponseStatus, body: e.lastResponseBody },
    failedAt: e.failedAt?.toISOString() ?? null, operatorRetries: e.operatorRetries,
    createdAt: e.createdAt.toISOString(), deliveredAt: e.deliveredAt?.toISOString() ?? null, data: e.data,
  };
}
