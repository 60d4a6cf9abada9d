import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../config/app-config.js';
import { temporalConnectionOptions } from './temporal-connection-options.js';
import { LogContextClientInterceptor } from './log-context.interceptors.js';
import { TemporalHealthProbe } from './temporal-health.probe.js';
import { TaskQueueBacklog } from './task-queue-backlog.js';
import { BackpressureHint } from './backpressure-hint.js';

/**
 * The Temporal client as a Nest provider (no Nest–Temporal package supports
 * Nest 12). The connection is lazy so the API boots while Temporal is down
 * and /health reports it.
 */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new Client({
          connection: Connection.lazy(temporalConnectionOptions(config)),
          namespace: config.TEMPORAL_NAMESPACE,
          // Starts and signals made while serving a request carry its id into the workflow (logs).
          interceptors: { workflow: [new LogContextClientInterceptor()] },
        }),
    },
    TemporalHealthProbe,
    TaskQueueBacklog,
    BackpressureHint,
  ],
  exports: [Client, TemporalHealthProbe, TaskQueueBacklog, BackpressureHint],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
