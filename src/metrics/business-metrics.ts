import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Clock } from '../clock/clock.js';
import { ExposureAlertsService } from '../credit/exposure-alerts.service.js';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { ErpOutboxService } from '../erp-outbox/erp-outbox.service.js';
import { MessagesService } from '../messages/messages.service.js';
import { counter, registerReplacing } from './registry.js';

const collectFailures = counter({
  name: 'relance_metrics_collect_failures_total',
  help: 'Scrapes during which a business gauge could not be read (its samples are then absent), by gauge',
  labelNames: ['gauge'] as const,
});

type Collect = (gauge: Gauge) => Promise<void>;

/**
 * Business gauges read at scrape time from their owners' tables through the owners' readers (each a
 * small indexed query whose cost follows the backlog, not the history), with "now" from the injected Clock.
 * A gauge whose read fails has no samples in that scrape (so `absent()` alerts see it) and counts a failure;
 * the scrape itself still answers.
 */
@Injectable()
export class BusinessMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(BusinessMetrics.name);
  private readonly unregister: (() => void)[] = [];

  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ErpOutboxService) private readonly outbox: ErpOutboxService,
    @Inject(DisputeFiguresService) private readonly disputes: DisputeFiguresService,
    @Inject(MessagesService) private readonly messages: MessagesService,
    @Inject(ExposureAlertsService) private readonly exposure: ExposureAlertsService,
  ) {}

  onModuleInit(): void {
    this.gauge('relance_erp_outbox_events', 'ERP outbox events not delivered, by status (pending: being delivered or retried; held: waiting for the ERP to pull; failed: refused, waiting for an operator)', ['status'], async (g) => {
      const { counts } = await this.outbox.backlog();
      for (const [status, count] of Object.entries(counts)) g.set({ status }, count);
    });
    this.gauge('relance_erp_outbox_oldest_pending_age_seconds', 'Age of the oldest pending ERP outbox event (0 when none is pending)', [], async (g) => {
      const { oldestPendingAt } = await this.outbox.backlog();
      g.set(oldestPendingAt ? Math.max(0, (this.clock.nowMs() - oldestPendingAt.getTime()) / 1000) : 0);
    });
    this.gauge('relance_disputes_open', 'Disputes waiting for a decision or an answer (open, in review, information requested)', [], async (g) => {
      g.set((await this.disputes.openAndPastSla(this.clock.now())).open);
    });
    this.gauge('relance_disputes_past_sla', 'Open disputes past their resolution SLA (opening + the routing rule\'s resolution hours)', [], async (g) => {
      g.set((await this.disputes.openAndPastSla(this.clock.now())).pastSla);
    });
    this.gauge('relance_messages', 'Outbound messages by channel and status (pending, sent, recorded, to_post, failed)', ['channel', 'status'], async (g) => {
      for (const { channel, status, count } of await this.messages.countsByChannelAndStatus()) g.set({ channel, status }, count);
    });
    this.gauge('relance_credit_alerts_open', 'Customers whose exposure alert is in force, by level (warning, over_limit)', ['level'], async (g) => {
      for (const [level, count] of Object.entries(await this.exposure.openAlertCounts())) g.set({ level }, count);
    });
  }

  onModuleDestroy(): void {
    for (const unregister of this.unregister.splice(0)) unregister();
  }

  private gauge(name: string, help: string, labelNames: string[], read: Collect): void {
    const logger = this.logger;
    const gauge: Gauge = new Gauge({
      name, help, labelNames, registers: [],
      async collect() {
        gauge.reset();
        try {
          await read(gauge);
        } catch (err) {
          gauge.reset();
          collectFailures.inc({ gauge: name });
          logger.warn(`metric ${name} could not be read: ${(err as Error).message}`);
        }
      },
    });
    this.unregister.push(registerReplacing(gauge, name));
  }
}
