import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PortfolioModule } from '../portfolios/portfolios.module.js';
import { CustomerNote } from './customer-note.entity.js';
import { NotesService } from './notes.service.js';
import { NotesController } from './notes.controller.js';

/** Notes; `NotesService.recordsOf` feeds the customer's timeline. */
@Module({
  imports: [TypeOrmModule.forFeature([CustomerNote]), CustomerAccessModule, InvoiceAccessModule, OrganizationModule, PortfolioModule],
  providers: [NotesService],
  exports: [NotesService],
})
export class NotesModule {}

@Module({
  imports: [NotesModule],
  controllers: [NotesController],
})
export class NotesApiModule {}
