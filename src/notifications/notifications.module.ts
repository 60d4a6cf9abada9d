import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { createNotificationSender } from './channel-router.sender.js';
import { MessageComposer } from './message-composer.js';
import { NOTIFICATION_SENDER } from './notification.port.js';

@Module({
  providers: [
    {
      provide: NOTIFICATION_SENDER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Notifications');
        return createNotificationSender(config, (line) => logger.log(line));
      },
    },
    MessageComposer,
  ],
  exports: [NOTIFICATION_SENDER, MessageComposer],
})
export class NotificationsModule {}
