import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { MessageComposer } from '../notifications/message-composer.js';
import { OrganizationAccessModule } from '../organization/organization-access.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { CustomerScenarioController } from './customer-scenario.controller.js';
import { ScenarioAssignment } from './scenario-assignment.entity.js';
import { ScenarioAssignmentsController } from './scenario-assignments.controller.js';
import { ScenarioAccessModule } from './scenario-access.module.js';
import { ScenarioAssignmentsService } from './scenario-assignments.service.js';
import { ScenarioPreviewController } from './scenario-preview.controller.js';
import { ScenarioPreviewService } from './scenario-preview.service.js';
import { ScenarioExperimentsService } from './scenario-experiments.service.js';
import { ScenarioPublisher } from './scenario-publisher.js';
import { ScenarioResolver } from './scenario-resolver.js';
import { EXPERIMENT_ENTITIES } from './scenario-experiment.entities.js';
import { ScenarioVersion } from './scenario-version.entity.js';
import { Scenario } from './scenario.entity.js';
import { ScenariosController } from './scenarios.controller.js';
import { ScenariosService } from './scenarios.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Scenario, ScenarioVersion, ScenarioAssignment, ...EXPERIMENT_ENTITIES]), OrganizationModule,
    // Other owners' read models (previews and resolution read no other module's tables).
    InvoiceAccessModule, CustomerAccessModule, OrganizationAccessModule, ScenarioAccessModule,
  ],
  controllers: [ScenariosController, ScenarioAssignmentsController, CustomerScenarioController, ScenarioPreviewController],
  // MessageComposer is stateless: previews get their own instance without the senders of NotificationsModule.
  providers: [ScenariosService, ScenarioPublisher, ScenarioExperimentsService, ScenarioAssignmentsService, ScenarioResolver, ScenarioPreviewService, MessageComposer],
  // The invoice intake resolves its scenario through ScenarioResolver.resolveScenarioFor.
  exports: [ScenarioResolver],
})
export class ScenariosModule {}
