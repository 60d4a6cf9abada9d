// A generated ledger and bank credits with the noise real statements have, shared by the cash
// matching benchmarks (pure engine, and through the database): mangled references (prefixes,
// spaces, lost zeros, truncation), missing references, grouped, short and over-payments, payers
// with a second unlearned IBAN, lookalike customer names, unknown payers. Deterministic per seed.
import type { BankCredit, LedgerCustomer, LedgerInvoice } from '../src/cash/matching/match-line.js';

export interface CashLedgerSpec { customers: number; invoices: number; lines: number; seed: number }

/** What the line really paid: the benchmark compares the engine's proposal with it. */
export interface Truth { customerId: string | null; invoiceIds: string[] }

export interface CashLedger {
  customers: LedgerCustomer[];
  invoices: LedgerInvoice[];
  /** Payer IBANs confirmed earlier (learned). */
  ibanToCustomer: Map<string, string>;
  lines: { credit: BankCredit; truth: Truth }[];
}

const SYLLABLES = ['ma', 'ri', 'du', 'ran', 'bel', 'lo', 'tre', 'gar', 'ni', 'vo', 'sel', 'pa', 'quet', 'mon', 'tal', 'ber', 'ro', 'chet', 'fa', 'bry'];
const FORMS = ['SA', 'SAS', 'SARL', 'GmbH', 'Ltd', ''];
const ACTIVITIES = ['Industrie', 'Distribution', 'Transports', 'Services', 'Bâtiment', 'Conseil'];

export function generateCashLedger(spec: CashLedgerSpec): CashLedger {
  let seed = spec.seed;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const word = () => { const w = Array.from({ length: 2 + int(2) }, () => pick(SYLLABLES)).join(''); return w[0]!.toUpperCase() + w.slice(1); };

  // Customers; one in twenty has a lookalike twin ("… Industrie" / "… Industries").
  const customers: LedgerCustomer[] = [];
  for (let i = 0; customers.length < spec.customers; i++) {
    const name = `${word()} ${pick(ACTIVITIES)} ${pick(FORMS)}`.trim();
    customers.push({ id: `C${customers.length}`, name });
    if (rand() < 0.05 && customers.length < spec.customers) customers.push({ id: `C${customers.length}`, name: name.replace(/(\w+)( \w*)?$/, '$1s$2') });
  }
  const iban = (i: number, n: number) => `FR76${String(10_000 + i).padStart(10, '0')}${String(n).padStart(13, '0')}`;
  const ibanToCustomer = new Map<string, string>();
  customers.forEach((c, i) => { if (rand() < 0.6) ibanToCustomer.set(iban(i, 1), c.id); });

  const invoices: LedgerInvoice[] = [];
  const byCustomer = new Map<string, LedgerInvoice[]>();
  for (let i = 0; i < spec.invoices; i++) {
    const customer = customers[int(customers.length)]!;
    const number = `F2026-${String(i + 1).padStart(6, '0')}`;
    const inv: LedgerInvoice = {
      id: `I${i}`, externalId: `ERP${900_000 + i}`, number, customerId: customer.id, currency: 'EUR',
      openMinor: BigInt(10_000 + int(990_000)), dueDate: `2026-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`,
    };
    invoices.push(inv);
    const list = byCustomer.get(customer.id) ?? [];
    list.push(inv);
    byCustomer.set(customer.id, list);
  }

  const mangle = (number: string): string => {
    const digits = number.slice(6);
    return pick([
      () => number, () => `FAC ${number.slice(1)}`, () => `Invoice ${number.slice(1).replace('-', '/')}`,
      () => `F2026 ${digits}`, () => `2026-${digits.replace(/^0+/, '')}`, () => number.slice(0, number.length - 1),
      () => `facture n° ${number}`,
    ])();
  };

  const used = new Set<string>();
  const lines: CashLedger['lines'] = [];
  const customersWithInvoices = [...byCustomer.keys()];
  while (lines.length < spec.lines) {
    const ci = Number(pick(customersWithInvoices).slice(1));
    const customer = customers[ci]!;
    const open = (byCustomer.get(customer.id) ?? []).filter((i) => !used.has(i.id));
    if (open.length === 0) continue;
    const kind = rand();
    const count = kind < 0.6 ? 1 : kind < 0.85 ? Math.min(open.length, 2 + int(2)) : 1;
    const chosen = open.slice(0, count);
    chosen.forEach((i) => used.add(i.id));
    let amount = chosen.reduce((s, i) => s + i.openMinor, 0n);
    const shape = rand();
    if (shape < 0.08) amount -= BigInt(1 + int(1500)); // short payment (discount, bank fee)
    else if (shape < 0.12) amount += BigInt(1000 + int(20_000)); // over-payment
    const withReference = rand() < 0.75;
    const texts = withReference ? [chosen.map((i) => mangle(i.number)).join(pick([' / ', ' + ', ', ', ' ']))] : [pick(['VIREMENT', 'PAIEMENT', 'REGLEMENT FACTURES', ''])];
    const learned = ibanToCustomer.has(iban(ci, 1));
    const payerIban = learned && rand() < 0.8 ? iban(ci, 1) : iban(ci, 2 + int(3)); // a second, unlearned account
    const payerName = pick([customer.name, customer.name.toUpperCase(), customer.name.slice(0, 18), customer.name.replace(/ (SA|SAS|SARL|GmbH|Ltd)$/, '')]);
    const unknownPayer = rand() < 0.04;
    lines.push({
      credit: { amountMinor: amount, currency: 'EUR', payerIban: unknownPayer ? 'DE00999' + int(1e9) : payerIban, payerName: unknownPayer ? `${word()} ${word()}` : payerName, texts },
      truth: unknownPayer && !withReference ? { customerId: null, invoiceIds: [] } : { customerId: customer.id, invoiceIds: chosen.map((i) => i.id).sort() },
    });
  }
  return { customers, invoices, ibanToCustomer, lines };
}

/** Share applied automatically, correct among them, right among suggestions. */
export function qualityReport(
  lines: readonly { truth: Truth }[],
  proposals: readonly { customerId: string | null; decision: string; allocations: readonly { invoiceId: string }[] }[],
): string[] {
  const right = (i: number) => {
    const p = proposals[i]!;
    const truth = lines[i]!.truth;
    return p.customerId === truth.customerId && p.allocations.map((a) => a.invoiceId).sort().join() === truth.invoiceIds.join();
  };
  const count = (f: (i: number) => boolean) => lines.reduce((n, _, i) => n + (f(i) ? 1 : 0), 0);
  const auto = count((i) => proposals[i]!.decision === 'auto');
  const autoRight = count((i) => proposals[i]!.decision === 'auto' && right(i));
  const suggested = count((i) => proposals[i]!.decision === 'suggested');
  const suggestedRight = count((i) => proposals[i]!.decision === 'suggested' && right(i));
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);
  return [
    `applied automatically: ${auto} (${pct(auto, lines.length)}), correct among them: ${autoRight} (${pct(autoRight, auto)}), wrong: ${auto - autoRight}`,
    `suggested: ${suggested} (${pct(suggested, lines.length)}), right among them: ${suggestedRight} (${pct(suggestedRight, suggested)})`,
    `unmatched: ${lines.length - auto - suggested} (${pct(lines.length - auto - suggested, lines.length)})`,
  ];
}
