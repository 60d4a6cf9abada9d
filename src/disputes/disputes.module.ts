import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module.js';
import { ErpOutboxModule } from '../erp-outbox/erp-outbox.module.js';
import { InvoiceBalancesModule } from '../invoices/invoice-balances.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { DisputeFiguresService } from './dispute-figures.service.js';
import { DisputeInboxService } from './dispute-inbox.service.js';
import { DecisionLinkSigner } from './decision-links.js';
import { DecisionLinksService } from './decision-links.service.js';
import { DisputeRulesService } from './dispute-rules.service.js';
import { DISPUTE_ENTITIES } from './dispute.entities.js';
import { DisputeStore } from './dispute.store.js';
import { DecisionLinksController, DisputeRulesController, DisputesController } from './disputes.controller.js';
import { DisputesService } from './disputes.service.js';
import { DisputeListService } from './dispute-list.service.js';

const entities = TypeOrmModule.forFeature(DISPUTE_ENTITIES);

/** The disputes API (disputes, routing rules, statistics, decision links). */
@Module({
  imports: [entities, OrganizationModule, UsersDirectoryModule, InvoiceBalancesModule, CustomersModule],
  controllers: [DisputesController, DisputeRulesController, DecisionLinksController],
  providers: [DisputesService, DisputeListService, DisputeRulesService, DecisionLinksService, DecisionLinkSigner, DisputeInboxService],
  exports: [DisputesService],
})
export class DisputesModule {}

/** What other capabilities may read about disputes (the credit order check, scores, risk view). */
@Module({
  providers: [DisputeFiguresService],
  exports: [DisputeFiguresService],
})
export class DisputeFiguresModule {}

/** For the worker: the store the dispute workflow's activities write through. */
@Module({
  imports: [entities, ErpOutboxModule, MessagesModule, UsersDirectoryModule, InvoiceBalancesModule, CustomersModule, LedgerModule],
  providers: [DisputeStore, DecisionLinkSigner],
  exports: [DisputeStore],
})
export class DisputesWorkerModule {}
