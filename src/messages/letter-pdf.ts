import PDFDocument from 'pdfkit';

export interface LetterContent {
  recipient: string;
  subject: string | null;
  body: string;
  /** The letter's date, as printed. */
  date: Date;
  /** Dates print in this language (fr by default). */
  language: string;
}

/**
 * Renders a letter as an A4 PDF: recipient block, date, subject, body.
 * The document's metadata dates are the letter's, so a retry renders the same bytes.
 */
export function renderLetterPdf(letter: LetterContent, options: { compress?: boolean } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: 72, right: 72 },
      compress: options.compress ?? true,
      info: { Title: letter.subject ?? 'Letter', Producer: 'Relance', Creator: 'Relance', CreationDate: letter.date, ModDate: letter.date },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const locale = letter.language === 'en' ? 'en-GB' : 'fr-FR';
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(letter.date);
    doc.font('Helvetica').fontSize(11);
    // A window envelope shows the recipient on the right, about 5 cm from the top.
    doc.text(letter.recipient, 320, 140, { width: 200 });
    doc.text(date, 320, 200, { width: 200 });
    doc.moveDown(3);
    if (letter.subject) doc.font('Helvetica-Bold').text(letter.subject, 72, 260, { width: 451 }).moveDown();
    doc.font('Helvetica').text(letter.body, 72, letter.subject ? undefined : 260, { width: 451, align: 'left' });
    doc.end();
  });
}
