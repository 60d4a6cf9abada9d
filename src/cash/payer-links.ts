import type { EntityManager } from 'typeorm';
import { normaliseName } from './matching/normalise.js';
import { parseStyleKey, styleKey, type ReferenceStyle } from './matching/reference-style.js';
import { PayerLink } from './payer-link.entity.js';

export const ibanKey = (iban: string): string => iban.replace(/\s+/g, '').toUpperCase();

/**
 * The learned payer tables for the matching engine. A key confirmed for more
 * than one customer (a holding paying for several subsidiaries) is left out:
 * it names nobody for sure, and the references decide.
 */
export async function learnedPayers(manager: EntityManager, entityId: string): Promise<{
  ibanToCustomer: Map<string, string>; nameToCustomer: Map<string, string>; referenceStyles: Map<string, ReferenceStyle[]>;
}> {
  const links = await manager.find(PayerLink, { where: { entityId }, select: { kind: true, key: true, customerId: true } });
  const unique = (kind: PayerLink['kind']) => {
    const seen = new Map<string, string | null>();
    for (const l of links.filter((x) => x.kind === kind)) seen.set(l.key, seen.has(l.key) && seen.get(l.key) !== l.customerId ? null : l.customerId);
    return new Map([...seen].filter((e): e is [string, string] => e[1] !== null));
  };
  const referenceStyles = new Map<string, ReferenceStyle[]>();
  for (const l of links) {
    const style = l.kind === 'style' ? parseStyleKey(l.key) : null;
    if (!style) continue;
    const list = referenceStyles.get(l.customerId);
    if (list) list.push(style); else referenceStyles.set(l.customerId, [style]);
  }
  return { ibanToCustomer: unique('iban'), nameToCustomer: unique('name'), referenceStyles };
}

/**
 * A reviewer confirmed that this payer paid for this customer: remember its
 * IBAN, its name, and how the customer wrote the invoice numbers when the
 * text did not carry them whole (its reference style).
 */
export async function teachPayer(
  manager: EntityManager, entityId: string, payer: { payerIban: string | null; payerName: string | null }, customerId: string,
  styles: readonly ReferenceStyle[] = [],
): Promise<void> {
  const keys: { kind: PayerLink['kind']; key: string }[] = styles.map((s) => ({ kind: 'style', key: styleKey(s) }));
  if (payer.payerIban) keys.push({ kind: 'iban', key: ibanKey(payer.payerIban) });
  const name = payer.payerName ? normaliseName(payer.payerName) : '';
  if (name) keys.push({ kind: 'name', key: name });
  for (const { kind, key } of keys) {
    await manager.query(
      `INSERT INTO cash_payer_links (entity_id, kind, key, customer_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (entity_id, kind, key, customer_id) DO UPDATE SET confirmations = cash_payer_links.confirmations + 1, updated_at = now()`,
      [entityId, kind, key, customerId],
    );
  }
}
