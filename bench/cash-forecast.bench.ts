// Cash forecast and collectors' worklist on a large portfolio (prints figures; not a test):
//
//   npm run -s bench:cash-forecast [-- --customers 10000 --invoices 200000]
//
// Seeds a scratch database (dropped afterwards) with the credit benchmarks' portfolio (per customer
// the 2 newest invoices open, the others paid with a per-customer delay), then times the model fit
// (first call), the 12-week forecast and the worklist with the cached model, and one invoice's prediction.
import { LegalEntitiesService } from '../src/organization/legal-entities.service.js';
import { LegalEntity } from '../src/organization/legal-entity.entity.js';
import { CustomerDirectory } from '../src/customers/customer-directory.js';
import { InvoicePortfolioReader } from '../src/invoices/invoice-portfolio.reader.js';
import { InvoiceSettlementReader } from '../src/payments/invoice-settlement.reader.js';
import { PredictionService, PredictionSources } from '../src/prediction/prediction.service.js';
import { CollectorTaskRecords } from '../src/tasks/collector-task.records.js';
import { DisputeFiguresService } from '../src/disputes/dispute-figures.service.js';
import { seedCreditPortfolio, withScratchCreditServices } from './credit-portfolio.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const customers = arg('customers', 10_000);
const invoices = arg('invoices', 200_000);

const time = async <T>(label: string, fn: () => Promise<T>, describe: (r: T) => string): Promise<T> => {
  const start = performance.now();
  const result = await fn();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms — ${describe(result)}`);
  return result;
};

await withScratchCreditServices(async ({ dataSource }) => {
  const t0 = performance.now();
  const perCustomer = Math.round(invoices / customers);
  await seedCreditPortfolio(dataSource, { prefix: 'F', customers, invoicesPerCustomer: perCustomer });
  console.log(`seeded ${customers} customers, ${customers * perCustomer} invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const service = new PredictionService(new PredictionSources(
    new InvoicePortfolioReader(dataSource), new InvoiceSettlementReader(dataSource), new CustomerDirectory(dataSource),
    new CollectorTaskRecords(dataSource), new LegalEntitiesService(dataSource.getRepository(LegalEntity)), new DisputeFiguresService(dataSource),
  ));

  const model = await time('model fit (first call, history read + fit)', async () => {
    const [{ id }] = (await dataSource.query(`SELECT id FROM legal_entities WHERE code = 'default'`)) as { id: string }[];
    return service.modelFor(id);
  }, (m) => `${m?.historySize ?? 0} settled invoices learnt from, ${m?.customers.size ?? 0} customers`);
  void model;
  for (const run of ['first', 'second']) {
    await time(`cash forecast 12 weeks (${run}, cached model)`, () => service.cashForecast({ weeks: 12 }),
      (f) => f.currencies.map((c) => `${c.currency}: ${c.weeks.reduce((a, w) => a + w.invoiceCount, 0) + c.later.invoiceCount + c.earlier.invoiceCount + c.overdueWithoutPrediction.invoiceCount} open invoices`).join(', '));
    await time(`worklist top 50 (${run})`, () => service.worklist({ limit: 50 }),
      (w) => `${w.items.length} rows, top priority ${w.items[0]?.priority ?? '-'}`);
  }
  const [{ id: invoiceId }] = (await dataSource.query(`SELECT id FROM invoices WHERE status = 'open' LIMIT 1`)) as { id: string }[];
  await time('one invoice\'s prediction (invoice view)', () => service.forInvoice(invoiceId), (p) => `expected ${p?.expectedPaymentDate}`);
});
