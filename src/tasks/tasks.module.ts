import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { CollectorTask } from './collector-task.entity.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CollectorTask]), InvoicesModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
