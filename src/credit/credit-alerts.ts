import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TaskTitle } from '../../activities/task-titles.js';
import { Clock, systemClock } from '../clock/clock.js';
import { InternalMailService } from '../messages/internal-mail.service.js';
import { CollectorTaskWriter } from '../tasks/collector-task.writer.js';
import { UsersService } from '../users/users.service.js';

export type CreditAlertKind = 'credit_alert' | 'class_degraded';

/** How a credit alert reaches people: a collector task on the customer and a mail to every credit manager, both idempotent on a key. */
@Injectable()
export class CreditAlertNotifier {
  constructor(
    @Inject(CollectorTaskWriter) private readonly tasks: CollectorTaskWriter,
    @Inject(InternalMailService) private readonly mail: InternalMailService,
    @Inject(UsersService) private readonly users: UsersService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** `title`'s English text is also the mail's subject (credit managers' mail is in English). */
  async alert(
    customerId: string, key: string, kind: CreditAlertKind, topic: string, title: TaskTitle, body: string, data: Record<string, unknown>,
  ): Promise<void> {
    await this.openTask(customerId, key, kind, title, data);
    await this.mailCreditManagers(customerId, key, topic, title.title, body);
  }

  /** Within `manager`'s transaction when given (the alert level and its task commit together). */
  async openTask(
    customerId: string, key: string, kind: CreditAlertKind, title: TaskTitle, data: Record<string, unknown>, manager?: EntityManager,
  ): Promise<void> {
    await this.tasks.openCustomerTask({ idempotencyKey: key, kind, customerId, step: kind, ...title, dueAt: this.clock.now(), data }, manager);
  }

  async mailCreditManagers(customerId: string, key: string, topic: string, subject: string, body: string): Promise<void> {
    const managers = await this.users.usersWithRole('credit_manager');
    for (const user of managers) {
      await this.mail.send({ idempotencyKey: `${key}:${user.id}`, customerId, topic, to: user.email, subject, body });
    }
  }
}
