import { Module } from '@nestjs/common';
import type { DunningActivityPorts } from '../../activities/ports.js';
import type { ScenarioStepPort } from '../../activities/scenario-ports.js';
import { InvoiceProjectionStore } from '../invoices/invoice-projection.store.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { LetterDocumentStore } from '../messages/letter-document.store.js';
import { OutboundMessageStore } from '../messages/outbound-message.store.js';
import { MessageComposer } from '../notifications/message-composer.js';
import { NOTIFICATION_SENDER, type NotificationSender } from '../notifications/notification.port.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ScenarioStepStore } from './scenario-step.store.js';

export const DUNNING_ACTIVITY_PORTS = Symbol('DUNNING_ACTIVITY_PORTS');

/** Assembles the ports that the worker injects into the dunning activities. */
@Module({
  imports: [InvoicesModule, MessagesModule, NotificationsModule],
  providers: [
    {
      provide: DUNNING_ACTIVITY_PORTS,
      inject: [InvoiceProjectionStore, OutboundMessageStore, MessageComposer, NOTIFICATION_SENDER, ScenarioStepStore, LetterDocumentStore],
      useFactory: (
        invoices: InvoiceProjectionStore,
        messages: OutboundMessageStore,
        composer: MessageComposer,
        notifier: NotificationSender,
        scenarios: ScenarioStepStore,
        letters: LetterDocumentStore,
      ): DunningActivityPorts & { scenarios: ScenarioStepPort } => ({ invoices, messages, composer, notifier, scenarios, letters }),
    },
    ScenarioStepStore,
  ],
  exports: [DUNNING_ACTIVITY_PORTS],
})
export class DunningModule {}
