/**
 * Scenario effectiveness as a pure aggregation: what each step of each
 * scenario version did (messages, delivery), and what followed it (payments,
 * promises, disputes). docs/scenarios.md, "Effectiveness", states the rules.
 */
import { addDays, daysBetween } from '../../workflows/domain/calendar.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { round } from './statistics.js';

/** The windows of "paid within N days after the step". */
export const PAID_WITHIN_WINDOWS = [3, 7, 14] as const;
/** A payment, promise or dispute counts for the latest step before it, at most this many days before. */
export const ATTRIBUTION_DAYS = 14;

/** One scenario step that ran for one invoice (its timeline's step event). */
export interface StepExecution {
  invoiceId: string;
  version: number;
  step: string;
  /** ISO instant it ran (orders an invoice's steps). */
  at: string;
  /** Its day where the entity is (YYYY-MM-DD). */
  date: string;
}

export interface InvoiceOutcome {
  id: string;
  currency: string;
  dueDate: string;
  /** The day its open amount reached zero, or null while open. */
  settledOn: string | null;
  /** Closed by a cancellation or a write-off rather than paid. */
  closedOtherwise: boolean;
}

export type MessageOutcome = 'sent' | 'failed' | 'pending';

/** A customer message that carried an invoice's step on one channel (a consolidated one carries several). */
export interface StepMessage {
  invoiceId: string;
  step: string;
  channel: string;
  messageId: string;
  outcome: MessageOutcome;
  /** null: delivery is not tracked for this message. */
  delivered: boolean | null;
  opened: boolean | null;
}

/** Cash received on an invoice on a day (minor units; a reversal is negative). */
export interface Collection {
  invoiceId: string;
  date: string;
  amountMinor: bigint;
}

/** A dispute raised, a promise obtained: one dated fact on an invoice. */
export interface InvoiceFact {
  invoiceId: string;
  date: string;
}

export interface EffectivenessInput {
  /** The scenario's versions and their steps in definition order. */
  versions: readonly { version: number; steps: readonly { key: string; action: string }[] }[];
  executions: readonly StepExecution[];
  invoices: readonly InvoiceOutcome[];
  messages: readonly StepMessage[];
  collections: readonly Collection[];
  disputes: readonly InvoiceFact[];
  promises: readonly InvoiceFact[];
  /** Today where the entity is: windows not over yet are left out of the rates. */
  asOf: string;
}

export interface WindowFigures {
  /** Reached invoices paid in full at most N days after the step. */
  paid: number;
  /** Reached invoices whose N-day window is over, or that were paid within it. */
  decided: number;
  /** paid / decided, 4 decimals; null when nothing is decided yet. */
  rate: number | null;
}

/** Distinct messages: one consolidated message carrying several invoices counts once. */
export interface MessageFigures {
  sent: number;
  failed: number;
  pending: number;
  /** null while delivery is not tracked. */
  delivered: number | null;
  opened: number | null;
}

export interface OutcomeFigures {
  /** Invoices the step ran for. */
  invoices: number;
  messages: MessageFigures;
  paidWithin: Record<'days3' | 'days7' | 'days14', WindowFigures>;
  /** Cash received on those invoices, attributed to this step (per currency). */
  collected: { currency: string; amount: string }[];
  promises: number;
  disputes: number;
  /** Mean of max(0, settled − due) over the reached invoices now paid in full, 2 decimals. */
  averageDaysLate: number | null;
  /** How many invoices that mean is over. */
  paidInvoices: number;
}

export interface StepEffectiveness extends OutcomeFigures {
  step: string;
  action: string | null;
  channels: (OutcomeFigures & { channel: string })[];
}

export interface VersionEffectiveness {
  version: number;
  /** Invoices at least one step of this version ran for. */
  invoices: number;
  steps: StepEffectiveness[];
}

interface Attributed {
  collected: Map<string, bigint>;
  promises: number;
  disputes: number;
}

/** Index of the execution a dated fact is attributed to: the invoice's latest step on or before it, within 14 days. */
function attribute(executions: readonly StepExecution[], date: string): number | null {
  let found: number | null = null;
  executions.forEach((e, i) => {
    if (e.date <= date && daysBetween(e.date, date) <= ATTRIBUTION_DAYS) found = i;
  });
  return found;
}

const key = (e: { invoiceId: string; step: string }) => `${e.invoiceId} ${e.step}`;

function push<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

/**
 * Per version, step and channel: invoices reached, messages (sent, failed,
 * delivered, opened), invoices paid within 3/7/14 days of the step, cash
 * collected, promises and disputes that followed it, average days late.
 */
