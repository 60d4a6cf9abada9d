import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options.js';

export const QUERY_TIMEOUT_MS = 60_000;

@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    // The running application (not migrations, which may legitimately run long): a query that gets no answer
    // within 60 s fails, so a request answers and an activity attempt fails and is retried, instead of
    // waiting forever on a connection PostgreSQL lost in an outage.
    const extra = { ...(dataSourceOptions(url).extra as object), query_timeout: QUERY_TIMEOUT_MS };
    return { module: DatabaseModule, imports: [TypeOrmModule.forRoot(dataSourceOptions(url, { extra }))] };
  }
}
