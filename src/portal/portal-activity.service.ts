import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { PortalEvent, type PortalEventType } from './portal-event.entity.js';

export interface PortalEventRecord {
  customerId: string;
  contactId: string | null;
  actor: string;
  type: PortalEventType;
  invoiceIds: string[];
  data: Record<string, unknown>;
}

export interface PortalEventView {
  id: string;
  at: Date;
  actor: string;
  type: PortalEventType;
  invoiceIds: string[];
  data: Record<string, unknown>;
}

/** What customers did in the portal: written by the portal, read by the customer account's timeline. */
@Injectable()
export class PortalActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async record(event: PortalEventRecord): Promise<void> {
    await this.dataSource.manager.save(PortalEvent, { ...event, actor: event.actor.slice(0, 400), at: this.clock.now() });
  }

  async ofCustomer(customerId: string): Promise<PortalEventView[]> {
    const rows = await this.dataSource.manager.find(PortalEvent, { where: { customerId }, order: { at: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, type: r.type, invoiceIds: r.invoiceIds, data: r.data }));
  }
}
