import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MessagesModule } from '../messages/messages.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { CreditPolicyService } from './credit-policy.service.js';
import { CreditProfileService } from './credit-profile.service.js';
import { CreditRiskService } from './credit-risk.service.js';
import { CREDIT_ENTITIES } from './credit.entities.js';
import { CUSTOMER_DISPUTES } from './customer-disputes.port.js';
import { SqlCustomerDisputes } from './sql-customer-disputes.js';

/** Open disputes from the disputes capability's table, none while it does not exist. */
const disputes = {
  provide: CUSTOMER_DISPUTES,
  useFactory: (dataSource: DataSource) => new SqlCustomerDisputes(dataSource),
  inject: [getDataSourceToken()],
};

/**
 * Credit policy, exposure, order check and scoring services (no routes): the API, payments and the worker import it.
 * Other capabilities read policies through CreditPolicyService (approvalPolicyFor, orderCheckPolicyFor) and
 * customers' limits through CreditProfileService (currentLimit, setLimit).
 */
@Module({
  imports: [TypeOrmModule.forFeature(CREDIT_ENTITIES), MessagesModule, OrganizationModule, UsersDirectoryModule],
  providers: [CreditPolicyService, CreditRiskService, CreditProfileService, disputes],
  exports: [CreditPolicyService, CreditRiskService, CreditProfileService],
})
export class CreditModule {}

export { CreditPolicyService, CreditProfileService };
