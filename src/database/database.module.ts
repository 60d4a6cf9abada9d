import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

export const QUERY_TIMEOUT_MS = 60_000;

/** The connection pool settings of the configuration (DATABASE_POOL_SIZE, DATABASE_CONNECTION_TIMEOUT_MS). */
export type DatabasePoolSettings = Pick<AppConfig, 'DATABASE_POOL_SIZE' | 'DATABASE_CONNECTION_TIMEOUT_MS'>;

/** node-postgres pool options for the running application. */
export function poolOptions(pool: DatabasePoolSettings): { max: number; connectionTimeoutMillis: number; query_timeout: number } {
  return {
    max: pool.DATABASE_POOL_SIZE,
    // A connection that cannot be had in time fails the request (503) instead of holding it while PostgreSQL is away.
    connectionTimeoutMillis: pool.DATABASE_CONNECTION_TIMEOUT_MS,
    // The running application (not migrations, which may legitimately run long): a query that gets no answer
    // within 60 s fails, so a request answers and an activity attempt fails and is retried, instead of
    // waiting forever on a connection PostgreSQL lost in an outage.
    query_timeout: QUERY_TIMEOUT_MS,
  };
}

@Module({})
export class DatabaseModule {
  /** `pool`: the process's configuration; without it (tests, benchmarks) the configuration's defaults. */
  static forRoot(url: string, pool: DatabasePoolSettings = new AppConfig()): DynamicModule {
    return { module: DatabaseModule, imports: [TypeOrmModule.forRoot(dataSourceOptions(url, { extra: poolOptions(pool) }))] };
  }
}
