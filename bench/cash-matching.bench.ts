// Cash matching quality and speed of the pure engine (prints figures; not a test):
//
//   npm run -s bench:cash-matching [-- --customers 10000 --invoices 100000 --lines 10000 --seed 7]
//
// Generates a noisy ledger and bank credits (bench/cash-ledger.ts), then runs the pure matching
// engine (index once, then every line) and compares its proposals with the truth. The same
// statement through the database (read the ledger, match, store): bench/cash-matching-db.bench.ts.
import { loadavg } from 'node:os';
import { DEFAULT_MATCHING_SETTINGS, indexLedger, matchLine } from '../src/cash/matching/match-line.js';
import { generateCashLedger, qualityReport } from './cash-ledger.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const { customers, invoices, ibanToCustomer, lines } = generateCashLedger({
  customers: arg('customers', 10_000), invoices: arg('invoices', 100_000), lines: arg('lines', 10_000), seed: arg('seed', 7),
});

// Wall time and this process's CPU time (on a shared, loaded machine the wall time also counts waiting for a core).
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const [t0, c0] = [performance.now(), cpu()];
const index = indexLedger({ invoices, customers, ibanToCustomer });
const [t1, c1] = [performance.now(), cpu()];
const proposals = lines.map((l) => matchLine(l.credit, index, DEFAULT_MATCHING_SETTINGS));
const [t2, c2] = [performance.now(), cpu()];

console.log(`ledger: ${customers.length} customers, ${invoices.length} open invoices; ${lines.length} bank credits`);
for (const line of qualityReport(lines, proposals)) console.log(line);
console.log(`speed: index ${(t1 - t0).toFixed(0)} ms + matching ${(t2 - t1).toFixed(0)} ms = ${((t2 - t0) / 1000).toFixed(2)} s (goal < 5 s); ` +
  `CPU ${(c1 - c0).toFixed(0)} + ${(c2 - c1).toFixed(0)} ms = ${((c2 - c0) / 1000).toFixed(2)} s; load average ${loadavg()[0]!.toFixed(1)}`);
