import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditLimitHistoryModule } from '../credit-limit-requests/credit-limit-history.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { ReceivablesModule } from '../invoices/receivables.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PaymentHistoryModule } from '../payments/payment-history.module.js';
import { PromiseAccessModule } from '../promises/promise-access.module.js';
import { CollectorTaskWriterModule } from '../tasks/collector-task-writer.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { CreditAlertNotifier } from './credit-alerts.js';
import { CreditLimitsService } from './credit-limits.service.js';
import { CreditPolicyService } from './credit-policy.service.js';
import { CreditProfileService } from './credit-profile.service.js';
import { CREDIT_ENTITIES } from './credit.entities.js';
import { CUSTOMER_DISPUTES } from './customer-disputes.port.js';
import { CustomerRiskService } from './customer-risk.service.js';
import { CustomerScoringService } from './customer-scoring.service.js';
import { CustomerSituationService } from './customer-situation.service.js';
import { ExposureAlertsService } from './exposure-alerts.service.js';
import { OrderCheckService } from './order-check.service.js';

/** Open disputes as the disputes capability reports them (it owns the table). */
const disputes = { provide: CUSTOMER_DISPUTES, useExisting: DisputeFiguresService };

/**
 * Credit policy, exposure, order check and scoring services (no routes): the API, payments and the worker import it.
 * Other capabilities read policies through CreditPolicyService (approvalPolicyFor, orderCheckPolicyFor),
 * customers' limits through CreditProfileService (currentLimit, setLimit), re-check exposure through
 * ExposureAlertsService and rescore through CustomerScoringService. Customers, invoices, payments, limits
 * and tasks are read and written through their owners' exported readers and writers.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(CREDIT_ENTITIES), DisputeFiguresModule, MessagesModule, OrganizationModule, UsersDirectoryModule,
    CustomersModule, CreditLimitHistoryModule, ReceivablesModule, PaymentHistoryModule, CollectorTaskWriterModule,
    PromiseAccessModule,
  ],
  providers: [
    CreditPolicyService, CreditProfileService, CustomerSituationService, OrderCheckService, CreditLimitsService,
    CreditAlertNotifier, ExposureAlertsService, CustomerScoringService, CustomerRiskService, disputes,
  ],
  exports: [
    CreditPolicyService, CreditProfileService, CustomerSituationService, OrderCheckService, CreditLimitsService,
    ExposureAlertsService, CustomerScoringService, CustomerRiskService, CreditAlertNotifier,
  ],
})
export class CreditModule {}

export { CreditPolicyService, CreditProfileService };
