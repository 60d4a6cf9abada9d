// Order-check latency (prints figures; not a test):
//
//   npm run -s bench:order-check [-- --customers 10000 --invoices 200000 --calls 10000]
//
// Seeds a scratch database (dropped afterwards) with a portfolio through generate_series, then
// runs the ERP's order check through OrderCheckService (the customer, then its limit, open orders
// and receivables in parallel, the policy in memory, checkOrder) on random customers, one call at a time.
import { seedCreditPortfolio, withScratchCreditServices } from './credit-portfolio.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const customers = arg('customers', 10_000);
const invoices = arg('invoices', 200_000);
const calls = arg('calls', 10_000);

await withScratchCreditServices(async ({ dataSource, orders }) => {
  const t0 = performance.now();
  await seedCreditPortfolio(dataSource, { prefix: 'B', customers, invoicesPerCustomer: Math.round(invoices / customers) });
  console.log(`seeded ${customers} customers, ${customers * Math.round(invoices / customers)} invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Warm-up: connections, prepared plans, the policy cache.
  for (let i = 0; i < 200; i++) await orders.orderCheck(undefined, `B-${1 + (i % customers)}`, { amount: '1000.00', currency: 'EUR' });

  const times: number[] = [];
  const decisions: Record<string, number> = {};
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const externalId = `B-${1 + (next() % customers)}`;
    const amount = `${(next() % 50_000) + 1}.00`;
    const t = performance.now();
    const result = await orders.orderCheck(undefined, externalId, { amount, currency: 'EUR' });
    times.push(performance.now() - t);
    decisions[result.decision] = (decisions[result.decision] ?? 0) + 1;
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
  console.log(`order check, ${calls} calls: p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, ` +
    `mean ${(total / calls).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms`);
  console.log(`decisions: ${JSON.stringify(decisions)}`);
});
