import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PortfolioModule } from '../portfolios/portfolios.module.js';
import { PromisesModule } from '../promises/promises.module.js';
import { PromisesService } from '../promises/promises.service.js';
import { CALL_PROMISES, type CallPromises } from './call-promise.port.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { CollectorTask } from './collector-task.entity.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([CollectorTask]), InvoicesModule, InvoiceAccessModule, CustomerAccessModule, OrganizationModule, PortfolioModule,
    UsersDirectoryModule, PromisesModule,
  ],
  controllers: [TasksController],
  providers: [
    TasksService,
    {
      // A call with outcome `promise` opens the promise through the promises capability.
      provide: CALL_PROMISES,
      inject: [PromisesService],
      useFactory: (promises: PromisesService): CallPromises => ({
        create: ({ note, ...request }, principal) =>
          promises.create({ ...request, ...(note ? { note } : {}) }, { userId: principal.userId, name: principal.name }),
      }),
    },
  ],
})
export class TasksModule {}
