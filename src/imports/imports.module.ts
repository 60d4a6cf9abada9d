import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { IMPORT_ENTITIES } from './import.entities.js';
import { ImportLoader } from './import-loader.js';
import { ImportRowsValidator } from './import-rows.validator.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

/** Initial loads: POST/GET /api/v1/imports (API process). */
@Module({
  imports: [TypeOrmModule.forFeature(IMPORT_ENTITIES), InvoicesModule, OrganizationModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRowsValidator],
})
export class ImportsModule {}

/** The import workflow's loader (worker process). */
@Module({
  imports: [TypeOrmModule.forFeature(IMPORT_ENTITIES), InvoicesModule],
  providers: [ImportLoader],
  exports: [ImportLoader],
})
export class ImportsWorkerModule {}
