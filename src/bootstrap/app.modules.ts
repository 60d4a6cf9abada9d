import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import type { Clock } from '../clock/clock.js';
import { ClockModule } from '../clock/clock.module.js';
import { CashModule } from '../cash/cash.module.js';
import { AppConfig, databaseUrl } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { CreditApiModule } from '../credit/credit-api.module.js';
import { CreditModule } from '../credit/credit.module.js';
import { CreditLimitRequestsModule, CreditLimitRequestsWorkerModule } from '../credit-limit-requests/credit-limit-requests.module.js';
import { DeliveryTrackingModule } from '../delivery-tracking/delivery-tracking.module.js';
import { CustomerAccountModule } from '../customer-account/customer-account.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { DisputesModule, DisputesWorkerModule } from '../disputes/disputes.module.js';
import { DunningModule } from '../dunning/dunning.module.js';
import { DunningPausesModule } from '../dunning-pauses/dunning-pauses.module.js';
import { ErpEventsApiModule, ErpOutboxModule } from '../erp-outbox/erp-outbox.module.js';
import { HealthModule } from '../health/health.module.js';
import { ImportsModule, ImportsWorkerModule } from '../imports/imports.module.js';
import { HttpHygieneModule } from '../http/http-hygiene.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { PromisesModule, PromisesWorkerModule } from '../promises/promises.module.js';
import { ReportsModule, ReportsWorkerModule } from '../reports/reports.module.js';
import { PredictionApiModule } from '../prediction/prediction.module.js';
import { ScenarioResultsModule } from '../scenario-results/scenario-results.module.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { SimulationModule } from '../simulation/simulation.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { NotesApiModule } from '../notes/notes.module.js';
import { PortfoliosApiModule } from '../portfolios/portfolios.module.js';
import { PortalModule } from '../portal/portal.module.js';
import { WorkspaceModule } from '../workspace/workspace.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { CreditNotesModule } from '../credit-notes/credit-notes.module.js';
import { WriteOffsModule, WriteOffsWorkerModule } from '../write-offs/write-offs.module.js';

/** The HTTP API process. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, apiKeys: readonly string[], clock?: Clock, logging?: DynamicModule): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ...(logging ? [logging] : []),
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        DatabaseModule.forRoot(databaseUrl(config), config),
        TemporalClientModule,
        AuthModule.forRoot(apiKeys),
        HttpHygieneModule,
        InvoicesModule,
        PaymentsModule,
        MessagesModule,
        DunningPausesModule,
        TasksModule,
        ScenariosModule,
        ScenarioResultsModule,
        SimulationModule,
        ErpEventsApiModule,
        CreditLimitRequestsModule,
        CreditApiModule,
        PredictionApiModule,
        DisputesModule,
        CashModule,
        ReportsModule,
        CustomerAccountModule,
        CreditNotesModule,
        WriteOffsModule,
        PortfoliosApiModule,
        NotesApiModule,
        WorkspaceModule,
        DeliveryTrackingModule,
        PromisesModule,
        PortalModule,
        ImportsModule,
        HealthModule,
        MetricsModule.forRoot(apiKeys),
      ],
    };
  }
}

/** The worker process: no HTTP, just what the activities need. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, clock?: Clock, logging?: DynamicModule): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...(logging ? [logging] : []),
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        DatabaseModule.forRoot(databaseUrl(config), config),
        TemporalClientModule,
        DunningModule,
        ErpOutboxModule,
        CreditLimitRequestsWorkerModule,
        CreditModule,
        DisputesWorkerModule,
        ReportsWorkerModule,
        WriteOffsWorkerModule,
        PromisesWorkerModule,
        ImportsWorkerModule,
      ],
    };
  }
}
