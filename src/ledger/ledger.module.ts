import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationModule } from '../organization/organization.module.js';
import { LEDGER_ENTITIES } from './ledger.entities.js';
import { LedgerQueries } from './ledger-queries.js';
import { LedgerService } from './ledger.service.js';

/** The receivables ledger: other modules record movements through LedgerService, reports read through LedgerQueries. */
@Module({
  imports: [TypeOrmModule.forFeature(LEDGER_ENTITIES), OrganizationModule],
  providers: [LedgerService, LedgerQueries],
  exports: [LedgerService, LedgerQueries],
})
export class LedgerModule {}
