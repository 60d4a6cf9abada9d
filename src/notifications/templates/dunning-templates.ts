/**
 * Built-in dunning templates (Nunjucks), per step, channel and language.
 * Variables: customerName, invoiceNumber, amount, openAmount, dueDate, daysOverdue.
 */
import type { DunningChannel, DunningStepKey } from '../../../workflows/domain/dunning-schedule.js';

export type TemplateLanguage = 'fr' | 'en';

export interface MessageTemplate {
  subject: string | null;
  body: string;
}

type StepTemplates = Record<DunningStepKey, { subject: string; email: string; sms: string; letter: string }>;

const EN: StepTemplates = {
  courtesy_notice: {
    subject: 'Invoice {{ invoiceNumber }} is due on {{ dueDate }}',
    email: `Dear {{ customerName }},

This is a courtesy reminder that invoice {{ invoiceNumber }} for {{ openAmount }} is due on {{ dueDate }}.
If you have already arranged payment, thank you and please disregard this message.

Kind regards,
Accounts receivable`,
    sms: 'Reminder: invoice {{ invoiceNumber }} ({{ openAmount }}) is due on {{ dueDate }}.',
    letter: 'Invoice {{ invoiceNumber }} for {{ openAmount }} is due on {{ dueDate }}.',
  },
  reminder_1: {
    subject: 'Invoice {{ invoiceNumber }} is overdue',
    email: `Dear {{ customerName }},

Our records show that invoice {{ invoiceNumber }}, due on {{ dueDate }}, is still unpaid. The amount outstanding is {{ openAmount }}.
Please arrange payment at your earliest convenience, or tell us if anything prevents it.

Kind regards,
Accounts receivable`,
    sms: 'Invoice {{ invoiceNumber }} ({{ openAmount }}) was due on {{ dueDate }} and is unpaid. Please arrange payment.',
    letter: 'Invoice {{ invoiceNumber }} ({{ openAmount }}) was due on {{ dueDate }} and remains unpaid.',
  },
  reminder_2: {
    subject: 'Second reminder: invoice {{ invoiceNumber }} is {{ daysOverdue }} days overdue',
    email: `Dear {{ customerName }},

Despite our previous reminder, invoice {{ invoiceNumber }}, due on {{ dueDate }}, remains unpaid: {{ openAmount }} is outstanding, {{ daysOverdue }} days past due.
Please settle it without delay or contact us to discuss it.

Kind regards,
Accounts receivable`,
    sms: 'Second reminder: invoice {{ invoiceNumber }} ({{ openAmount }}) is {{ daysOverdue }} days overdue. Please pay or contact us.',
    letter: 'Second reminder: invoice {{ invoiceNumber }} ({{ openAmount }}) is {{ daysOverdue }} days overdue.',
  },
  final_notice: {
    subject: 'Final notice before formal proceedings: invoice {{ invoiceNumber }}',
    email: `Dear {{ customerName }},

Invoice {{ invoiceNumber }}, due on {{ dueDate }}, is {{ daysOverdue }} days overdue with {{ openAmount }} outstanding.
Without payment within 15 days we will send a formal notice, which entails statutory late-payment penalties and a fixed recovery indemnity.

Kind regards,
Accounts receivable`,
    sms: 'Final notice: invoice {{ invoiceNumber }} ({{ openAmount }}) is {{ daysOverdue }} days overdue. A formal notice follows without payment.',
    letter: 'Final notice: invoice {{ invoiceNumber }} ({{ openAmount }}) is {{ daysOverdue }} days overdue.',
  },
  formal_notice: {
    subject: 'Formal notice: invoice {{ invoiceNumber }}',
    email: `Dear {{ customerName }},

FORMAL NOTICE

Invoice {{ invoiceNumber }}, due on {{ dueDate }}, remains unpaid {{ daysOverdue }} days after its due date. We formally demand payment of {{ openAmount }}.
Late-payment penalties and the fixed recovery indemnity provided by law apply from the day after the due date.
Failing payment, we will pursue recovery by all legal means without further notice.

Accounts receivable`,
    sms: 'Formal notice sent for invoice {{ invoiceNumber }} ({{ openAmount }}).',
    letter: `{{ customerName }}

FORMAL NOTICE

Invoice {{ invoiceNumber }}, due on {{ dueDate }}, remains unpaid {{ daysOverdue }} days after its due date.
We formally demand payment of {{ openAmount }}. Late-payment penalties and the fixed recovery indemnity provided by law apply from the day after the due date.
Failing payment, we will pursue recovery by all legal means without further notice.`,
  },
};

