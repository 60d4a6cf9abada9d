import { IsNull, type EntityManager } from 'typeorm';
import type { DunningPausedSignal } from '../../workflows/definitions.js';
import { DunningPause } from './dunning-pause.entity.js';

/** Pauses in force now for an invoice: its own and its customer's. */
export async function activePausesFor(
  manager: EntityManager,
  target: { invoiceId?: string; customerId: string },
  now = new Date(),
): Promise<DunningPause[]> {
  const rows = await manager.find(DunningPause, {
    where: [
      ...(target.invoiceId ? [{ invoiceId: target.invoiceId, scope: 'invoice' as const, resumedAt: IsNull() }] : []),
      { customerId: target.customerId, scope: 'customer' as const, resumedAt: IsNull() },
    ],
    order: { createdAt: 'ASC' },
  });
  return rows.filter((p) => p.until === null || p.until > now);
}

export function toPauseSignal(p: DunningPause): DunningPausedSignal {
  return { pauseId: p.id, scope: p.scope, reason: p.reason, until: p.until?.toISOString() ?? null };
}

export function toPauseView(p: DunningPause) {
  return { id: p.id, scope: p.scope, reason: p.reason, since: p.createdAt.toISOString(), until: p.until?.toISOString() ?? null };
}
