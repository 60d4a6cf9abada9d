import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../config/app-config.js';
import { TEMPORAL_DEFAULT_ADDRESS } from './temporal-address.js';
import { LogContextClientInterceptor } from './log-context.interceptors.js';
import { TemporalHealthProbe } from './temporal-health.probe.js';

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
          connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS ?? TEMPORAL_DEFAULT_ADDRESS }),
          namespace: config.TEMPORAL_NAMESPACE,
          // Starts and signals made while serving a request carry its id into the workflow (logs).
          interceptors: { workflow: [new LogContextClientInterceptor()] },
        }),
    },
    TemporalHealthProbe,
  ],
  exports: [Client, TemporalHealthProbe],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
