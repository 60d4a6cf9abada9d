import { Module } from '@nestjs/common';
import { CustomerDirectory } from './customer-directory.js';

/**
 * What other capabilities may read of customers, over this module's own SQL. It depends on nothing
 * but the database, so any module imports it without a cycle.
 */
@Module({
  providers: [CustomerDirectory],
  exports: [CustomerDirectory],
})
export class CustomerAccessModule {}
