import { Module } from '@nestjs/common';
import { CreditPolicyController, CustomerCreditController } from './credit.controller.js';
import { CreditModule } from './credit.module.js';

/** The credit routes: policy, open orders, limits, order check, risk, external scores. */
@Module({
  imports: [CreditModule],
  controllers: [CreditPolicyController, CustomerCreditController],
})
export class CreditApiModule {}
