// Full-portfolio rescoring time (prints figures; not a test):
//
//   npm run -s bench:rescoring [-- --customers 10000 --invoices 200000 --page 500]
//
// Seeds a scratch database (dropped afterwards), then rescores every customer in pages as the
// nightly workflow's activity does (CustomerScoringService.rescorePage): a first run that writes every
// score, then a second one where nothing changed (no history row written).
import { seedCreditPortfolio, withScratchCreditServices } from './credit-portfolio.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const customers = arg('customers', 10_000);
const invoices = arg('invoices', 200_000);
const page = arg('page', 500);

await withScratchCreditServices(async ({ dataSource, scoring }) => {
  const t0 = performance.now();
  await seedCreditPortfolio(dataSource, { prefix: 'B', customers, invoicesPerCustomer: Math.round(invoices / customers) });
  console.log(`seeded ${customers} customers, ${customers * Math.round(invoices / customers)} invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  for (const run of ['first run (every score written)', 'second run (unchanged)']) {
    const start = performance.now();
    let afterId: string | null = null;
    const totals = { scored: 0, written: 0, degraded: 0, pages: 0 };
    do {
      const outcome = await scoring.rescorePage(afterId, page);
      totals.scored += outcome.scored;
      totals.written += outcome.written;
      totals.degraded += outcome.degraded;
      totals.pages++;
      afterId = outcome.lastId;
    } while (afterId !== null);
    const seconds = (performance.now() - start) / 1000;
    console.log(`rescoring, ${run}: ${totals.scored} customers in ${seconds.toFixed(1)} s ` +
      `(${(totals.scored / seconds).toFixed(0)} customers/s, ${totals.pages} pages of ${page}), ${totals.written} written, ${totals.degraded} degraded`);
  }
  const classes = (await dataSource.query(`SELECT risk_class AS c, count(*)::int AS n FROM customers GROUP BY 1 ORDER BY 1`)) as { c: string; n: number }[];
  console.log(`classes: ${classes.map((r) => `${r.c}=${r.n}`).join(' ')}`);
});
