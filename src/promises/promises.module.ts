import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditModule } from '../credit/credit.module.js';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { InvoiceBalancesModule } from '../invoices/invoice-balances.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PaymentAccessModule } from '../payments/payment-access.module.js';
import { CollectorTaskWriterModule } from '../tasks/collector-task-writer.module.js';
import { PromiseAccessModule } from './promise-access.module.js';
import { PromiseListService } from './promise-list.service.js';
import { PROMISE_ENTITIES } from './promise.entities.js';
import { PromiseStatsService } from './promise-stats.service.js';
import { PromiseStore } from './promise.store.js';
import { PromisesController } from './promises.controller.js';
import { PromisesService } from './promises.service.js';

const entities = TypeOrmModule.forFeature(PROMISE_ENTITIES);

/** The promises API; exports PromisesService (`create`) for the capabilities that make promises (a collector's logged call). */
@Module({
  imports: [entities, OrganizationModule, CustomerAccessModule, InvoiceBalancesModule, PaymentAccessModule, PromiseAccessModule],
  controllers: [PromisesController],
  providers: [PromisesService, PromiseListService, PromiseStatsService],
  exports: [PromisesService],
})
export class PromisesModule {}

/** For the worker: the store the promise workflow's activities write through. */
@Module({
  imports: [entities, InvoiceBalancesModule, PaymentAccessModule, CollectorTaskWriterModule, CreditModule],
  providers: [PromiseStore],
  exports: [PromiseStore],
})
export class PromisesWorkerModule {}
