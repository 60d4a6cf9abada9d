import { formatAmount } from '../../../workflows/domain/money.js';
import { cashReason, type CashReason } from '../cash-reasons.js';
import { diceOf, nameProfile, normaliseName, type NameProfile } from './normalise.js';
import { describeStyle, styledKey, type ReferenceStyle } from './reference-style.js';
import { referenceCandidates, referenceKeys } from './reference-tokens.js';
import { exactSubsets } from './subset-sum.js';

/**
 * The matching engine: pure, no I/O. Given one bank credit and the entity's
 * open ledger, it says who paid, which invoices, how much, how sure it is and
 * why. It proposes; applying is someone else's job.
 */
export interface LedgerInvoice {
  id: string;
  externalId: string;
  number: string;
  customerId: string;
  currency: string;
  openMinor: bigint;
  dueDate: string;
}

export interface LedgerCustomer {
  id: string;
  name: string;
}

export interface MatchingSettings {
  /** Fuzzy payer-name threshold (Dice on bigrams of the normalised names). */
  nameThreshold: number;
  /** Two names closer than this to the best one make the payer ambiguous. */
  nameAmbiguityMargin: number;
  /** A short payment within this many minor units, or this fraction of what was due, is proposed with a write-off/deduction. */
  shortToleranceMinor: bigint;
  shortTolerancePercent: number;
  /** Applied automatically at or above this confidence. Default: reference found and amount exact. */
  autoApplyConfidence: number;
  maxSubsetCandidates: number;
}

export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  nameThreshold: 0.85, nameAmbiguityMargin: 0.1, shortToleranceMinor: 5000n, shortTolerancePercent: 0.02,
  autoApplyConfidence: 0.95, maxSubsetCandidates: 25,
};

export interface BankCredit {
  amountMinor: bigint;
  currency: string;
  payerName: string | null;
  payerIban: string | null;
  texts: (string | null)[];
}

export type ProposalKind = 'exact_single' | 'exact_set' | 'short_payment' | 'over_payment' | 'none';

export interface MatchProposal {
  customerId: string | null;
  kind: ProposalKind;
  allocations: { invoiceId: string; invoiceExternalId: string; amountMinor: bigint }[];
  /** Over-payment left on the customer's account. */
  unappliedMinor: bigint;
  /** Short payment: the difference to write off or dispute. */
  shortMinor: bigint;
  confidence: number;
  decision: 'auto' | 'suggested' | 'unmatched';
  reasons: CashReason[];
}

export interface Ledger {
  invoices: readonly LedgerInvoice[];
  customers: readonly LedgerCustomer[];
  /** Learned from confirmations: payer IBAN → customer. */
  ibanToCustomer: ReadonlyMap<string, string>;
  /** Learned from confirmations: normalised payer name (normaliseName) → customer. */
  nameToCustomer?: ReadonlyMap<string, string>;
  /** Learned from confirmations: how a customer writes our invoice numbers when not whole (customer → styles). */
  referenceStyles?: ReadonlyMap<string, readonly ReferenceStyle[]>;
}

/** The invoices under one reference key: one invoice (nearly always), or several. */
type KeyBucket = LedgerInvoice | LedgerInvoice[];

interface LedgerIndex {
  ledger: Ledger;
  byKey: Map<string, KeyBucket>;
  /** The keys, sorted, for truncated references (built on the first one). */
  sortedKeys: string[] | null;
  byCustomer: Map<string, LedgerInvoice[]>;
  customerName: Map<string, string>;
  /** Customers by the first three letters of each word of their normalised name (the fuzzy match only compares these). */
  nameBlocks: Map<string, NameEntry[]>;
  /** Payer names already looked up against this ledger (a statement names the same payers again and again). */
  payerNames: Map<string, { customerId: string | null; reason: CashReason }>;
}

const invoicesUnder = (bucket: KeyBucket | undefined): readonly LedgerInvoice[] => (bucket === undefined ? [] : Array.isArray(bucket) ? bucket : [bucket]);

/**
 * Built once per ledger, used for every line (10,000 lines against 100,000
 * invoices): 300,000 keys, so a key holds its invoice itself rather than a
 * one-element array (fewer allocations, less garbage collection).
 */
