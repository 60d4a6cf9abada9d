import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { AppConfig } from '../config/app-config.js';
import { temporalConnectionOptions } from './temporal-connection-options.js';

/**
 * Answers "is Temporal there?" with one call and no retries: the client's
 * retry timers would outlive a failed probe and fire after shutdown.
 */
@Injectable()
export class TemporalHealthProbe implements OnApplicationShutdown {
  private readonly connection: Connection;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.connection = Connection.lazy({
      ...temporalConnectionOptions(config),
      interceptors: [],
    });
  }

  async check(timeoutMs: number): Promise<void> {
    await this.connection.withDeadline(Date.now() + timeoutMs, () => this.connection.workflowService.getSystemInfo({}));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
