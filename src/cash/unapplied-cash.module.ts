import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditAllocation } from './credit-allocation.entity.js';
import { CustomerCredit } from './customer-credit.entity.js';
import { UnappliedCashService } from './unapplied-cash.service.js';

/**
 * The read side of unapplied cash, for the customer account and the aged
 * balance (API and worker): no controller, no Temporal, only the reader.
 */
@Module({
  imports: [TypeOrmModule.forFeature([CustomerCredit, CreditAllocation])],
  providers: [UnappliedCashService],
  exports: [UnappliedCashService],
})
export class UnappliedCashModule {}
