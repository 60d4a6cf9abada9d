import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { EntitySettingsDto } from './entity-settings.dto.js';
import { LegalEntitiesService } from './legal-entities.service.js';

/** Operators set each legal entity's business calendar, sending window and time zone. */
@Controller('api/v1/entities')
export class EntitiesController {
  constructor(@Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService) {}

  @Get(':code/settings')
  @Roles('collector', 'credit_manager')
  get(@Param('code') code: string) {
    return this.entities.getSettings(code);
  }

  @Put(':code/settings')
  @Roles('credit_manager')
  update(@Param('code') code: string, @Body() dto: EntitySettingsDto) {
    return this.entities.updateSettings(code, dto);
  }
}
