import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { CreateIntegrationDto, UpdateIntegrationDto } from './integration.dto.js';
import { IntegrationsService } from './integrations.service.js';

/** ERP credentials (role `erp` only), managed by admins; the operator key is for operators, not ERPs. */
@Controller('api/v1/integrations')
@Roles('admin')
export class IntegrationsController {
  constructor(@Inject(IntegrationsService) private readonly integrations: IntegrationsService) {}

  /** The answer carries the integration's token, shown this once. */
  @Post()
  create(@Body() dto: CreateIntegrationDto) {
    return this.integrations.create(dto.name);
  }

  @Get()
  list() {
    return this.integrations.list();
  }

  /** Issues a new token; the previous one stops working. */
  @Post(':id/token')
  @HttpCode(200)
  rotateToken(@Param('id') id: string) {
    return this.integrations.rotateToken(id);
  }

  /** `{"active": false}` revokes the credential; `true` restores it. */
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateIntegrationDto) {
    return this.integrations.setActive(id, dto.active);
  }
}
