import { ApplicationFailure } from '@temporalio/activity';
import type { InstalmentReminderKind, PaymentPlanPort, PlanTransition } from './payment-plan-ports.js';
import type { DunningActivityPorts, MessageStatus } from './ports.js';
import { withPortalLink } from './portal-link.js';
import { sendClaimedMessage } from './step-delivery.js';

export const PAYMENT_PLAN_NON_RETRYABLE = ['PAYMENT_PLAN_NOT_FOUND'];

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code && PAYMENT_PLAN_NON_RETRYABLE.includes(code)) throw ApplicationFailure.nonRetryable((err as Error).message, code);
    throw err;
  }
}

/**
 * Activities of the payment-plan workflow, over the plan port; instalment
 * reminders go out through the dunning's message path (stored once under
 * their idempotency key, then sent by the configured email provider).
 */
export function createPaymentPlanActivities(ports: { paymentPlans: PaymentPlanPort } & Pick<DunningActivityPorts, 'messages' | 'notifier' | 'letters' | 'portalLinks'>) {
  const p = ports.paymentPlans;
  return {
    recordPaymentPlanTransition(planId: string, t: PlanTransition): Promise<void> {
      return guarded(() => p.recordTransition(planId, t));
    },
    holdPaymentPlanDunning(planId: string): Promise<void> {
      return guarded(() => p.holdDunning(planId));
    },
    releasePaymentPlanDunning(planId: string): Promise<void> {
      return guarded(() => p.releaseDunning(planId));
    },
    measurePaymentPlan(planId: string): Promise<{ paidMinor: string }> {
      return guarded(() => p.measure(planId));
    },
    async sendInstalmentReminder(planId: string, seq: number, kind: InstalmentReminderKind, remainingMinor: string): Promise<MessageStatus | 'no_contact'> {
      return guarded(async () => {
        const plain = await p.reminderDraft(planId, seq, kind, remainingMinor);
        if (!plain) return 'no_contact';
        const { body } = await withPortalLink(ports, { subject: plain.subject, body: plain.body }, {
          channel: plain.channel, customerId: plain.customerId, contactId: plain.contactId ?? null, address: plain.recipient, audience: plain.audience,
        });
        const draft = { ...plain, body };
        const stored = await ports.messages.claim(draft);
        return sendClaimedMessage(ports, {
          id: stored.id, status: stored.status, channel: draft.channel, recipient: draft.recipient, subject: draft.subject,
          body: draft.body, idempotencyKey: draft.idempotencyKey,
        });
      });
    },
    followUpBrokenPaymentPlan(planId: string, seq: number): Promise<void> {
      return guarded(() => p.followUpBroken(planId, seq));
    },
  };
}

export type PaymentPlanActivities = ReturnType<typeof createPaymentPlanActivities>;
