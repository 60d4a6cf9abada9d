import { Module } from '@nestjs/common';
import { TaskQueueMetrics } from '../observability/task-queue.metrics.js';
import { HealthController } from './health.controller.js';

@Module({ controllers: [HealthController], providers: [TaskQueueMetrics] })
export class HealthModule {}
