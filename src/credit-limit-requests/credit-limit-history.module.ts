import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditLimitHistory } from './credit-limit-history.js';
import { CustomerCreditLimit } from './customer-credit-limit.entity.js';

/** Customers' limit history, for the credit capability (no dependency back on it). */
@Module({
  imports: [TypeOrmModule.forFeature([CustomerCreditLimit])],
  providers: [CreditLimitHistory],
  exports: [CreditLimitHistory],
})
export class CreditLimitHistoryModule {}
