// The payment prediction through the product path, on the sample (prints figures; not a test):
//
//   npm run -s bench:prediction-product [-- --data path/to/ar-payment-history.csv]
//
// Loads the sample into a scratch database as the platform holds it: the older ~70 % (same
// time-ordered split as bench:prediction) as invoices paid through payments on their settled date,
// the newer ones as open invoices; then PredictionService learns from the database and predicts the
// open ones "as of" the first of them, against the baselines fitted on the same database history.
// The platform knows less than the CSV: no per-invoice disputed flag (no disputes recorded) and
// paperless only per customer (a contact email: customers with an electronic bill in the older part).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LegalEntitiesService } from '../src/organization/legal-entities.service.js';
import { LegalEntity } from '../src/organization/legal-entity.entity.js';
import { CustomerDirectory } from '../src/customers/customer-directory.js';
import { InvoicePortfolioReader } from '../src/invoices/invoice-portfolio.reader.js';
import { InvoiceSettlementReader } from '../src/payments/invoice-settlement.reader.js';
import { PredictionService, PredictionSources } from '../src/prediction/prediction.service.js';
import { CollectorTaskRecords } from '../src/tasks/collector-task.records.js';
import { DisputeFiguresService } from '../src/disputes/dispute-figures.service.js';
import {
  customerMedianBaseline, globalMedianBaseline, parseHistoryCsv, type OpenInvoice,
} from '../src/prediction/payment-prediction.js';
import { withScratchCreditServices } from './credit-portfolio.js';

const dataArg = process.argv.indexOf('--data');
const dataPath = resolve(dataArg >= 0 && process.argv[dataArg + 1] ? process.argv[dataArg + 1]! : '../shared/data/ar-payment-history.csv');
const all = parseHistoryCsv(readFileSync(dataPath, 'utf8'), 'ar-payment-history.csv');
const sorted = [...all].sort((a, b) => a.invoiceDay - b.invoiceDay || (a.invoiceNumber < b.invoiceNumber ? -1 : 1));
let cut = Math.floor(sorted.length * 0.7);
while (cut < sorted.length && sorted[cut]!.invoiceDay === sorted[cut - 1]!.invoiceDay) cut++;
const train = sorted.slice(0, cut);
const test = sorted.slice(cut);
const day = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
const asOf = day(test[0]!.invoiceDay);

await withScratchCreditServices(async ({ dataSource }) => {
  const [{ id: entityId }] = (await dataSource.query(`SELECT id FROM legal_entities WHERE code = 'default'`)) as { id: string }[];
  const customerIds = [...new Set(all.map((r) => r.customerId))];
  const electronic = new Set(train.filter((r) => r.paperless).map((r) => r.customerId));
  const rows = (await dataSource.query(
    `INSERT INTO customers (entity_id, external_id, name) SELECT $1, x, x FROM unnest($2::text[]) x RETURNING id, external_id AS "externalId"`,
    [entityId, customerIds],
  )) as { id: string; externalId: string }[];
  const uuid = new Map(rows.map((r) => [r.externalId, r.id]));
  await dataSource.query(
    `INSERT INTO customer_contacts (customer_id, email, is_primary) SELECT c, CASE WHEN e THEN 'ap@example.com' END, true
       FROM unnest($1::uuid[], $2::bool[]) AS t(c, e)`,
    [customerIds.map((c) => uuid.get(c)), customerIds.map((c) => electronic.has(c))],
  );
  const insert = (list: typeof all, paid: boolean) => dataSource.query(
    `INSERT INTO invoices (entity_id, customer_id, external_id, number, issue_date, due_date, currency, amount_minor,
                           open_amount_minor, status, workflow_id, version)
     SELECT $1, c, n, n, i::date, d::date, 'EUR', a, CASE WHEN $6 THEN 0 ELSE a END, CASE WHEN $6 THEN 'paid' ELSE 'open' END, 'bench-' || n, 1
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $7::bigint[]) AS t(c, n, i, d, a)`,
    [entityId, list.map((r) => uuid.get(r.customerId)), list.map((r) => r.invoiceNumber), list.map((r) => day(r.invoiceDay)),
      list.map((r) => day(r.dueDay)), paid, list.map((r) => Math.round(r.amount * 100).toString())],
  );
  await insert(train, true);
  await insert(test, false);
  await dataSource.query(
    `INSERT INTO payments (entity_id, external_id, currency, amount_minor, received_at, request_fingerprint)
     SELECT $1, n, 'EUR', i.amount_minor, (s::date + time '12:00') AT TIME ZONE 'Europe/Paris', 'bench'
       FROM unnest($2::text[], $3::text[]) AS t(n, s) JOIN invoices i ON i.external_id = t.n`,
    [entityId, train.map((r) => r.invoiceNumber), train.map((r) => day(r.invoiceDay + r.daysToSettle))],
  );
  await dataSource.query(
    `INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor)
     SELECT p.id, i.id, i.amount_minor FROM payments p JOIN invoices i ON i.external_id = p.external_id`,
  );

  const service = new PredictionService(new PredictionSources(
    new InvoicePortfolioReader(dataSource), new InvoiceSettlementReader(dataSource), new CustomerDirectory(dataSource),
    new CollectorTaskRecords(dataSource), new LegalEntitiesService(dataSource.getRepository(LegalEntity)), new DisputeFiguresService(dataSource),
  ));
  const history = await service.history(entityId);
  const { invoices } = await service.predictOpenInvoices({ asOf });
  const predicted = new Map(invoices.map((i) => [i.externalId, i.prediction]));
  const openView = (r: (typeof all)[number]): OpenInvoice => ({
    ...r, customerId: uuid.get(r.customerId)!, disputed: false, paperless: electronic.has(r.customerId),
  });
  const predictors: Array<[string, (r: (typeof all)[number]) => number]> = [
    ['PredictionService (database history)', (r) => predicted.get(r.invoiceNumber)!.predictedDaysToSettle],
    ['per-customer median by disputed', (r) => customerMedianBaseline(history)(openView(r))],
    ['global median', (r) => globalMedianBaseline(history)(openView(r))],
  ];
  console.log(`database history: ${history.length} invoices settled through payments; ${invoices.length} open predicted as of ${asOf}`);
  console.log(`every open invoice has a date: ${test.every((r) => predicted.get(r.invoiceNumber)?.expectedPaymentDate !== undefined)}`);
  for (const [name, predict] of predictors) {
    let abs = 0;
    let right = 0;
    for (const r of test) {
      const p = predict(r);
      abs += Math.abs(p - r.daysToSettle);
      const term = r.dueDay - r.invoiceDay;
      if ((p > term) === (r.daysToSettle > term)) right++;
    }
    console.log(`${name.padEnd(40)} MAE ${(abs / test.length).toFixed(2)} days, late/on-time accuracy ${((100 * right) / test.length).toFixed(1)} %`);
  }
});
