import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { EntitySettingsDto } from './entity-settings.dto.js';
import { LegalEntitiesService } from './legal-entities.service.js';
import { EntitySettingsResponse } from './organization.openapi.js';

/** Operators set each legal entity's business calendar, sending window and time zone. */
@Controller('api/v1/entities')
export class EntitiesController {
  constructor(@Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService) {}

  @Get(':code/settings')
  @Roles('collector', 'credit_manager')
  @ApiResponse({ status: 200, description: "The entity's calendar, sending window, time zone, penalties, write-off thresholds and pay link", type: EntitySettingsResponse })
  get(@Param('code') code: string): Promise<EntitySettingsResponse> {
    return this.entities.getSettings(code);
  }

  @Put(':code/settings')
  @Roles('credit_manager')
  @ApiResponse({ status: 200, description: 'The settings as stored', type: EntitySettingsResponse })
  update(@Param('code') code: string, @Body() dto: EntitySettingsDto): Promise<EntitySettingsResponse> {
    return this.entities.updateSettings(code, dto);
  }
}
