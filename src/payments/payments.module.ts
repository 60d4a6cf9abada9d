import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditModule } from '../credit/credit.module.js';
import { DisputesModule } from '../disputes/disputes.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PaymentReversalService } from './payment-reversal.service.js';
import { PaymentAllocation } from './payment-allocation.entity.js';
import { Payment } from './payment.entity.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsService } from './payments.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Payment, PaymentAllocation]), InvoicesModule, OrganizationModule, CreditModule, DisputesModule],
  controllers: [PaymentsController],
  providers: [PaymentsService, PaymentReversalService],
  exports: [PaymentsService, PaymentReversalService],
})
export class PaymentsModule {}