export function indexLedger(ledger: Ledger): LedgerIndex {
  const byKey = new Map<string, KeyBucket>();
  const byCustomer = new Map<string, LedgerInvoice[]>();
  const add = (key: string, inv: LedgerInvoice) => {
    const bucket = byKey.get(key);
    if (bucket === undefined) byKey.set(key, inv);
    else if (Array.isArray(bucket)) {
      if (bucket[bucket.length - 1] !== inv) bucket.push(inv);
    } else if (bucket !== inv) byKey.set(key, [bucket, inv]);
  };
  for (const inv of ledger.invoices) {
    if (inv.openMinor <= 0n) continue;
    for (const key of referenceKeys(inv.number)) add(key, inv);
    if (inv.externalId !== inv.number) for (const key of referenceKeys(inv.externalId)) add(key, inv);
    const list = byCustomer.get(inv.customerId);
    if (list) list.push(inv); else byCustomer.set(inv.customerId, [inv]);
  }
  for (const list of byCustomer.values()) if (list.length > 1) list.sort(oldestFirst);
  const nameBlocks = new Map<string, NameEntry[]>();
  for (const customer of ledger.customers) {
    const entry: NameEntry = { customer, profile: nameProfile(customer.name), seen: 0 };
    for (const block of nameBlockKeys(entry.profile.normalised)) {
      const list = nameBlocks.get(block);
      if (list) list.push(entry); else nameBlocks.set(block, [entry]);
    }
  }
  return {
    ledger, byKey, sortedKeys: null, byCustomer,
    customerName: new Map(ledger.customers.map((c) => [c.id, c.name])), nameBlocks, payerNames: new Map(),
  };
}

