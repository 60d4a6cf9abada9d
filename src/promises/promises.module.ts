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
import { DunningHold } from './dunning-hold.js';
import { PaymentPlanStore } from './payment-plan.store.js';
import { PaymentPlansController } from './payment-plans.controller.js';
import { PaymentPlansService } from './payment-plans.service.js';
import { PromisesController } from './promises.controller.js';
import { PromisesService } from './promises.service.js';

const entities = TypeOrmModule.forFeature(PROMISE_ENTITIES);

/** The promises and payment-plans API; exports PromisesService (`create`) for the capabilities that make promises (a collector's logged call). */
@Module({
  imports: [entities, OrganizationModule, CustomerAccessModule, InvoiceBalancesModule, PaymentAccessModule, PromiseAccessModule],
  controllers: [PromisesController, PaymentPlansController],
  providers: [PromisesService, PromiseListService, PromiseStatsService, PaymentPlansService],
  exports: [PromisesService, PaymentPlansService],
})
export class PromisesModule {}

/** For the worker: the stores the promise and payment-plan workflows' activities write through (bind DunningHold's gateway). */
@Module({
  imports: [entities, InvoiceBalancesModule, PaymentAccessModule, CollectorTaskWriterModule, CreditModule, CustomerAccessModule],
  providers: [DunningHold, PromiseStore, PaymentPlanStore],
  exports: [DunningHold, PromiseStore, PaymentPlanStore],
})
export class PromisesWorkerModule {}
