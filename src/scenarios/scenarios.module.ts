import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessageComposer } from '../notifications/message-composer.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { CustomerScenarioController } from './customer-scenario.controller.js';
import { ScenarioAssignment } from './scenario-assignment.entity.js';
import { ScenarioAssignmentsController } from './scenario-assignments.controller.js';
import { ScenarioAssignmentsService } from './scenario-assignments.service.js';
import { ScenarioPreviewController } from './scenario-preview.controller.js';
import { ScenarioPreviewService } from './scenario-preview.service.js';
import { ScenarioPublisher } from './scenario-publisher.js';
import { ScenarioResolver } from './scenario-resolver.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import { Scenario } from './scenario.entity.js';
import { ScenariosController } from './scenarios.controller.js';
import { ScenariosService } from './scenarios.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Scenario, ScenarioVersion, ScenarioAssignment]), OrganizationModule],
  controllers: [ScenariosController, ScenarioAssignmentsController, CustomerScenarioController, ScenarioPreviewController],
  // MessageComposer is stateless: previews get their own instance without the senders of NotificationsModule.
  providers: [ScenariosService, ScenarioPublisher, ScenarioAssignmentsService, ScenarioResolver, ScenarioPreviewService, MessageComposer],
  // The invoice intake resolves its scenario through ScenarioResolver.resolveScenarioFor.
  exports: [ScenarioResolver],
})
export class ScenariosModule {}
