import { describe, expect, test } from '@jest/globals';
import type { DunningInvoiceView } from '../../activities/ports.js';
import { MessageComposer } from '../../src/notifications/message-composer.js';

const invoice = (over: Partial<DunningInvoiceView> = {}, language = 'fr'): DunningInvoiceView => ({
  id: 'inv-1', number: 'F2026-0042', status: 'open', currency: 'EUR',
  amountMinor: 123456789n, openAmountMinor: 100000001n, issueDate: '2026-01-01', dueDate: '2026-03-10',
  customer: { id: 'c-1', name: 'Acme SARL', email: 'ap@acme.example', phone: null, language },
  ...over,
});

describe('message composer', () => {
  const composer = new MessageComposer();

  test('writes French by default, with exact amounts and days overdue as of the step date', () => {
    const m = composer.compose('reminder_2', 'email', invoice(), '2026-03-17');
    expect(m.subject).toBe('Deuxième relance : facture F2026-0042 en retard de 7 jours');
    expect(m.body).toContain('Bonjour Acme SARL');
    // fr-FR groups with a narrow no-break space.
    expect(m.body).toContain('1\u202f000\u202f000,01\u00a0€');
    expect(m.body).toContain('10 mars 2026');
  });

  test('writes English for English contacts', () => {
    const m = composer.compose('reminder_1', 'email', invoice({}, 'en'), '2026-03-11');
    expect(m.subject).toBe('Invoice F2026-0042 is overdue');
    expect(m.body).toContain('€1,000,000.01');
    expect(m.body).toContain('10 March 2026');
  });

  test('SMS has no subject; letters and formal notices state the penalties', () => {
    expect(composer.compose('reminder_2', 'sms', invoice(), '2026-03-17').subject).toBeNull();
    const letter = composer.compose('formal_notice', 'letter', invoice(), '2026-04-09');
    expect(letter.body).toContain('MISE EN DEMEURE');
    expect(letter.body).toContain('L441-10');
    expect(letter.body).toContain('30 jours');
  });

  test('zero-decimal currencies keep their amounts', () => {
    const m = composer.compose('reminder_1', 'sms', invoice({ currency: 'JPY', openAmountMinor: 150000n }, 'en'), '2026-03-11');
    expect(m.body).toContain('¥150,000');
  });
});
