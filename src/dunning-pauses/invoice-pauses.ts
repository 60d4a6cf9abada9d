import { IsNull, type EntityManager } from 'typeorm';
import type { DunningPausedSignal } from '../../workflows/definitions.js';
import { toPauseSignal } from './active-pauses.js';
import { DunningPause } from './dunning-pause.entity.js';

/** An invoice-level pause as other capabilities see it (disputes pause the invoices they hold). */
export interface InvoicePause {
  id: string;
  reason: string;
  signal: DunningPausedSignal;
}

const toInvoicePause = (p: DunningPause): InvoicePause => ({ id: p.id, reason: p.reason, signal: toPauseSignal(p) });

/**
 * The invoice's own pause in force, or a new one with `reason` (created: true),
 * within the caller's transaction.
 */
export async function ensureInvoicePause(
  manager: EntityManager, target: { invoiceId: string; customerId: string }, reason: string,
): Promise<{ pause: InvoicePause; created: boolean }> {
  const current = await manager.findOneBy(DunningPause, { invoiceId: target.invoiceId, scope: 'invoice', resumedAt: IsNull() });
  if (current) return { pause: toInvoicePause(current), created: false };
  const pause = await manager.save(manager.create(DunningPause, {
    scope: 'invoice', invoiceId: target.invoiceId, customerId: target.customerId, reason, until: null, resumedAt: null,
  }));
  return { pause: toInvoicePause(pause), created: true };
}

/** The invoice's own pause in force with this reason, if any. */
export async function invoicePauseWithReason(manager: EntityManager, invoiceId: string, reason: string): Promise<InvoicePause | null> {
  const pause = await manager.findOneBy(DunningPause, { invoiceId, scope: 'invoice', resumedAt: IsNull(), reason });
  return pause && toInvoicePause(pause);
}

/** Hands a pause over to another holder (e.g. another open dispute on the invoice). */
export async function setPauseReason(manager: EntityManager, pauseId: string, reason: string): Promise<void> {
  await manager.update(DunningPause, { id: pauseId }, { reason });
}

export async function resumePause(manager: EntityManager, pauseId: string, at: Date): Promise<void> {
  await manager.update(DunningPause, { id: pauseId }, { resumedAt: at });
}
