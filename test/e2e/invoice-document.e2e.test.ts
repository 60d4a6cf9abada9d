/**
 * The invoice says whether the ERP stored its PDF (GET /invoices/:id `document`),
 * so the console can offer the file: null at first, then the stored file's type,
 * size and time once the ERP has PUT it, and the new one's after a replacement.
 * Real API, Temporal and PostgreSQL; every answer checked against the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { withContractChecks } from '../support/openapi-contract.js';
import { createIntegration, createUsers, isoDateDaysFromToday, startPlatform, uniqueId, type Platform } from '../support/platform.js';

describe('an invoice tells whether its PDF is stored', () => {
  let platform: Platform;
  let erp: string;
  let collector: string;
  beforeAll(async () => {
    platform = withContractChecks(await startPlatform({ worker: false }));
    erp = (await createIntegration(platform)).token;
    collector = (await createUsers(platform, { collector: ['collector'] })).tokens.collector!;
  });
  afterAll(async () => {
    await platform?.close();
  });

  const putPdf = (invoiceId: string, body: Buffer) => fetch(`${platform.baseUrl}/api/v1/invoices/${invoiceId}/document`, {
    method: 'PUT', headers: { authorization: `Bearer ${erp}`, 'content-type': 'application/pdf' }, body,
  });
  const read = async (invoiceId: string) => {
    const res = await platform.request('GET', `/api/v1/invoices/${invoiceId}`, undefined, { apiKey: collector });
    expect(res.status).toBe(200);
    return res.body as { id: string; document: unknown };
  };

  test('document is null until the ERP stores the PDF, then describes the file in force', async () => {
    const created = await platform.request('POST', '/api/v1/invoices', {
      externalId: uniqueId('INV'), number: 'F-2026-0901', customer: { externalId: uniqueId('C'), name: 'Martin SARL', email: 'ap@martin.example' },
      issueDate: isoDateDaysFromToday(-10), dueDate: isoDateDaysFromToday(20), amount: '120.00', currency: 'EUR',
    }, { apiKey: erp });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(await read(id)).toMatchObject({ id, document: null });

    const pdf = Buffer.from('%PDF-1.4\n% facture F-2026-0901\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const stored = await putPdf(id, pdf);
    expect(stored.status).toBe(201);
    const storedAt = ((await stored.json()) as { updatedAt: string }).updatedAt;
    expect((await read(id)).document).toEqual({ contentType: 'application/pdf', sizeBytes: pdf.length, uploadedAt: storedAt });

    // Another file replaces it: the field follows.
    const replacement = Buffer.concat([pdf, Buffer.from('% corrected\n')]);
    const replaced = await putPdf(id, replacement);
    expect(replaced.status).toBe(200);
    const replacedAt = ((await replaced.json()) as { updatedAt: string }).updatedAt;
    expect((await read(id)).document).toEqual({ contentType: 'application/pdf', sizeBytes: replacement.length, uploadedAt: replacedAt });
    const file = await fetch(`${platform.baseUrl}/api/v1/invoices/${id}/document`, { headers: { authorization: `Bearer ${collector}` } });
    expect(file.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await file.arrayBuffer()), replacement)).toBe(0);
  });
});
