import { describe, expect, test } from '@jest/globals';
import { renderLetterPdf } from '../../src/messages/letter-pdf.js';

/** The text a simple PDF shows: pdfkit writes standard-font text as hex strings in TJ arrays. */
function shownText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map((m) => [...m[1]!.matchAll(/<([0-9a-f]+)>/gi)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''))
    .join('\n');
}

describe('letter PDF', () => {
  const letter = {
    recipient: 'Menuiserie Lefèvre', subject: 'Mise en demeure : facture F-2026-042',
    body: 'Nous vous mettons en demeure de régler la somme de 10 139,86 €.', date: new Date('2026-12-22T08:00:00Z'), language: 'fr',
  };

  test('is an A4 PDF with the recipient, the date, the subject and the body', async () => {
    const pdf = await renderLetterPdf(letter, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = shownText(pdf);
    for (const part of ['Menuiserie Lef', '22 d', 'Mise en demeure', 'facture F-2026-042', '10 139,86']) expect(text).toContain(part);
  });

  test('renders the same bytes twice (a retried activity stores the same letter)', async () => {
    const [a, b] = await Promise.all([renderLetterPdf(letter), renderLetterPdf(letter)]);
    expect(a.equals(b)).toBe(true);
  });
});
