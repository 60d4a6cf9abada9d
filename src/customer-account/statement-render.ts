import PDFDocument from 'pdfkit';
import { stringify } from 'csv-stringify/sync';
import { formatAmount } from '../../workflows/domain/money.js';
import type { Statement } from './statement.js';

export interface StatementHeader {
  entityName: string;
  customerName: string;
  customerExternalId: string;
}

/** RFC 4180 CSV: one line per open item, then one total line per currency. */
export function statementCsv(header: StatementHeader, statement: Statement): string {
  const rows: (string | number)[][] = statement.lines.map((l) => [
    header.customerExternalId, statement.asOf, l.number, l.issueDate, l.dueDate, l.currency,
    formatAmount(l.amountMinor, l.currency), formatAmount(l.settledMinor, l.currency), formatAmount(l.openMinor, l.currency), l.daysOverdue,
  ]);
  for (const t of statement.totals) {
    rows.push([header.customerExternalId, statement.asOf, 'TOTAL', '', '', t.currency, '', '', formatAmount(t.openMinor, t.currency), '']);
  }
  return stringify(rows, {
    header: true, record_delimiter: 'windows',
    columns: ['customerExternalId', 'asOf', 'number', 'issueDate', 'dueDate', 'currency', 'amount', 'paidOrCredited', 'open', 'daysOverdue'],
  });
}

const COLUMNS = [
  { title: 'Invoice', x: 50, width: 95 },
  { title: 'Issued', x: 145, width: 65 },
  { title: 'Due', x: 210, width: 65 },
  { title: 'Amount', x: 275, width: 80, right: true },
  { title: 'Paid/credited', x: 355, width: 80, right: true },
  { title: 'Open', x: 430, width: 68, right: true },
  { title: 'Days late', x: 503, width: 47, right: true },
] as const;

/** A4 statement: who, as of when, each open item with its age, totals per currency. Metadata dates are asOf's (same bytes on a retry). */
export function statementPdf(header: StatementHeader, statement: Statement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const date = new Date(`${statement.asOf}T00:00:00Z`);
    const doc = new PDFDocument({
      size: 'A4', margins: { top: 50, bottom: 50, left: 50, right: 45 },
      info: { Title: `Statement ${header.customerExternalId} ${statement.asOf}`, Producer: 'Relance', Creator: 'Relance', CreationDate: date, ModDate: date },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(16).text('Account statement', 50, 50);
    doc.font('Helvetica').fontSize(10)
      .text(header.entityName, 50, 75)
      .text(`${header.customerName} (${header.customerExternalId})`, 50, 90)
      .text(`Open items as of ${statement.asOf}`, 50, 105);
    let y = 135;
    const row = (cells: readonly string[], bold = false) => {
      if (y > 770) {
        doc.addPage();
        y = 50;
      }
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      COLUMNS.forEach((c, i) => doc.text(cells[i] ?? '', c.x, y, { width: c.width, align: 'right' in c && c.right ? 'right' : 'left', lineBreak: false }));
      y += 15;
    };
    row(COLUMNS.map((c) => c.title), true);
    for (const l of statement.lines) {
      row([l.number, l.issueDate, l.dueDate, `${formatAmount(l.amountMinor, l.currency)} ${l.currency}`,
        formatAmount(l.settledMinor, l.currency), formatAmount(l.openMinor, l.currency), l.daysOverdue > 0 ? String(l.daysOverdue) : '']);
    }
    if (statement.lines.length === 0) row(['Nothing open on this date.']);
    y += 5;
    for (const t of statement.totals) {
      row([`Total ${t.currency}`, '', '', '', `overdue ${formatAmount(t.overdueMinor, t.currency)}`, formatAmount(t.openMinor, t.currency), ''], true);
    }
    doc.end();
  });
}
