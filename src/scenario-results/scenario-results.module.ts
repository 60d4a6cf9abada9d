import { Module } from '@nestjs/common';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MessageAccessModule } from '../messages/message-access.module.js';
import { OrganizationAccessModule } from '../organization/organization-access.module.js';
import { PromiseAccessModule } from '../promises/promise-access.module.js';
import { ScenarioAccessModule } from '../scenarios/scenario-access.module.js';
import { ScenarioResultsController } from './scenario-results.controller.js';
import { ScenarioResultsService } from './scenario-results.service.js';

/** Scenario effectiveness and experiment comparisons, over the owners' exported readers only. */
@Module({
  imports: [ScenarioAccessModule, InvoiceAccessModule, MessageAccessModule, LedgerModule, DisputeFiguresModule, OrganizationAccessModule, PromiseAccessModule],
  controllers: [ScenarioResultsController],
  providers: [ScenarioResultsService],
})
export class ScenarioResultsModule {}
