import { Module, type DynamicModule } from '@nestjs/common';
import { CreditModule } from '../credit/credit.module.js';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { ErpOutboxModule } from '../erp-outbox/erp-outbox.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { BusinessMetrics } from './business-metrics.js';
import { MetricsAccessGuard, MetricsController, METRICS_API_KEYS } from './metrics.controller.js';
import { collectProcessMetrics } from './registry.js';

/**
 * The API's `/metrics`: HTTP latency (httpMetricsMiddleware, mounted by createApiApp), intake counters,
 * business gauges read from their owners, Node's process metrics, and whatever else is registered on
 * prom-client's default registry. The worker's Temporal metrics have their own port (temporal-runtime.ts).
 */
@Module({})
export class MetricsModule {
  static forRoot(apiKeys: readonly string[]): DynamicModule {
    collectProcessMetrics();
    return {
      module: MetricsModule,
      imports: [ErpOutboxModule, DisputeFiguresModule, MessagesModule, CreditModule],
      controllers: [MetricsController],
      providers: [{ provide: METRICS_API_KEYS, useValue: apiKeys }, MetricsAccessGuard, BusinessMetrics],
    };
  }
}
