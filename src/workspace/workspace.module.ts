import { Module } from '@nestjs/common';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { PortfolioModule } from '../portfolios/portfolios.module.js';
import { PredictionModule } from '../prediction/prediction.module.js';
import { TaskAccessModule } from '../tasks/task-access.module.js';
import { UsersDirectoryModule } from '../users/users.module.js';
import { WorklistController } from './worklist.controller.js';
import { WorklistService } from './worklist.service.js';

/** The collector's worklist: a composition over portfolios, predictions, customers and tasks (no table). */
@Module({
  imports: [PredictionModule, PortfolioModule, CustomerAccessModule, TaskAccessModule, UsersDirectoryModule],
  controllers: [WorklistController],
  providers: [WorklistService],
})
export class WorkspaceModule {}
