/**
 * One payment plan: [pending_approval →] active → completed | broken (or rejected).
 *
 * Above the entity's approval amount a credit manager approves or rejects it
 * first (an update whose validator refuses a decision when none is pending: a
 * refused one never enters the history). While active, dunning of the plan's
 * invoices is held; every payment on them is signalled here, re-measured and
 * allocated to the instalments in order. Each instalment not yet covered gets
 * a reminder before its due date and one on it. An instalment still not
 * covered when its grace ends (business days) breaks the plan: dunning
 * resumes on what remains and the collector gets a follow-up task. All
 * instalments covered: completed, dunning released (nothing left to dun).
 */
import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PaymentPlanActivities } from '../activities/payment-plan.activities.js';
import { addDays, zonedDateHourToEpoch } from './domain/calendar.js';
import {
  allocateToInstalments, instalmentJudgedAt, judgePlan, type InstalmentStanding, type PaymentPlanStatus,
} from './domain/payment-plan-rules.js';
import {
  decidePaymentPlanUpdate, paymentPlanPaymentSignal, paymentPlanStateQuery,
  type PaymentPlanDecision, type PaymentPlanInput, type PaymentPlanState,
} from './payment-plan.definitions.js';

const activities = proxyActivities<PaymentPlanActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['PAYMENT_PLAN_NOT_FOUND'] },
});

export interface PaymentPlanResult {
  status: Extract<PaymentPlanStatus, 'completed' | 'broken' | 'rejected'>;
  paidMinor: string;
  brokenSeq: number | null;
  remindersSent: string[];
}

export async function paymentPlanWorkflow(input: PaymentPlanInput): Promise<PaymentPlanResult> {
  const id = input.planId;
  const instalments = input.instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountMinor: BigInt(i.amountMinor) }));
  let status: PaymentPlanStatus = input.needsApproval ? 'pending_approval' : 'active';
  let paid = 0n;
  let standing: InstalmentStanding[] = allocateToInstalments(instalments, 0n);
  let brokenSeq: number | null = null;
  let decision: PaymentPlanDecision | null = null;
  let payments = 0;
  const reminded = new Set<string>();

  const state = (): PaymentPlanState => ({
    status, paidMinor: paid.toString(), remindersSent: [...reminded], brokenSeq,
    instalments: standing.map((s) => ({
      seq: s.seq, dueDate: s.dueDate, amountMinor: s.amountMinor.toString(), paidMinor: s.paidMinor.toString(), remainingMinor: s.remainingMinor.toString(),
    })),
  });
  setHandler(paymentPlanStateQuery, state);
  setHandler(paymentPlanPaymentSignal, () => {
    payments++;
  });
  setHandler(
    decidePaymentPlanUpdate,
    async (d) => {
      decision = d;
      await condition(() => status !== 'pending_approval');
      return state();
    },
    {
      validator: (d) => {
        if (status !== 'pending_approval' || decision !== null) {
          throw ApplicationFailure.create({ type: 'PLAN_NOT_PENDING', message: `The plan is ${status}: no decision is pending`, nonRetryable: true });
        }
        if (d.decision !== 'approve' && d.decision !== 'reject') {
          throw ApplicationFailure.create({ type: 'BAD_DECISION', message: 'decision must be approve or reject', nonRetryable: true });
        }
      },
    },
  );

  if (status === 'pending_approval') {
    await condition(() => decision !== null);
    const d = decision!;
    if (d.decision === 'reject') {
      await activities.recordPaymentPlanTransition(id, { status: 'rejected', at: new Date().toISOString(), decidedBy: d.decider.name, comment: d.comment });
      status = 'rejected';
      return { status: 'rejected', paidMinor: '0', brokenSeq: null, remindersSent: [] };
    }
    await activities.recordPaymentPlanTransition(id, { status: 'active', at: new Date().toISOString(), decidedBy: d.decider.name, comment: d.comment });
    status = 'active';
  }

  const judgedAt = (dueDate: string) => instalmentJudgedAt(dueDate, input.graceBusinessDays, input.calendar, input.timeZone);
  const dueAt = (dueDate: string) => zonedDateHourToEpoch(dueDate, input.sendHour, input.timeZone);
  const beforeAt = (dueDate: string) => zonedDateHourToEpoch(addDays(dueDate, -input.reminderDaysBefore), input.sendHour, input.timeZone);

  await activities.holdPaymentPlanDunning(id);
  for (;;) {
    const seen = payments;
    paid = BigInt((await activities.measurePaymentPlan(id)).paidMinor);
    standing = allocateToInstalments(instalments, paid);
    const now = Date.now();
    const judgement = judgePlan(standing, now, judgedAt, dueAt);
    if (judgement.outcome === 'completed') {
      status = 'completed';
      break;
    }
    if (judgement.outcome === 'broken') {
      status = 'broken';
      brokenSeq = judgement.seq;
      break;
    }
    // Reminders of the instalments still not covered: the latest one due (a "before" passed unsent is not sent late after "on due").
    let next = Number.POSITIVE_INFINITY;
    for (const s of standing.filter((x) => x.remainingMinor > 0n)) {
      const onDue = dueAt(s.dueDate);
      const before = beforeAt(s.dueDate);
      const kind = now >= onDue ? 'on_due' : now >= before ? 'before_due' : null;
      if (kind && !reminded.has(`${s.seq}:${kind}`)) {
        await activities.sendInstalmentReminder(id, s.seq, kind, s.remainingMinor.toString());
        reminded.add(`${s.seq}:${kind}`);
      }
      for (const at of [before, onDue, judgedAt(s.dueDate)]) if (at > now && at < next) next = at;
    }
    if (next === Number.POSITIVE_INFINITY) await condition(() => payments > seen);
    else await condition(() => payments > seen, Math.max(1, next - Date.now()));
  }

  const outcome = status;
  await activities.recordPaymentPlanTransition(id, { status: outcome, at: new Date().toISOString(), paidMinor: paid.toString(), brokenSeq });
  await activities.releasePaymentPlanDunning(id);
  if (outcome === 'broken') await activities.followUpBrokenPaymentPlan(id, brokenSeq!);
  return { status: outcome, paidMinor: paid.toString(), brokenSeq, remindersSent: [...reminded] };
}