export function scenarioEffectiveness(input: EffectivenessInput): VersionEffectiveness[] {
  const invoices = new Map(input.invoices.map((i) => [i.id, i]));
  const messagesByStep = new Map<string, StepMessage[]>();
  for (const m of input.messages) push(messagesByStep, key(m), m);

  // Each invoice's executions in the order they ran; dated facts go to the latest one before them.
  const byInvoice = new Map<string, StepExecution[]>();
  for (const e of input.executions) push(byInvoice, e.invoiceId, e);
  const attributed = new Map<StepExecution, Attributed>();
  const slot = (e: StepExecution) => {
    let a = attributed.get(e);
    if (!a) attributed.set(e, (a = { collected: new Map(), promises: 0, disputes: 0 }));
    return a;
  };
  for (const list of byInvoice.values()) list.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  const onto = (fact: InvoiceFact, apply: (a: Attributed) => void) => {
    const list = byInvoice.get(fact.invoiceId);
    const i = list ? attribute(list, fact.date) : null;
    if (list && i !== null) apply(slot(list[i]!));
  };
  for (const c of input.collections) {
    const currency = invoices.get(c.invoiceId)?.currency;
    if (currency) onto(c, (a) => a.collected.set(currency, (a.collected.get(currency) ?? 0n) + c.amountMinor));
  }
  for (const d of input.disputes) onto(d, (a) => a.disputes++);
  for (const p of input.promises) onto(p, (a) => a.promises++);

  const figures = (executions: readonly StepExecution[], messages: readonly StepMessage[]): OutcomeFigures => {
    const paidWithin = (days: number): WindowFigures => {
      let paid = 0;
      let decided = 0;
      for (const e of executions) {
        const inv = invoices.get(e.invoiceId);
        const end = addDays(e.date, days);
        const inTime = !!inv && inv.settledOn !== null && !inv.closedOtherwise && inv.settledOn >= e.date && inv.settledOn <= end;
        if (inTime) paid++;
        if (inTime || input.asOf > end) decided++;
      }
      return { paid, decided, rate: decided === 0 ? null : round(paid / decided, 4) };
    };
    const collected = new Map<string, bigint>();
    let promises = 0;
    let disputes = 0;
    for (const e of executions) {
      const a = attributed.get(e);
      if (!a) continue;
      for (const [currency, amount] of a.collected) collected.set(currency, (collected.get(currency) ?? 0n) + amount);
      promises += a.promises;
      disputes += a.disputes;
    }
    const lateDays = [...new Set(executions.map((e) => e.invoiceId))]
      .map((id) => invoices.get(id))
      .filter((i): i is InvoiceOutcome => !!i && i.settledOn !== null && !i.closedOtherwise)
      .map((i) => Math.max(0, daysBetween(i.dueDate, i.settledOn!)));
    const distinct = [...new Map(messages.map((m) => [m.messageId, m])).values()];
    const count = (keep: (m: StepMessage) => boolean) => distinct.filter(keep).length;
    const tracked = (pick: (m: StepMessage) => boolean | null) =>
      distinct.some((m) => pick(m) !== null) ? count((m) => pick(m) === true) : null;
    return {
      invoices: new Set(executions.map((e) => e.invoiceId)).size,
      messages: {
        sent: count((m) => m.outcome === 'sent'),
        failed: count((m) => m.outcome === 'failed'),
        pending: count((m) => m.outcome === 'pending'),
        delivered: tracked((m) => m.delivered),
        opened: tracked((m) => m.opened),
      },
      paidWithin: { days3: paidWithin(3), days7: paidWithin(7), days14: paidWithin(14) },
      collected: [...collected]
        .filter(([, amount]) => amount !== 0n)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amount]) => ({ currency, amount: formatAmount(amount, currency) })),
      promises,
      disputes,
      averageDaysLate: lateDays.length === 0 ? null : round(lateDays.reduce((s, d) => s + d, 0) / lateDays.length, 2),
      paidInvoices: lateDays.length,
    };
  };

  const versionNumbers = [...new Set([...input.versions.map((v) => v.version), ...input.executions.map((e) => e.version)])].sort((a, b) => a - b);
  return versionNumbers.map((version): VersionEffectiveness => {
    const executions = input.executions.filter((e) => e.version === version);
    const defined = input.versions.find((v) => v.version === version)?.steps ?? [];
    const extra = [...new Set(executions.map((e) => e.step))].filter((s) => !defined.some((d) => d.key === s)).sort();
    const steps = [...defined, ...extra.map((s) => ({ key: s, action: null }))].map((step): StepEffectiveness => {
      const ran = executions.filter((e) => e.step === step.key);
      const messages = ran.flatMap((e) => messagesByStep.get(key(e)) ?? []);
      const channels = [...new Set(messages.map((m) => m.channel))].sort().map((channel) => {
        const onChannel = messages.filter((m) => m.channel === channel);
        const reached = new Set(onChannel.map((m) => m.invoiceId));
        return { channel, ...figures(ran.filter((e) => reached.has(e.invoiceId)), onChannel) };
      });
      return { step: step.key, action: step.action, ...figures(ran, messages), channels };
    });
    return { version, invoices: new Set(executions.map((e) => e.invoiceId)).size, steps };
  });
}
