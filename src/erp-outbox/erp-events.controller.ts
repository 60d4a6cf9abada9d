import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Roles } from '../auth/auth.tokens.js';
import { ErpDeliveryStarter } from './erp-delivery.starter.js';
import { ERP_OUTBOX_STATUSES, type ErpOutboxStatus } from './erp-outbox-event.entity.js';
import { ErpEventResponse } from './erp-event.openapi.js';
import { ErpOutboxService, type ErpEventView } from './erp-outbox.service.js';
import { IdPipe } from '../common/uuid.js';

export class ListErpEventsQuery {
  @IsOptional() @IsIn(ERP_OUTBOX_STATUSES)
  status?: ErpOutboxStatus;

  @IsOptional() @IsString() @Length(1, 100)
  type?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

/**
 * Events for the ERP. Pushed as signed webhooks when RELANCE_ERP_WEBHOOK_URL
 * is set; an ERP that cannot receive webhooks pulls `held` events and
 * acknowledges them. Events the ERP refused (`failed`) wait for an operator's retry.
 */
@Controller('api/v1/erp-events')
@Roles('erp', 'admin')
export class ErpEventsController {
  constructor(
    @Inject(ErpOutboxService) private readonly outbox: ErpOutboxService,
    @Inject(ErpDeliveryStarter) private readonly deliveries: ErpDeliveryStarter,
  ) {}

  @Get()
  @ApiResponse({ status: 200, description: 'Events, oldest first (at most `limit`, default 100)', type: [ErpEventResponse] })
  list(@Query() query: ListErpEventsQuery): Promise<ErpEventView[]> {
    return this.outbox.list({ status: query.status, type: query.type, limit: query.limit ?? 100 });
  }

  @Get(':id')
  @ApiResponse({ status: 200, description: 'The event', type: ErpEventResponse })
  get(@Param('id', new IdPipe('ERP event')) id: string): Promise<ErpEventView> {
    return this.outbox.get(id);
  }

  /** An operator sends a failed event again (after fixing its cause): 202, delivered by a new delivery workflow. */
  @Post(':id/retry')
  @Roles('admin')
  @HttpCode(202)
  @ApiResponse({ status: 202, description: 'Back to `pending`; a new delivery workflow sends it', type: ErpEventResponse })
  async retry(@Param('id') id: string): Promise<ErpEventView> {
    const view = await this.outbox.markForRetry(id);
    await this.deliveries.start(view.id);
    return view;
  }

  @Post(':id/ack')
  @HttpCode(200)
  @ApiResponse({ status: 200, description: 'The event, now `delivered`', type: ErpEventResponse })
  acknowledge(@Param('id', new IdPipe('ERP event')) id: string): Promise<ErpEventView> {
    return this.outbox.acknowledge(id);
  }
}
