import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ErpDeliveryOutcome, ErpEvent, ErpOutboxPort } from '../../activities/erp-outbox-port.js';
import { AppConfig } from '../config/app-config.js';
import { AppError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { ErpOutboxEvent, type ErpOutboxStatus } from './erp-outbox-event.entity.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

/** The ERP did not acknowledge (network error or non-2xx): the activity retries. */
export class ErpWebhookError extends AppError {
  constructor(message: string, readonly status?: number) {
    super('ERP_WEBHOOK_FAILED', message, 502);
  }
}

export interface ErpEventView {
  id: string;
  type: string;
  idempotencyKey: string;
  status: ErpOutboxStatus;
  attempts: number;
  lastError: string | null;
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
  ) {}

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
    let failure: ErpWebhookError | null = null;
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
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) failure = new ErpWebhookError(`ERP webhook answered ${response.status}`, response.status);
    } catch (err) {
      failure = new ErpWebhookError(`ERP webhook unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.dataSource.manager.increment(ErpOutboxEvent, { id: event.id }, 'attempts', 1);
    if (failure) {
      await this.dataSource.manager.update(ErpOutboxEvent, { id: event.id }, { lastError: failure.message, lastAttemptAt: new Date() });
      this.logger.warn(`${event.type} ${event.id}: ${failure.message}; will retry`);
      throw failure;
    }
    await this.markDelivered(event.id);
    return 'delivered';
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

  private async markDelivered(id: string): Promise<void> {
    await this.dataSource.manager.update(ErpOutboxEvent, { id }, { status: 'delivered', deliveredAt: new Date(), lastError: null, lastAttemptAt: new Date() });
  }
}

function toView(e: ErpOutboxEvent): ErpEventView {
  return {
    id: e.id, type: e.type, idempotencyKey: e.idempotencyKey, status: e.status, attempts: e.attempts, lastError: e.lastError,
    createdAt: e.createdAt.toISOString(), deliveredAt: e.deliveredAt?.toISOString() ?? null, data: e.data,
  };
}