export function matchLine(line: BankCredit, index: LedgerIndex, settings: MatchingSettings = DEFAULT_MATCHING_SETTINGS): MatchProposal {
  const reasons: CashReason[] = [];
  const none = (why: CashReason): MatchProposal => ({
    customerId: null, kind: 'none', allocations: [], unappliedMinor: 0n, shortMinor: 0n, confidence: 0, decision: 'unmatched', reasons: [...reasons, why],
  });
  if (line.amountMinor <= 0n) return none(cashReason('NOT_A_CREDIT', {}, 'not a credit'));
  const { currency } = line;
  const amount = (v: bigint) => formatAmount(v, currency);
  const money = (v: bigint) => `${amount(v)} ${currency}`;
  const numbers = (invoices: readonly LedgerInvoice[]) => invoices.map((i) => i.number).join(', ');
  const nameOf = (id: string) => index.customerName.get(id) ?? id;

  // Which invoices the texts name, by hits, in the line's currency.
  const candidateKeys = referenceCandidates(line.texts);
  const hits = referencedInvoices(line, candidateKeys, index);

  // Who paid: learned IBAN, then references, then the payer's name.
  let customerId: string | null = null;
  let payerBy: 'iban' | 'reference' | 'learned_name' | 'name' | null = null;
  const learned = line.payerIban ? index.ledger.ibanToCustomer.get(line.payerIban.replace(/\s+/g, '').toUpperCase()) : undefined;
  if (learned) {
    customerId = learned;
    payerBy = 'iban';
    reasons.push(cashReason('PAYER_IBAN_KNOWN', { iban: line.payerIban!, customer: nameOf(learned) }, `payer IBAN ${line.payerIban} is known for ${nameOf(learned)}`));
  }
  const referencedCustomers = [...new Set(hits.map((h) => h.invoice.customerId))];
  if (!customerId && referencedCustomers.length === 1) {
    customerId = referencedCustomers[0]!;
    payerBy = 'reference';
    reasons.push(cashReason('REFERENCES_NAME_CUSTOMER', { customer: nameOf(customerId) }, `the text names invoices of ${nameOf(customerId)}`));
  } else if (!customerId && referencedCustomers.length > 1) {
    const customers = referencedCustomers.length;
    reasons.push(cashReason('REFERENCES_NAME_SEVERAL_CUSTOMERS', { customers }, `the text names invoices of ${customers} customers`));
  }
  const learnedName = !customerId && line.payerName ? index.ledger.nameToCustomer?.get(normaliseName(line.payerName)) : undefined;
  if (learnedName) {
    customerId = learnedName;
    payerBy = 'learned_name';
    reasons.push(cashReason('PAYER_NAME_LEARNED', { payerName: line.payerName!, customer: nameOf(learnedName) },
      `payer name "${line.payerName}" is known for ${nameOf(learnedName)}`));
  }
  if (!customerId && line.payerName) {
    const key = `${settings.nameThreshold}:${settings.nameAmbiguityMargin}:${line.payerName}`;
    let byName = index.payerNames.get(key);
    if (!byName) index.payerNames.set(key, (byName = payerByName(line.payerName, index, settings)));
    if (byName.customerId) {
      customerId = byName.customerId;
      payerBy = 'name';
    }
    reasons.push(byName.reason);
  }
  if (!customerId) return none(cashReason('PAYER_NOT_IDENTIFIED', {}, 'payer not identified'));

  // Never another customer's or another currency's invoices.
  const own = (index.byCustomer.get(customerId) ?? []).filter((inv) => inv.currency === line.currency);
  let referenced = hits.filter((h) => h.invoice.customerId === customerId && h.invoice.currency === line.currency).map((h) => h.invoice);
  if (hits.length > referenced.length) {
    reasons.push(cashReason('OTHER_REFERENCES_LEFT_ASIDE', {}, 'references to invoices of another customer or currency are left aside'));
  }
  if (own.length === 0) return { ...none(cashReason('NO_OPEN_INVOICE', { currency }, `no open ${currency} invoice for this customer`)), customerId };
  // No whole number in the text, but a payer known for sure: the way this customer writes our numbers (learned).
  const styles = payerBy === 'name' ? undefined : index.ledger.referenceStyles?.get(customerId);
  if (referenced.length === 0 && styles?.length && candidateKeys.size > 0) {
    const styled = styledInvoices(own, styles, candidateKeys);
    if (styled.invoices.length > 0) {
      referenced = styled.invoices;
      // The params name the first style (a customer nearly always has one); the text names them all.
      const first = styled.styles[0]!;
      reasons.push(cashReason('REFERENCE_STYLE', { style: first.kind, characters: first.length, styles: styled.styles.length, invoices: numbers(referenced) },
        `written the way this customer writes references (${styled.styles.map(describeStyle).join(', ')}): ${numbers(referenced)}`));
    }
  }

  const proposal = (kind: ProposalKind, invoices: LedgerInvoice[], confidence: number, extra: Partial<MatchProposal> = {}): MatchProposal => {
    const allocations = allocate(invoices, line.amountMinor);
    const finalConfidence = Math.min(confidence, payerBy === 'name' ? 0.9 : 1);
    return {
      customerId, kind, allocations, unappliedMinor: 0n, shortMinor: 0n, confidence: finalConfidence,
      decision: finalConfidence >= settings.autoApplyConfidence ? 'auto' : 'suggested', reasons, ...extra,
    };
  };

  // 1. The referenced invoices, exactly.
  if (referenced.length > 0) {
    const due = sum(referenced);
    if (due === line.amountMinor) {
      reasons.push(cashReason('REFERENCED_EXACT', { count: referenced.length, invoices: numbers(referenced) },
        `${referenced.length === 1 ? 'referenced invoice' : `${referenced.length} referenced invoices`} ${numbers(referenced)} add up to the amount exactly`));
      return proposal(referenced.length === 1 ? 'exact_single' : 'exact_set', referenced, 0.98);
    }
    const subsets = exactSubsets(referenced.map((i) => i.openMinor), line.amountMinor, { limit: settings.maxSubsetCandidates, max: 2 });
    if (subsets.length === 1) {
      const chosen = subsets[0]!.map((i) => referenced[i]!);
      reasons.push(cashReason('REFERENCED_SUBSET_EXACT', { count: chosen.length, invoices: numbers(chosen) },
        `referenced invoices ${numbers(chosen)} add up to the amount exactly (other references not paid)`));
      return proposal(chosen.length === 1 ? 'exact_single' : 'exact_set', chosen, 0.9);
    }
    if (due > line.amountMinor && withinTolerance(due - line.amountMinor, due, settings)) {
      reasons.push(cashReason('REFERENCED_SHORT', { amount: amount(due - line.amountMinor), currency },
        `short payment of ${money(due - line.amountMinor)} on the referenced invoices, within tolerance: write-off or deduction to decide`));
      return proposal('short_payment', referenced, 0.8, { shortMinor: due - line.amountMinor });
    }
    if (due < line.amountMinor) {
      reasons.push(cashReason('REFERENCED_OVER', { amount: amount(line.amountMinor - due), currency },
        `over-payment of ${money(line.amountMinor - due)} beyond the referenced invoices: left unapplied on the account`));
      return proposal('over_payment', referenced, 0.75, { unappliedMinor: line.amountMinor - due });
    }
    reasons.push(cashReason('REFERENCED_UNEXPLAINED', { dueAmount: amount(due), currency }, `the referenced invoices (${money(due)}) do not explain the amount`));
  }

  // 2. No usable reference: one open invoice of exactly this amount.
  const sameAmount = own.filter((inv) => inv.openMinor === line.amountMinor);
  if (sameAmount.length === 1) {
    reasons.push(cashReason('ONE_OPEN_SAME_AMOUNT', { invoice: sameAmount[0]!.number }, `one open invoice ${sameAmount[0]!.number} of exactly this amount`));
    return proposal('exact_single', sameAmount, 0.8);
  }
  if (sameAmount.length > 1) {
    reasons.push(cashReason('SEVERAL_OPEN_SAME_AMOUNT', { count: sameAmount.length, invoice: sameAmount[0]!.number },
      `${sameAmount.length} open invoices of exactly this amount: the oldest is proposed`));
    return proposal('exact_single', [sameAmount[0]!], 0.6);
  }

  // 3. A set of open invoices, oldest first, that adds up exactly.
  const candidates = own.slice(0, settings.maxSubsetCandidates);
  const subsets = exactSubsets(candidates.map((i) => i.openMinor), line.amountMinor, { limit: settings.maxSubsetCandidates, max: 2 });
  if (subsets.length >= 1) {
    const chosen = subsets[0]!.map((i) => candidates[i]!);
    const unique = subsets.length === 1 || subsets[1]!.length > subsets[0]!.length;
    reasons.push(cashReason('OPEN_SET_EXACT', { count: chosen.length, invoices: numbers(chosen), unique: unique ? 'yes' : 'no' },
      `${chosen.length} open invoices ${numbers(chosen)} add up to the amount exactly${unique ? '' : ' (another set does too)'}`));
    return proposal('exact_set', chosen, unique ? 0.75 : 0.55);
  }

  // 4. Short or over-paid against the oldest open invoice.
  const oldest = own[0]!;
  if (oldest.openMinor > line.amountMinor && withinTolerance(oldest.openMinor - line.amountMinor, oldest.openMinor, settings)) {
    reasons.push(cashReason('OLDEST_SHORT', { amount: amount(oldest.openMinor - line.amountMinor), currency, invoice: oldest.number },
      `short payment of ${money(oldest.openMinor - line.amountMinor)} on the oldest open invoice ${oldest.number}, within tolerance`));
    return proposal('short_payment', [oldest], 0.5, { shortMinor: oldest.openMinor - line.amountMinor });
  }
  const total = sum(own);
  if (line.amountMinor > total) {
    reasons.push(cashReason('OVER_ALL_OPEN', { openAmount: amount(total), amount: amount(line.amountMinor - total), currency },
      `more than all open invoices (${money(total)}): ${money(line.amountMinor - total)} left unapplied`));
    return proposal('over_payment', own, 0.5, { unappliedMinor: line.amountMinor - total });
  }
  return { ...none(cashReason('NOTHING_EXPLAINS_AMOUNT', {}, 'no invoice or set of invoices explains the amount')), customerId };
}

