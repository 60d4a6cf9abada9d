import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditModule } from '../credit/credit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { ErpOutboxModule } from '../erp-outbox/erp-outbox.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { CreditLimitDecision } from './credit-limit-decision.entity.js';
import { CreditLimitHistoryModule } from './credit-limit-history.module.js';
import { CREDIT_LIMIT_LEDGER } from './credit-limit-ledger.js';
import { CreditLimitRequest } from './credit-limit-request.entity.js';
import { CreditLimitRequestStore } from './credit-limit-request.store.js';
import { CreditLimitRequestsController } from './credit-limit-requests.controller.js';
import { CreditLimitRequestsService } from './credit-limit-requests.service.js';
import { CreditLimitRequestListService } from './credit-limit-request-list.service.js';
import { CustomerCreditLimit } from './customer-credit-limit.entity.js';
import { HistoryCreditLimitLedger } from './history-credit-limit-ledger.js';

const ledger = { provide: CREDIT_LIMIT_LEDGER, useClass: HistoryCreditLimitLedger };
const entities = TypeOrmModule.forFeature([CreditLimitRequest, CreditLimitDecision, CustomerCreditLimit]);

/** The credit-limit requests API. */
@Module({
  imports: [entities, OrganizationModule, UsersDirectoryModule, CreditModule, CustomersModule, CreditLimitHistoryModule],
  controllers: [CreditLimitRequestsController],
  providers: [CreditLimitRequestsService, CreditLimitRequestListService, ledger],
})
export class CreditLimitRequestsModule {}

/** For the worker: the store the approval workflow's activities write through. */
@Module({
  imports: [entities, ErpOutboxModule, MessagesModule, UsersDirectoryModule, CreditModule, CustomersModule, OrganizationModule, CreditLimitHistoryModule],
  providers: [CreditLimitRequestStore, ledger],
  exports: [CreditLimitRequestStore],
})
export class CreditLimitRequestsWorkerModule {}
