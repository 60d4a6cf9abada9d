import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EntitiesController } from './entities.controller.js';
import { LegalEntitiesService } from './legal-entities.service.js';
import { LegalEntity } from './legal-entity.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([LegalEntity])],
  controllers: [EntitiesController],
  providers: [LegalEntitiesService],
  exports: [LegalEntitiesService],
})
export class OrganizationModule {}
