import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccountModule } from '../customer-account/customer-account.module.js';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { DisputesModule } from '../disputes/disputes.module.js';
import { InvoiceBalancesModule } from '../invoices/invoice-balances.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PromisesModule } from '../promises/promises.module.js';
import { CollectorTaskWriterModule } from '../tasks/collector-task-writer.module.js';
import { PortalAttachment } from './portal-attachment.entity.js';
import { PortalAccessModule } from './portal-access.module.js';
import { PortalActivityModule } from './portal-activity.module.js';
import { PortalAttachmentsService } from './portal-attachments.service.js';
import { PortalController, PortalEntryController } from './portal.controller.js';
import { PortalLinksController } from './portal-links.controller.js';
import { PortalService } from './portal.service.js';

/** The customer portal's API (its own session, see auth.guard.ts) and the collectors' portal-link routes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([PortalAttachment]), PortalAccessModule, PortalActivityModule, CustomerAccessModule, CustomerAccountModule,
    OrganizationModule, InvoiceBalancesModule, InvoicesModule, MessagesModule, DisputesModule, PromisesModule, CollectorTaskWriterModule,
  ],
  controllers: [PortalEntryController, PortalController, PortalLinksController],
  providers: [PortalService, PortalAttachmentsService],
})
export class PortalModule {}
