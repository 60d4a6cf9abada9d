// Payment-date prediction CLI (run through scripts/run-ts.mjs, see `npm run predict`):
//
//   npm run -s predict -- --history H.csv --invoices I.csv --out O.csv [--explain]
//
// Fits the model of src/prediction/payment-prediction.ts on the settled invoices of H.csv
// and writes `invoiceNumber,predictedDaysToSettle,predictedLate` for every row of I.csv.
// Only open-time columns of I.csv are read. --explain writes each prediction's base and
// adjustments as JSON lines to stderr. Errors go to stderr with exit code 2 (usage) or 1.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  CsvFormatError,
  explainPrediction,
  fitPaymentModel,
  formatPredictionsCsv,
  parseHistoryCsv,
  parseOpenInvoicesCsv,
} from '../src/prediction/payment-prediction.js';

const usage = 'usage: npm run -s predict -- --history H.csv --invoices I.csv --out O.csv [--explain]';

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): { history: string; invoices: string; out: string; explain: boolean } {
  const values = new Map<string, string>();
  let explain = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--explain') {
      explain = true;
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!['--history', '--invoices', '--out'].includes(flag)) throw new UsageError(`unknown argument ${arg}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`${flag} needs a file path`);
    values.set(flag.slice(2), value);
  }
  const missing = ['history', 'invoices', 'out'].filter((k) => !values.has(k));
  if (missing.length > 0) throw new UsageError(`missing --${missing.join(', --')}`);
  return { history: values.get('history')!, invoices: values.get('invoices')!, out: values.get('out')!, explain };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${what} file ${path}${code === 'ENOENT' ? ': no such file' : `: ${String(err)}`}`, { cause: err });
  }
}

function main(argv: readonly string[]): number {
  try {
    const opts = parseArgs(argv);
    const history = parseHistoryCsv(readText(opts.history, 'history'), opts.history);
    if (history.length === 0) throw new Error(`${opts.history}: no settled invoice to learn from`);
    const invoices = parseOpenInvoicesCsv(readText(opts.invoices, 'invoices'), opts.invoices);
    const model = fitPaymentModel(history);
    const predictions = invoices.map((inv) => explainPrediction(model, inv));
    if (opts.explain) for (const p of predictions) process.stderr.write(`${JSON.stringify(p)}\n`);
    try {
      writeFileSync(opts.out, formatPredictionsCsv(predictions));
    } catch (err) {
      throw new Error(`cannot write ${opts.out}: ${String(err)}`, { cause: err });
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`predict: ${err.message}\n${usage}\n`);
      return 2;
    }
    process.stderr.write(`predict: ${err instanceof CsvFormatError || err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
