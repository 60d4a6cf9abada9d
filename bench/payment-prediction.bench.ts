// Payment-date prediction benchmark (prints figures; not a test):
//
//   npm run -s bench:prediction [-- --data path/to/ar-payment-history.csv]
//
// Time-ordered split by invoice date: the model and the baselines are fitted on the older
// ~70 % only; each newer invoice is predicted from that training history plus its own
// open-time fields (its outcome columns are stripped before prediction).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  customerMedianBaseline,
  fitPaymentModel,
  globalMedianBaseline,
  parseHistoryCsv,
  predictDaysToSettle,
  type OpenInvoice,
  type SettledInvoice,
} from '../src/prediction/payment-prediction.js';

// npm runs scripts from the project root: the data sits next to the checkout.
const dataArg = process.argv.indexOf('--data');
const dataPath = resolve(dataArg >= 0 && process.argv[dataArg + 1] ? process.argv[dataArg + 1]! : '../shared/data/ar-payment-history.csv');

let text: string;
try {
  text = readFileSync(dataPath, 'utf8');
} catch (err) {
  console.error(`bench:prediction: cannot read ${dataPath} (${String(err)}); pass --data PATH`);
  process.exit(1);
}
const all = parseHistoryCsv(text, 'ar-payment-history.csv');
const sorted = [...all].sort((a, b) => a.invoiceDay - b.invoiceDay || (a.invoiceNumber < b.invoiceNumber ? -1 : 1));
let cut = Math.floor(sorted.length * 0.7);
// Keep invoices of the same day on one side.
while (cut < sorted.length && sorted[cut]!.invoiceDay === sorted[cut - 1]!.invoiceDay) cut++;
const train = sorted.slice(0, cut);
const test = sorted.slice(cut);

const openView = (s: SettledInvoice): OpenInvoice => ({
  invoiceNumber: s.invoiceNumber,
  customerId: s.customerId,
  countryCode: s.countryCode,
  invoiceDay: s.invoiceDay,
  dueDay: s.dueDay,
  amount: s.amount,
  disputed: s.disputed,
  paperless: s.paperless,
});

const model = fitPaymentModel(train);
const predictors: Array<[string, (inv: OpenInvoice) => number]> = [
  ['model (payment-prediction.ts)', (inv) => predictDaysToSettle(model, inv)],
  ['per-customer median by disputed', customerMedianBaseline(train)],
  ['global median', globalMedianBaseline(train)],
];

const day = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
const seenCustomers = new Set(train.map((r) => r.customerId));
console.log(`data: ${all.length} settled invoices, ${new Set(all.map((r) => r.customerId)).size} customers`);
console.log(`train: ${train.length} invoices ${day(train[0]!.invoiceDay)} .. ${day(train[train.length - 1]!.invoiceDay)}`);
console.log(
  `test:  ${test.length} invoices ${day(test[0]!.invoiceDay)} .. ${day(test[test.length - 1]!.invoiceDay)}` +
    ` (${test.filter((r) => !seenCustomers.has(r.customerId)).length} of customers unseen in train;` +
    ` ${test.filter((r) => r.daysToSettle > r.dueDay - r.invoiceDay).length} actually late)`,
);
console.log('');
console.log('predictor                          MAE (days)  late/on-time accuracy');
for (const [name, predict] of predictors) {
  let absErr = 0;
  let correct = 0;
  for (const r of test) {
    const p = predict(openView(r));
    absErr += Math.abs(p - r.daysToSettle);
    const term = r.dueDay - r.invoiceDay;
    if (p > term === r.daysToSettle > term) correct++;
  }
  console.log(
    `${name.padEnd(34)} ${(absErr / test.length).toFixed(2).padStart(10)}  ${((100 * correct) / test.length).toFixed(1).padStart(6)} %` +
      `  (${correct}/${test.length})`,
  );
}
