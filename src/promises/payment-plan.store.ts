import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { InstalmentReminderKind, PaymentPlanPort, PlanTransition } from '../../activities/payment-plan-ports.js';
import type { MessageDraft } from '../../activities/ports.js';
import { taskTitle } from '../../activities/task-titles.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { Clock, systemClock } from '../clock/clock.js';
import { AppError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { appendInvoiceEvent } from '../invoices/invoice-timeline.js';
import { InvoiceSettlementReader } from '../payments/invoice-settlement.reader.js';
import { CollectorTaskWriter } from '../tasks/collector-task.writer.js';
import { DunningHold } from './dunning-hold.js';
import { composeInstalmentReminder } from './instalment-reminder.js';
import { PaymentPlan } from './payment-plan.entity.js';

export const paymentPlanPauseReason = (planId: string): string => `payment-plan:${planId}`;

/** What the payment-plan workflow's activities do (PaymentPlanPort); every write idempotent. */
@Injectable()
export class PaymentPlanStore implements PaymentPlanPort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DunningHold) private readonly dunning: DunningHold,
    @Inject(InvoiceSettlementReader) private readonly settlements: InvoiceSettlementReader,
    @Inject(CollectorTaskWriter) private readonly tasks: CollectorTaskWriter,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  private async plan(id: string): Promise<PaymentPlan> {
    const p = await this.dataSource.manager.findOneBy(PaymentPlan, { id });
    if (!p) throw new AppError('PAYMENT_PLAN_NOT_FOUND', `Payment plan ${id} not found`, 404);
    return p;
  }

  async recordTransition(planId: string, t: PlanTransition): Promise<void> {
    const plan = await this.plan(planId);
    if (plan.status === t.status) return;
    const closing = t.status === 'completed' || t.status === 'broken' || t.status === 'rejected';
    await this.dataSource.transaction(async (m) => {
      await m.update(PaymentPlan, { id: planId }, {
        status: t.status,
        ...(t.decidedBy !== undefined ? { decidedBy: t.decidedBy, decisionComment: t.comment ?? null } : {}),
        ...(t.paidMinor !== undefined ? { paidMinor: BigInt(t.paidMinor) } : {}),
        ...(t.brokenSeq !== undefined ? { brokenSeq: t.brokenSeq } : {}),
        ...(closing ? { closedAt: new Date(t.at) } : {}),
      });
      for (const invoiceId of plan.invoiceIds) {
        await appendInvoiceEvent(m, invoiceId, {
          type: `payment_plan_${t.status}`, dedupeKey: `payment_plan_${t.status}:${planId}`, occurredAt: new Date(t.at),
          data: { planId, ...(t.paidMinor !== undefined ? { paid: formatAmount(BigInt(t.paidMinor), plan.currency) } : {}), ...(t.brokenSeq ? { brokenSeq: t.brokenSeq } : {}) },
        });
      }
    });
  }

  async holdDunning(planId: string): Promise<void> {
    const plan = await this.plan(planId);
    await this.dunning.hold(plan.invoiceIds, paymentPlanPauseReason(planId), { cause: 'payment_plan', planId });
  }

  async releaseDunning(planId: string): Promise<void> {
    const plan = await this.plan(planId);
    await this.dunning.release(plan.invoiceIds, paymentPlanPauseReason(planId), { cause: `payment_plan_${plan.status}`, planId });
  }

  async measure(planId: string): Promise<{ paidMinor: string }> {
    const plan = await this.plan(planId);
    return { paidMinor: (await this.settlements.receivedSince(plan.invoiceIds, plan.createdAt)).toString() };
  }

  async reminderDraft(planId: string, seq: number, kind: InstalmentReminderKind, remainingMinor: string): Promise<MessageDraft | null> {
    const plan = await this.plan(planId);
    const instalment = plan.instalments.find((i) => i.seq === seq);
    if (!instalment) throw new AppError('PAYMENT_PLAN_NOT_FOUND', `Payment plan ${planId} has no instalment ${seq}`, 404);
    const customer = await this.customers.find(plan.customerId);
    const email = customer?.contact?.email ?? null;
    if (!customer || !email) {
      await this.tasks.openCustomerTask({
        idempotencyKey: `payment_plan:${planId}:instalment:${seq}:${kind}:contact_missing`, kind: 'call', customerId: plan.customerId,
        step: 'payment_plan_contact_missing', ...taskTitle('PLAN_CONTACT_MISSING', { instalment: seq }),
        dueAt: this.clock.now(), data: { planId, seq, kind },
      });
      return null;
    }
    const { subject, body } = composeInstalmentReminder({
      kind, language: customer.contact?.language ?? 'en', customerName: customer.name, seq, count: plan.instalments.length,
      dueDate: instalment.dueDate, amount: formatAmount(BigInt(instalment.amountMinor), plan.currency),
      remaining: formatAmount(BigInt(remainingMinor), plan.currency), currency: plan.currency,
    });
    return {
      idempotencyKey: `payment_plan:${planId}:instalment:${seq}:${kind}:email`, invoiceId: plan.invoiceIds[0]!, customerId: plan.customerId,
      step: `plan_${kind}`, channel: 'email', recipient: email, subject, body, audience: 'customer',
    };
  }

  async followUpBroken(planId: string, seq: number): Promise<void> {
    const plan = await this.plan(planId);
    const instalment = plan.instalments.find((i) => i.seq === seq);
    await this.tasks.openCustomerTask({
      idempotencyKey: `payment_plan_broken:${planId}`, kind: 'call', customerId: plan.customerId, step: 'payment_plan_broken',
      ...taskTitle('PLAN_BROKEN', { instalment: seq, withDueDate: instalment ? 'yes' : 'no', dueDate: instalment?.dueDate }),
      dueAt: this.clock.now(), data: { planId, seq, dueDate: instalment?.dueDate ?? null, paid: formatAmount(plan.paidMinor ?? 0n, plan.currency) },
    });
  }
}
