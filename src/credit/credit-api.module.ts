import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module.js';
import { PredictionModule } from '../prediction/prediction.module.js';
import { CreditPolicyController, CustomerCreditController } from './credit.controller.js';
import { CreditModule } from './credit.module.js';

/** The credit routes: policy, open orders, limits, order check, risk, external scores. */
@Module({
  imports: [CreditModule, PredictionModule, CustomersModule],
  controllers: [CreditPolicyController, CustomerCreditController],
})
export class CreditApiModule {}
