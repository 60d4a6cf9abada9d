import { Module } from '@nestjs/common';
import type { BatchMessagePort } from '../../activities/customer-message-ports.js';
import type { DunningActivityPorts } from '../../activities/ports.js';
import type { ScenarioStepPort } from '../../activities/scenario-ports.js';
import { CustomerAccessModule } from '../customers/customer-access.module.js';
import { InvoiceAccessModule } from '../invoices/invoice-access.module.js';
import { InvoiceProjectionStore } from '../invoices/invoice-projection.store.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { BatchMessageStore } from '../messages/batch-message.store.js';
import { MessagesModule } from '../messages/messages.module.js';
import { LetterDocumentStore } from '../messages/letter-document.store.js';
import { OutboundMessageStore } from '../messages/outbound-message.store.js';
import { MessageComposer } from '../notifications/message-composer.js';
import { NOTIFICATION_SENDER, type NotificationSender } from '../notifications/notification.port.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganizationAccessModule } from '../organization/organization-access.module.js';
import { PortalAccessModule } from '../portal/portal-access.module.js';
import { PortalLinksService } from '../portal/portal-links.service.js';
import { ScenarioAccessModule } from '../scenarios/scenario-access.module.js';
import { TaskAccessModule } from '../tasks/task-access.module.js';
import { ScenarioStepStore } from './scenario-step.store.js';

export const DUNNING_ACTIVITY_PORTS = Symbol('DUNNING_ACTIVITY_PORTS');

/** What the worker's activities get from the application (the Temporal-client port is added by the worker). */
export type WorkerActivityPorts = DunningActivityPorts & { scenarios: ScenarioStepPort; batchMessages: BatchMessagePort };

/** Assembles the ports that the worker injects into the dunning activities. */
@Module({
  imports: [CustomerAccessModule, InvoicesModule, MessagesModule, NotificationsModule, InvoiceAccessModule, OrganizationAccessModule, ScenarioAccessModule, TaskAccessModule, PortalAccessModule],
  providers: [
    {
      provide: DUNNING_ACTIVITY_PORTS,
      inject: [
        InvoiceProjectionStore, OutboundMessageStore, MessageComposer, NOTIFICATION_SENDER, ScenarioStepStore, LetterDocumentStore,
        BatchMessageStore, PortalLinksService,
      ],
      useFactory: (
        invoices: InvoiceProjectionStore,
        messages: OutboundMessageStore,
        composer: MessageComposer,
        notifier: NotificationSender,
        scenarios: ScenarioStepStore,
        letters: LetterDocumentStore,
        batchMessages: BatchMessageStore,
        portalLinks: PortalLinksService,
      ): WorkerActivityPorts => ({ invoices, messages, composer, notifier, scenarios, letters, batchMessages, portalLinks }),
    },
    ScenarioStepStore,
  ],
  exports: [DUNNING_ACTIVITY_PORTS],
})
export class DunningModule {}