/** The customer's own invoices whose number, written in one of its learned styles, is in the texts (oldest first). */
function styledInvoices(own: readonly LedgerInvoice[], styles: readonly ReferenceStyle[], keys: ReadonlySet<string>) {
  const used = new Set<ReferenceStyle>();
  const invoices = own.filter((inv) => styles.some((s) => {
    const key = styledKey(inv.number, s);
    if (key === null || !keys.has(key)) return false;
    used.add(s);
    return true;
  }));
  return { invoices, styles: [...used] };
}

function referencedInvoices(line: BankCredit, keys: ReadonlySet<string>, index: LedgerIndex): { invoice: LedgerInvoice; hits: number }[] {
  const counts = new Map<LedgerInvoice, number>();
  for (const key of keys) {
    const exact = index.byKey.get(key);
    if (exact !== undefined) {
      for (const inv of invoicesUnder(exact)) counts.set(inv, (counts.get(inv) ?? 0) + 2);
      continue;
    }
    // Truncated by the bank: a long enough prefix of exactly one invoice's key.
    if (key.length >= 6) {
      index.sortedKeys ??= [...index.byKey.keys()].sort();
      const found = prefixMatches(index.sortedKeys, key, 2);
      if (found.length === 1) for (const inv of invoicesUnder(index.byKey.get(found[0]!))) counts.set(inv, (counts.get(inv) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .filter(([inv]) => inv.currency === line.currency)
    .map(([invoice, hits]) => ({ invoice, hits }))
    .sort((a, b) => b.hits - a.hits || oldestFirst(a.invoice, b.invoice));
}

const MAX_NAME_BLOCK = 256;
let lookups = 0;

interface NameEntry {
  customer: LedgerCustomer;
  profile: NameProfile;
  seen: number;
}

function nameBlockKeys(normalised: string): string[] {
  return [...new Set(normalised.split(' ').filter((w) => w.length >= 3).map((w) => w.slice(0, 3)))];
}

function prefixMatches(sorted: readonly string[], prefix: string, max: number): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1; else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && out.length < max && sorted[i]!.startsWith(prefix); i++) if (sorted[i] !== prefix) out.push(sorted[i]!);
  return out;
}

function payerByName(name: string, index: LedgerIndex, settings: MatchingSettings): { customerId: string | null; reason: CashReason } {
  const profile = nameProfile(name);
  // Compare within the rarest blocks: a block as common as "DIS" (Distribution) would mean the whole ledger.
  const blocks = nameBlockKeys(profile.normalised).map((k) => index.nameBlocks.get(k) ?? []).filter((b) => b.length > 0).sort((a, b) => a.length - b.length);
  const small = blocks.filter((b) => b.length <= MAX_NAME_BLOCK);
  // A customer sharing several blocks with the payer is scored once (marked with this look-up's stamp).
  const stamp = ++lookups;
  const candidates: NameEntry[] = [];
  for (const block of small.length ? small : blocks.slice(0, 1)) {
    for (const entry of block) {
      if (entry.seen === stamp) continue;
      entry.seen = stamp;
      candidates.push(entry);
    }
  }
  // Only names that can reach the threshold count (Dice ≤ 2·min/(sum) of the bigram counts): the others are not scored at all.
  let best: { c: LedgerCustomer; score: number } | undefined;
  let second: { c: LedgerCustomer; score: number } | undefined;
  for (const { customer, profile: other } of candidates) {
    if ((2 * Math.min(profile.size, other.size)) / (profile.size + other.size) < settings.nameThreshold) continue;
    const score = diceOf(profile, other);
    if (!best || score > best.score) {
      second = best;
      best = { c: customer, score };
    } else if (!second || score > second.score) second = { c: customer, score };
  }
  if (!best || best.score < settings.nameThreshold) {
    return { customerId: null, reason: cashReason('PAYER_NAME_NO_MATCH', { payerName: name }, `no customer name close enough to "${name}"`) };
  }
  if (second && second.score >= best.score - settings.nameAmbiguityMargin && second.score >= settings.nameThreshold) {
    return {
      customerId: null,
      reason: cashReason('PAYER_NAME_AMBIGUOUS', { payerName: name, customer: best.c.name, otherCustomer: second.c.name }, `"${name}" is as close to ${best.c.name} as to ${second.c.name}: no guess`),
    };
  }
  const similarity = Number(best.score.toFixed(2));
  return {
    customerId: best.c.id,
    reason: cashReason('PAYER_NAME_MATCHES', { payerName: name, customer: best.c.name, similarity }, `payer name "${name}" matches ${best.c.name} (${best.score.toFixed(2)})`),
  };
}

/** Oldest due first; a short payment leaves the shortfall on the last invoice. */
function allocate(invoices: LedgerInvoice[], amount: bigint): MatchProposal['allocations'] {
  let left = amount;
  return [...invoices].sort(oldestFirst).flatMap((inv) => {
    const part = inv.openMinor < left ? inv.openMinor : left;
    left -= part;
    return part > 0n ? [{ invoiceId: inv.id, invoiceExternalId: inv.externalId, amountMinor: part }] : [];
  });
}

function withinTolerance(short: bigint, due: bigint, settings: MatchingSettings): boolean {
  const basisPoints = BigInt(Math.round(settings.shortTolerancePercent * 10_000));
  return short <= settings.shortToleranceMinor || short * 10_000n <= due * basisPoints;
}

function sum(invoices: readonly LedgerInvoice[]): bigint {
  return invoices.reduce((s, i) => s + i.openMinor, 0n);
}

function oldestFirst(a: LedgerInvoice, b: LedgerInvoice): number {
  return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}
