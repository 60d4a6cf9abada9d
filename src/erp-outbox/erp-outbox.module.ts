import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ErpEventsController } from './erp-events.controller.js';
import { ErpOutboxEvent } from './erp-outbox-event.entity.js';
import { ErpOutboxService } from './erp-outbox.service.js';

/** The outbox service, for modules that write ERP events and for the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([ErpOutboxEvent])],
  providers: [ErpOutboxService],
  exports: [ErpOutboxService],
})
export class ErpOutboxModule {}

/** The ERP's pull-and-acknowledge API. */
@Module({
  imports: [ErpOutboxModule],
  controllers: [ErpEventsController],
})
export class ErpEventsApiModule {}
