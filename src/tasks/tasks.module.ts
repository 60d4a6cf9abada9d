import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PortfolioModule } from '../portfolios/portfolios.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { CollectorTask } from './collector-task.entity.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([CollectorTask]), InvoicesModule, InvoiceAccessModule, CustomerAccessModule, OrganizationModule, PortfolioModule,
    UsersDirectoryModule,
  ],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
