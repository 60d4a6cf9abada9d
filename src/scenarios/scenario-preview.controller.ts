import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { StepPreviewResponse } from './scenario.openapi.js';
import { Roles } from '../auth/auth.tokens.js';
import { PreviewStepDto } from './scenario-preview.dto.js';
import { ScenarioPreviewService, type StepPreview } from './scenario-preview.service.js';
import { IdPipe } from '../common/uuid.js';

/** What a step would send to a real invoice's customer, before anyone publishes or sends it. */
@Controller('api/v1/scenarios')
export class ScenarioPreviewController {
  constructor(@Inject(ScenarioPreviewService) private readonly previews: ScenarioPreviewService) {}

  /** 200, not 201: a preview creates nothing. */
  @ApiResponse({ status: 200, description: 'The message the step would send', type: StepPreviewResponse })
  @Post(':id/preview')
  @Roles('credit_manager')
  @HttpCode(200)
  preview(@Param('id', new IdPipe('Scenario')) id: string, @Body() dto: PreviewStepDto): Promise<StepPreview> {
    return this.previews.preview(id, dto);
  }
}
