import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationModule } from '../organization/organization.module.js';
import { CASH_ENTITIES } from './cash.entities.js';
import { BankStatementsController } from './bank-statements.controller.js';
import { BankStatementsService } from './bank-statements.service.js';

/** Cash application: bank statement import and bank lines (owns bank_statements, bank_lines). */
@Module({
  imports: [TypeOrmModule.forFeature(CASH_ENTITIES), OrganizationModule],
  controllers: [BankStatementsController],
  providers: [BankStatementsService],
})
export class CashModule {}
