import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module.js';
import { ErpDeliveryStarter } from '../erp-outbox/erp-delivery.starter.js';
import { ErpOutboxModule } from '../erp-outbox/erp-outbox.module.js';
import { InvoiceBalancesModule } from '../invoices/invoice-balances.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { WriteOff } from './write-off.entity.js';
import { WriteOffListService } from './write-off-list.service.js';
import { WriteOffStore } from './write-off.store.js';
import { WriteOffsController } from './write-offs.controller.js';
import { WriteOffsService } from './write-offs.service.js';

const shared = [TypeOrmModule.forFeature([WriteOff]), InvoicesModule, InvoiceBalancesModule, ErpOutboxModule, CustomersModule, OrganizationModule];

/** Write-offs (owns write_offs): requests, finance managers' decisions. */
@Module({
  imports: shared,
  controllers: [WriteOffsController],
  providers: [WriteOffsService, WriteOffListService, WriteOffStore, ErpDeliveryStarter],
})
export class WriteOffsModule {}

/** For the worker: the store the approval workflow's activities write through. */
@Module({
  imports: shared,
  providers: [WriteOffStore],
  exports: [WriteOffStore],
})
export class WriteOffsWorkerModule {}
