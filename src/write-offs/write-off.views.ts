import { formatAmount } from '../../workflows/domain/money.js';
import type { WriteOff } from './write-off.entity.js';

export function toWriteOffView(w: WriteOff, invoiceExternalId: string) {
  return {
    id: w.id,
    invoice: { id: w.invoiceId, externalId: invoiceExternalId },
    status: w.status,
    currency: w.currency,
    amount: formatAmount(w.amountMinor, w.currency),
    appliedAmount: w.appliedMinor === null ? null : formatAmount(w.appliedMinor, w.currency),
    reasonCode: w.reasonCode,
    comment: w.comment,
    requestedBy: { userId: w.requestedByUserId, name: w.requestedByName },
    decision: w.decidedAt
      ? { by: { userId: w.decidedByUserId, name: w.decidedByName }, comment: w.decisionComment, at: w.decidedAt.toISOString() }
      : null,
    appliedAt: w.appliedAt?.toISOString() ?? null,
    workflowId: w.workflowId,
    createdAt: w.createdAt.toISOString(),
  };
}

export type WriteOffView = ReturnType<typeof toWriteOffView>;
