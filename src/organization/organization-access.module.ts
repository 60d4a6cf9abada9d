import { Module } from '@nestjs/common';
import { LegalEntitySettingsReader } from './legal-entity-settings.reader.js';

/**
 * What other capabilities may read of legal entities beyond LegalEntitiesService (uncached
 * settings), over this module's own SQL. It depends on nothing but the database.
 */
@Module({
  providers: [LegalEntitySettingsReader],
  exports: [LegalEntitySettingsReader],
})
export class OrganizationAccessModule {}
