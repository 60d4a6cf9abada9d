import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { CreateIntegrationDto, UpdateIntegrationDto } from './integration.dto.js';
import { IntegrationsService, type IntegrationView } from './integrations.service.js';
import { IntegrationResponse, IntegrationWithTokenResponse } from './user.openapi.js';

/** ERP credentials (role `erp` only), managed by admins; the operator key is for operators, not ERPs. */
@Controller('api/v1/integrations')
@Roles('admin')
export class IntegrationsController {
  constructor(@Inject(IntegrationsService) private readonly integrations: IntegrationsService) {}

  /** The answer carries the integration's token, shown this once. */
  @ApiResponse({ status: 201, description: 'The integration, with its token', type: IntegrationWithTokenResponse })
  @Post()
  create(@Body() dto: CreateIntegrationDto): Promise<IntegrationView & { token: string }> {
    return this.integrations.create(dto.name);
  }

  @ApiResponse({ status: 200, description: 'Every integration', type: [IntegrationResponse] })
  @Get()
  list(): Promise<IntegrationView[]> {
    return this.integrations.list();
  }

  /** Issues a new token; the previous one stops working. */
  @ApiResponse({ status: 200, description: 'The integration, with its new token', type: IntegrationWithTokenResponse })
  @Post(':id/token')
  @HttpCode(200)
  rotateToken(@Param('id') id: string): Promise<IntegrationView & { token: string }> {
    return this.integrations.rotateToken(id);
  }

  /** `{"active": false}` revokes the credential; `true` restores it. */
  @ApiResponse({ status: 200, description: 'The integration as saved', type: IntegrationResponse })
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateIntegrationDto): Promise<IntegrationView> {
    return this.integrations.setActive(id, dto.active);
  }
}
