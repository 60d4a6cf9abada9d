import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { CreditPolicyService } from './credit-policy.service.js';
import { CreditProfileService } from './credit-profile.service.js';
import { CreditRiskService } from './credit-risk.service.js';
import { CREDIT_ENTITIES } from './credit.entities.js';
import { CUSTOMER_DISPUTES } from './customer-disputes.port.js';

/** Open disputes as the disputes capability reports them (it owns the table). */
const disputes = { provide: CUSTOMER_DISPUTES, useExisting: DisputeFiguresService };

/**
 * Credit policy, exposure, order check and scoring services (no routes): the API, payments and the worker import it.
 * Other capabilities read policies through CreditPolicyService (approvalPolicyFor, orderCheckPolicyFor) and
 * customers' limits through CreditProfileService (currentLimit, setLimit).
 */
@Module({
  imports: [TypeOrmModule.forFeature(CREDIT_ENTITIES), DisputeFiguresModule, MessagesModule, OrganizationModule, UsersDirectoryModule],
  providers: [CreditPolicyService, CreditRiskService, CreditProfileService, disputes],
  exports: [CreditPolicyService, CreditRiskService, CreditProfileService],
})
export class CreditModule {}

export { CreditPolicyService, CreditProfileService };
