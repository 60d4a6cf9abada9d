import { In, IsNull, type EntityManager } from 'typeorm';
import type { DunningPausedSignal } from '../../workflows/definitions.js';
import { DunningPause } from './dunning-pause.entity.js';

/** A pause in force, as other capabilities receive it (they never import the entity). */
export type ActivePause = DunningPause;

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

/** Customer-wide pauses in force for several customers at once (an initial load's batch), by customer. */
export async function activeCustomerPauses(manager: EntityManager, customerIds: readonly string[], now = new Date()): Promise<Map<string, DunningPause[]>> {
  const byCustomer = new Map<string, DunningPause[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return byCustomer;
  const rows = await manager.find(DunningPause, {
    where: { customerId: In([...new Set(customerIds)]), scope: 'customer', resumedAt: IsNull() },
    order: { createdAt: 'ASC' },
  });
  for (const p of rows) if (p.until === null || p.until > now) byCustomer.get(p.customerId)?.push(p);
  return byCustomer;
}

export function toPauseSignal(p: DunningPause): DunningPausedSignal {
  return { pauseId: p.id, scope: p.scope, reason: p.reason, until: p.until?.toISOString() ?? null };
}

export function toPauseView(p: DunningPause) {
  return { id: p.id, scope: p.scope, reason: p.reason, since: p.createdAt.toISOString(), until: p.until?.toISOString() ?? null };
}
