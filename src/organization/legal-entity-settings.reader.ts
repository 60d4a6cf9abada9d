import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { BusinessCalendarOptions, SendingWindow } from '../../workflows/domain/business-calendar.js';
import type { PenaltyPolicy } from '../../activities/late-payment-penalties.js';
import { LegalEntity } from './legal-entity.entity.js';

/** A legal entity's settings as the dunning activities, previews and forecasts apply them. */
export interface LegalEntitySettings {
  id: string;
  code: string;
  country: string;
  timeZone: string;
  businessCalendar: BusinessCalendarOptions;
  sendingWindow: SendingWindow;
  penaltyPolicy: PenaltyPolicy;
}

/**
 * Legal entities' settings read from the database on every call (never cached: another process,
 * such as the API, may have just changed them). Pass a transaction's manager (`db`) to read inside it.
 */
@Injectable()
export class LegalEntitySettingsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byId(id: string, db: EntityManager = this.dataSource.manager): Promise<LegalEntitySettings | null> {
    const e = await db.findOneBy(LegalEntity, { id });
    return e && {
      id: e.id, code: e.code, country: e.country, timeZone: e.timeZone,
      businessCalendar: e.businessCalendar, sendingWindow: e.sendingWindow, penaltyPolicy: e.penaltyPolicy,
    };
  }
}
