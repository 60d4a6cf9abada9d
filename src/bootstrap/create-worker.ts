import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { createCreditLimitActivities } from '../../activities/credit-limit.activities.js';
import { createCreditRiskActivities } from '../../activities/credit-risk.activities.js';
import { createDisputeActivities } from '../../activities/dispute.activities.js';
import { createPromiseActivities } from '../../activities/promise.activities.js';
import { createPaymentPlanActivities } from '../../activities/payment-plan.activities.js';
import { createCustomerMessageActivities } from '../../activities/customer-messages.activities.js';
import { createErpOutboxActivities } from '../../activities/erp-outbox.activities.js';
import { createDunningActivities } from '../../activities/dunning.activities.js';
import { createScenarioStepActivities } from '../../activities/scenario-step.activities.js';
import { createReportActivities } from '../../activities/report.activities.js';
import { createWriteOffActivities } from '../../activities/write-off.activities.js';
import { createImportActivities } from '../../activities/import.activities.js';
import { ImportLoader } from '../imports/import-loader.js';
import { WriteOffStore } from '../write-offs/write-off.store.js';
import { systemClock, type Clock } from '../clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { ensureCreditRescoringSchedule } from '../credit/credit-rescoring.schedule.js';
import { CustomerScoringService } from '../credit/customer-scoring.service.js';
import { CreditLimitRequestStore } from '../credit-limit-requests/credit-limit-request.store.js';
import { TemporalCustomerComms } from '../customer-messages/customer-comms.gateway.js';
import { DisputeStore } from '../disputes/dispute.store.js';
import { PromiseStore } from '../promises/promise.store.js';
import { DunningHold } from '../promises/dunning-hold.js';
import { PaymentPlanStore } from '../promises/payment-plan.store.js';
import { ensureKpiSnapshotsSchedule } from '../reports/kpi-snapshots.schedule.js';
import { ReportsService } from '../reports/reports.service.js';
import { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { ErpDeliveryStarter } from '../erp-outbox/erp-delivery.starter.js';
import { ErpOutboxService } from '../erp-outbox/erp-outbox.service.js';
import { DUNNING_ACTIVITY_PORTS, type WorkerActivityPorts } from '../dunning/dunning.module.js';
import { ActivityTimeClock } from '../temporal/activity-time.clock.js';
import { temporalConnectionOptions } from '../temporal/temporal-connection-options.js';
import { livenessHeartbeat } from '../temporal/liveness-heartbeat.interceptor.js';
import { activityFailureMetrics } from '../temporal/activity-metrics.interceptor.js';
import { LogContextClientInterceptor, logContextActivityInterceptor } from '../temporal/log-context.interceptors.js';
import { createRootLogger } from '../observability/logger.js';
import { LoggingModule } from '../observability/logging.module.js';
import { WorkerModule } from './app.modules.js';
import { projectRoot } from './project-root.js';
import { bulkWorkerOptions } from './bulk-worker.js';

/** The worker's cache, slots and pollers from the configuration (docs/scaling.md explains the defaults). */
export function workerSizing(config: AppConfig) {
  return {
    maxCachedWorkflows: config.RELANCE_WORKER_MAX_CACHED_WORKFLOWS,
    reuseV8Context: config.RELANCE_WORKER_REUSE_V8_CONTEXT === 'on',
    maxConcurrentWorkflowTaskExecutions: config.RELANCE_WORKER_WORKFLOW_TASK_SLOTS,
    maxConcurrentWorkflowTaskPolls: config.RELANCE_WORKER_WORKFLOW_POLLERS,
    maxConcurrentActivityTaskExecutions: config.RELANCE_WORKER_ACTIVITY_SLOTS,
    maxConcurrentLocalActivityExecutions: config.RELANCE_WORKER_LOCAL_ACTIVITY_SLOTS,
    maxConcurrentActivityTaskPolls: config.RELANCE_WORKER_ACTIVITY_POLLERS,
  } as const;
}

export interface RunningWorker {
  worker: Worker;
  /** Polls the bulk task queue (initial loads) with fewer slots. */
  bulkWorker: Worker;
  context: INestApplicationContext;
  /** Settles when the worker has stopped. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The prebuilt bundle (`npm run build`, or the test suite's global setup)
 * when there is one; otherwise the worker bundles the sources at start.
 */
function workflowSource(bundlePath?: string): { workflowBundle: { codePath: string } } | { workflowsPath: string; interceptorModules: string[] } {
  const root = projectRoot();
  const prebuilt = bundlePath ?? join(root, 'dist', 'workflow-bundle.js');
  if (existsSync(prebuilt)) return { workflowBundle: { codePath: prebuilt } };
  const compiled = join(root, 'dist', 'workflows', 'index.js');
  if (existsSync(compiled)) return { workflowsPath: compiled, interceptorModules: [join(root, 'dist', 'workflows', 'log-context.interceptors.js')] };
  return { workflowsPath: join(root, 'workflows', 'index.ts'), interceptorModules: [join(root, 'workflows', 'log-context.interceptors.ts')] };
}

/** Starts the Temporal worker with activities over the application's services. */
export async function startWorker(
  config: AppConfig,
  options: {
    workflowBundlePath?: string;
    logger?: false;
    /** Where the JSON log lines go (tests capture them); default stdout. */
    logDestination?: DestinationStream;
    connection?: NativeConnection;
    /** What activities read as "now": the machine's clock unless a test passes another (e.g. an ActivityTimeClock). */
    clock?: Clock;
  } = {},
): Promise<RunningWorker> {
  const clock = options.clock ?? systemClock;
  const rootLogger: PinoLogger | undefined = options.logger === false ? undefined : createRootLogger(config, options.logDestination);
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, clock, rootLogger && LoggingModule.forRoot(rootLogger)), {
    ...(rootLogger ? { bufferLogs: true } : { logger: false as const }),
  });
  if (rootLogger) context.useLogger(context.get(NestPinoLogger));
  const ports = context.get<WorkerActivityPorts>(DUNNING_ACTIVITY_PORTS);
  const connection =
    options.connection ??
    (await NativeConnection.connect(temporalConnectionOptions(config)));
  // Hand-offs to customers' communications workflows go to the server and namespace this worker serves.
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: { workflow: [new LogContextClientInterceptor()] } });
  const comms = new TemporalCustomerComms(
    client,
    config.TEMPORAL_TASK_QUEUE,
    config.RELANCE_MESSAGE_BATCH_SECONDS * 1000,
    config.RELANCE_MESSAGE_BATCH_QUIET_SECONDS * 1000,
  );
  // Promises and payment plans hold and release dunning through this worker's client.
  context.get(DunningHold).bindInvoiceWorkflows(new InvoiceWorkflowGateway(client, config));
  // The dunning and message activities heartbeat while they run: a killed worker's sends are retried within seconds.
  const dunning = {
    ...createDunningActivities(ports),
    ...createScenarioStepActivities({ ...ports, comms }),
    ...createCustomerMessageActivities(ports),
  };
  const imports = createImportActivities({ imports: context.get(ImportLoader) });
  const source = workflowSource(options.workflowBundlePath ?? config.RELANCE_WORKFLOW_BUNDLE);
  const workerOptions: WorkerOptions = {
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    interceptors: {
      activity: [
        // First: the activity's log context is set before any other interceptor or the activity runs.
        logContextActivityInterceptor(rootLogger?.child({ context: 'Activity' })),
        // Failed attempts by activity type, on the worker's metrics endpoint (docs/operations.md#metrics).
        activityFailureMetrics(),
        livenessHeartbeat(new Set([...Object.keys(dunning), ...Object.keys(imports)])),
        ...(clock instanceof ActivityTimeClock ? [clock.interceptor] : []),
      ],
      ...('interceptorModules' in source ? { workflowModules: source.interceptorModules } : {}),
    },
    activities: {
      ...dunning,
      ...createErpOutboxActivities({ erpOutbox: context.get(ErpOutboxService), erpDeliveries: new ErpDeliveryStarter(client, config) }),
      ...createCreditLimitActivities({ creditLimits: context.get(CreditLimitRequestStore) }),
      ...createCreditRiskActivities({ creditRescoring: context.get(CustomerScoringService) }),
      ...createDisputeActivities({ disputes: context.get(DisputeStore).bindInvoiceWorkflows(new InvoiceWorkflowGateway(client, config)) }),
      ...createReportActivities({ kpiSnapshots: context.get(ReportsService) }),
      ...createWriteOffActivities({ writeOffs: context.get(WriteOffStore).bindInvoiceWorkflows(new InvoiceWorkflowGateway(client, config)) }),
      ...createPromiseActivities({ promises: context.get(PromiseStore) }),
      ...createPaymentPlanActivities({ ...ports, paymentPlans: context.get(PaymentPlanStore) }),
      ...imports,
    },
    ...('workflowBundle' in source ? { workflowBundle: source.workflowBundle } : { workflowsPath: source.workflowsPath }),
    ...workerSizing(config),
  };
  const worker = await Worker.create(workerOptions);
  const bulkWorker = await Worker.create(bulkWorkerOptions(workerOptions, config));
  await ensureCreditRescoringSchedule(client, config.TEMPORAL_TASK_QUEUE);
  await ensureKpiSnapshotsSchedule(client, config.TEMPORAL_TASK_QUEUE);
  const runs = [worker.run(), bulkWorker.run()];
  const done = Promise.all(runs).then(() => undefined);
  let stopping: Promise<void> | undefined;
  return {
    worker,
    bulkWorker,
    context,
    done,
    shutdown() {
      stopping ??= (async () => {
        for (const w of [worker, bulkWorker]) if (w.getState() === 'RUNNING') w.shutdown();
        // Both workers must have stopped (not just the first to fail) before the database closes:
        // an activity still running on the other would find its pool destroyed.
        await Promise.allSettled(runs);
        if (!options.connection) await connection.close();
        await context.close();
      })();
      return stopping;
    },
  };
}
