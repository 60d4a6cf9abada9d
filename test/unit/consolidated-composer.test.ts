import { describe, expect, test } from '@jest/globals';
import type { ConsolidatedCompositionInput, DunningCustomerView, StatementLine } from '../../activities/ports.js';
import { MessageComposer } from '../../src/notifications/message-composer.js';

// fr-FR groups thousands with a narrow no-break space and puts a no-break space before €.
const NNBSP = '\u202f';
const NBSP = '\u00a0';
const eur = (fr: string) => fr.replace(/ €$/, `${NBSP}€`).replace(/ /g, NNBSP);

const composer = new MessageComposer();
const customer = (language: string): DunningCustomerView => ({
  id: 'c-1', name: 'Acme SARL', email: 'ap@acme.example', phone: '+33612345678', language,
});
const line = (number: string, dueDate: string, openAmountMinor: bigint, daysOverdue: number, currency = 'EUR'): StatementLine => ({
  invoiceId: `id-${number}`, number, issueDate: '2026-02-01', dueDate, currency, openAmountMinor, daysOverdue,
});
const lines = [line('F-001', '2026-03-01', 100_000n, 9), line('F-002', '2026-03-01', 25_050n, 9), line('F-003', '2026-03-15', 9_999n, -5)];
const compose = (over: Partial<ConsolidatedCompositionInput>) =>
  composer.composeConsolidated({ action: 'reminder', channel: 'email', customer: customer('fr'), asOf: '2026-03-10', lines, ...over });

describe('consolidated messages', () => {
  test('a French reminder email lists every invoice with its due date, open amount and days overdue, and the total', () => {
    const m = compose({});
    expect(m.subject).toBe(`Relance : 3 factures en attente de règlement, total ${eur('1 350,49 €')}`);
    expect(m.body).toContain(`- Facture n° F-001 du 1er février 2026, échéance le 1er mars 2026 : ${eur('1 000,00 €')} (échue depuis 9 jours)`);
    expect(m.body).toContain(`- Facture n° F-002 du 1er février 2026, échéance le 1er mars 2026 : ${eur('250,50 €')} (échue depuis 9 jours)`);
    expect(m.body).toContain(`- Facture n° F-003 du 1er février 2026, échéance le 15 mars 2026 : ${eur('99,99 €')} (non échue)`);
    expect(m.body).toContain(`Total restant dû : ${eur('1 350,49 €')}`);
    expect(m.body).toMatch(/^Madame, Monsieur,\n\nSauf erreur ou omission de notre part, les factures suivantes restent en attente de règlement au 10 mars 2026 :/);
  });

  test('in English, and as a courtesy notice when none is overdue yet', () => {
    const m = compose({ customer: customer('en'), lines: [line('F-010', '2026-03-20', 50_000n, -10), line('F-011', '2026-03-20', 1_000n, -10)] });
    expect(m.subject).toBe('2 invoices falling due, total €510.00');
    expect(m.body).toContain('- Invoice F-010 dated 1 February 2026, due on 20 March 2026: €500.00 (not yet due)');
    expect(m.body).toContain('Total outstanding: €510.00');
    expect(m.body).toContain('This is a courtesy reminder that the following invoices fall due shortly:');
  });

  test('an SMS is short: the count and the total', () => {
    expect(compose({ channel: 'sms' })).toEqual({
      subject: null,
      body: `Sauf erreur de notre part, 3 factures restent impayées, total ${eur('1 350,49 €')}. Merci de les régler ou de nous contacter.`,
    });
    expect(compose({ channel: 'sms', customer: customer('en') }).body).toBe('3 invoices remain unpaid, total €1,350.49. Please arrange payment or contact us.');
  });

  test('a letter opens with the addressee and the date', () => {
    expect(compose({ channel: 'letter' }).body).toMatch(/^Acme SARL\nÀ l'attention du service comptabilité fournisseurs\n\nLe 10 mars 2026\n/);
  });

  test('amounts in different currencies are totalled per currency', () => {
    const m = compose({ customer: customer('en'), lines: [line('F-1', '2026-03-01', 10_000n, 9), line('F-2', '2026-03-01', 5_000n, 9, 'USD')] });
    expect(m.body).toContain('Total outstanding: €100.00 + US$50.00');
  });

  test('a consolidated account statement is the customer\'s statement of open items', () => {
    const m = compose({ action: 'account_statement', customer: customer('en') });
    expect(m.subject).toBe('Statement of account as of 10 March 2026: €1,350.49 outstanding');
    expect(m.body).toContain('- Invoice F-003 dated 1 February 2026, due on 15 March 2026: €99.99 (not yet due)');
  });
});