const FR: StepTemplates = {
  courtesy_notice: {
    subject: 'Facture {{ invoiceNumber }} : échéance le {{ dueDate }}',
    email: `Bonjour {{ customerName }},

Nous vous rappelons que la facture {{ invoiceNumber }} d'un montant de {{ openAmount }} arrive à échéance le {{ dueDate }}.
Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message.

Cordialement,
Service comptabilité clients`,
    sms: 'Rappel : la facture {{ invoiceNumber }} ({{ openAmount }}) arrive à échéance le {{ dueDate }}.',
    letter: 'La facture {{ invoiceNumber }} de {{ openAmount }} arrive à échéance le {{ dueDate }}.',
  },
  reminder_1: {
    subject: 'Facture {{ invoiceNumber }} échue',
    email: `Bonjour {{ customerName }},

Sauf erreur de notre part, la facture {{ invoiceNumber }}, échue le {{ dueDate }}, reste impayée. Le montant dû est de {{ openAmount }}.
Merci de procéder au règlement dans les meilleurs délais ou de nous signaler toute difficulté.

Cordialement,
Service comptabilité clients`,
    sms: 'La facture {{ invoiceNumber }} ({{ openAmount }}), échue le {{ dueDate }}, est impayée. Merci de procéder au règlement.',
    letter: 'La facture {{ invoiceNumber }} ({{ openAmount }}), échue le {{ dueDate }}, reste impayée.',
  },
  reminder_2: {
    subject: 'Deuxième relance : facture {{ invoiceNumber }} en retard de {{ daysOverdue }} jours',
    email: `Bonjour {{ customerName }},

Malgré notre précédente relance, la facture {{ invoiceNumber }}, échue le {{ dueDate }}, reste impayée : {{ openAmount }} restent dus, avec {{ daysOverdue }} jours de retard.
Merci de la régler sans délai ou de nous contacter.

Cordialement,
Service comptabilité clients`,
    sms: 'Deuxième relance : facture {{ invoiceNumber }} ({{ openAmount }}) en retard de {{ daysOverdue }} jours. Merci de régler ou de nous contacter.',
    letter: 'Deuxième relance : facture {{ invoiceNumber }} ({{ openAmount }}) en retard de {{ daysOverdue }} jours.',
  },
  final_notice: {
    subject: 'Dernier avis avant mise en demeure : facture {{ invoiceNumber }}',
    email: `Bonjour {{ customerName }},

La facture {{ invoiceNumber }}, échue le {{ dueDate }}, présente {{ daysOverdue }} jours de retard et {{ openAmount }} restent dus.
À défaut de règlement sous 15 jours, nous vous adresserons une mise en demeure, entraînant les pénalités de retard légales et l'indemnité forfaitaire pour frais de recouvrement.

Cordialement,
Service comptabilité clients`,
    sms: 'Dernier avis : facture {{ invoiceNumber }} ({{ openAmount }}) en retard de {{ daysOverdue }} jours. Une mise en demeure suivra sans règlement.',
    letter: 'Dernier avis : facture {{ invoiceNumber }} ({{ openAmount }}) en retard de {{ daysOverdue }} jours.',
  },
  formal_notice: {
    subject: 'Mise en demeure : facture {{ invoiceNumber }}',
    email: `Bonjour {{ customerName }},

MISE EN DEMEURE

La facture {{ invoiceNumber }}, échue le {{ dueDate }}, demeure impayée {{ daysOverdue }} jours après son échéance. Nous vous mettons en demeure de régler la somme de {{ openAmount }}.
Les pénalités de retard et l'indemnité forfaitaire pour frais de recouvrement prévues par la loi (art. L441-10 du Code de commerce) courent depuis le lendemain de l'échéance.
À défaut de paiement, nous engagerons le recouvrement par toutes voies de droit sans autre avis.

Service comptabilité clients`,
    sms: 'Mise en demeure adressée pour la facture {{ invoiceNumber }} ({{ openAmount }}).',
    letter: `{{ customerName }}

MISE EN DEMEURE

La facture {{ invoiceNumber }}, échue le {{ dueDate }}, demeure impayée {{ daysOverdue }} jours après son échéance.
Nous vous mettons en demeure de régler la somme de {{ openAmount }}. Les pénalités de retard et l'indemnité forfaitaire pour frais de recouvrement prévues par la loi (art. L441-10 du Code de commerce) courent depuis le lendemain de l'échéance.
À défaut de paiement, nous engagerons le recouvrement par toutes voies de droit sans autre avis.`,
  },
};

const TEMPLATES: Record<TemplateLanguage, StepTemplates> = { en: EN, fr: FR };

export function dunningTemplate(step: DunningStepKey, channel: DunningChannel, language: TemplateLanguage): MessageTemplate {
  const t = TEMPLATES[language][step];
  return { subject: channel === 'email' || channel === 'letter' ? t.subject : null, body: t[channel] };
}
