import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagesModule } from '../messages/messages.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { ErpDeliveryStarter } from './erp-delivery.starter.js';
import { ErpEventsController } from './erp-events.controller.js';
import { ErpOutboxEvent } from './erp-outbox-event.entity.js';
import { ErpOutboxService } from './erp-outbox.service.js';

/** The outbox service, for modules that write ERP events and for the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([ErpOutboxEvent]), MessagesModule, UsersDirectoryModule],
  providers: [ErpOutboxService],
  exports: [ErpOutboxService],
})
export class ErpOutboxModule {}

/** The ERP's pull-and-acknowledge API, and operators' retries of failed events. */
@Module({
  imports: [ErpOutboxModule],
  controllers: [ErpEventsController],
  providers: [ErpDeliveryStarter],
})
export class ErpEventsApiModule {}
