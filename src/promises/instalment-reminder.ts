/**
 * The text of an instalment reminder, in the contact's language (French or
 * English; other languages get English). Pure: the plan store fills it in.
 */
export interface InstalmentReminderFacts {
  kind: 'before_due' | 'on_due';
  language: string;
  customerName: string;
  seq: number;
  count: number;
  dueDate: string;
  /** Decimal strings with the currency. */
  amount: string;
  remaining: string;
  currency: string;
}

export function composeInstalmentReminder(f: InstalmentReminderFacts): { subject: string; body: string } {
  if (f.language.toLowerCase().startsWith('fr')) {
    const when = f.kind === 'on_due' ? `arrive à échéance aujourd'hui (${f.dueDate})` : `arrive à échéance le ${f.dueDate}`;
    return {
      subject: `Échéancier : échéance ${f.seq}/${f.count} du ${f.dueDate}`,
      body: `Bonjour ${f.customerName},\n\nL'échéance ${f.seq}/${f.count} de votre plan de paiement (${f.amount} ${f.currency}) ${when}. ` +
        `Reste à régler sur cette échéance : ${f.remaining} ${f.currency}.\n\nMerci de votre règlement.`,
    };
  }
  const when = f.kind === 'on_due' ? `is due today (${f.dueDate})` : `is due on ${f.dueDate}`;
  return {
    subject: `Payment plan: instalment ${f.seq}/${f.count} due ${f.dueDate}`,
    body: `Dear ${f.customerName},\n\nInstalment ${f.seq}/${f.count} of your payment plan (${f.amount} ${f.currency}) ${when}. ` +
      `Still to pay on it: ${f.remaining} ${f.currency}.\n\nThank you for your payment.`,
  };
}
