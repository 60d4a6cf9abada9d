import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnappliedCashModule } from '../cash/unapplied-cash.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { ReportsController } from './reports.controller.js';
import { REPORT_ENTITIES } from './reports.entities.js';
import { ReportsService } from './reports.service.js';

const imports = [TypeOrmModule.forFeature(REPORT_ENTITIES), LedgerModule, CustomersModule, OrganizationModule, UnappliedCashModule];

/** The reports API. */
@Module({ imports, controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}

/** For the worker: the month-end KPI snapshots. */
@Module({ imports, providers: [ReportsService], exports: [ReportsService] })
export class ReportsWorkerModule {}
