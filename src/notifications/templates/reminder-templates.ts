/**
 * Built-in `reminder` templates, for scenario steps without a text of their
 * own. One text fits every reminder: before the due date it reminds, after
 * it chases.
 */
import { LETTER_HEAD, SIGN_OFF, type ActionTemplates } from './built-in-template.js';

const FR_SUBJECT = `{% if daysOverdue > 0 %}Relance : facture {{ invoiceNumber }} échue depuis {{ daysOverdue }} jour{{ "s" if daysOverdue > 1 }}\
{% else %}Rappel : facture {{ invoiceNumber }} à échéance le {{ dueDate }}{% endif %}`;

const FR_BODY = `Madame, Monsieur,

{% if daysOverdue > 0 -%}
Sauf erreur ou omission de notre part, la facture n° {{ invoiceNumber }} du {{ issueDate }}, échue le {{ dueDate }}, \
reste impayée à ce jour. Le montant restant dû s'élève à {{ openAmount }}.

Nous vous remercions de bien vouloir procéder à son règlement dans les meilleurs délais. \
Si votre paiement nous est parvenu entre-temps, nous vous prions de ne pas tenir compte de ce message.
{%- else -%}
Nous nous permettons de vous rappeler que la facture n° {{ invoiceNumber }} du {{ issueDate }}, d'un montant de {{ openAmount }}, \
arrive à échéance le {{ dueDate }}.

Si son règlement est déjà programmé, nous vous en remercions et vous prions de ne pas tenir compte de ce message.
{%- endif %}

Pour toute question relative à cette facture, notre service comptabilité clients reste à votre disposition.

${SIGN_OFF.fr}`;

const EN_SUBJECT = `{% if daysOverdue > 0 %}Reminder: invoice {{ invoiceNumber }} is {{ daysOverdue }} day{{ "s" if daysOverdue > 1 }} overdue\
{% else %}Invoice {{ invoiceNumber }} falls due on {{ dueDate }}{% endif %}`;

const EN_BODY = `Dear Sir or Madam,

{% if daysOverdue > 0 -%}
According to our records, invoice {{ invoiceNumber }} dated {{ issueDate }}, due on {{ dueDate }}, remains unpaid. \
The amount outstanding is {{ openAmount }}.

We would be grateful if you could arrange payment at your earliest convenience. \
If payment has reached us in the meantime, please disregard this message.
{%- else -%}
This is a courtesy reminder that invoice {{ invoiceNumber }} dated {{ issueDate }}, for {{ openAmount }}, falls due on {{ dueDate }}.

If payment is already scheduled, thank you, and please disregard this message.
{%- endif %}

Should you have any question about this invoice, our credit control team will be pleased to help.

${SIGN_OFF.en}`;

export const REMINDER_TEMPLATES: ActionTemplates = {
  fr: {
    email: { subject: FR_SUBJECT, body: FR_BODY },
    sms: {
      body: `{% if daysOverdue > 0 %}Sauf erreur de notre part, la facture {{ invoiceNumber }} ({{ openAmount }}), échue le {{ dueDate }}, \
reste impayée. Merci de la régler ou de nous contacter.\
{% else %}Rappel : la facture {{ invoiceNumber }} ({{ openAmount }}) arrive à échéance le {{ dueDate }}. Merci de votre règlement.{% endif %}`,
    },
    letter: { subject: FR_SUBJECT, body: LETTER_HEAD.fr + FR_BODY },
  },
  en: {
    email: { subject: EN_SUBJECT, body: EN_BODY },
    sms: {
      body: `{% if daysOverdue > 0 %}Invoice {{ invoiceNumber }} ({{ openAmount }}), due on {{ dueDate }}, remains unpaid. \
Please arrange payment or contact us.\
{% else %}Reminder: invoice {{ invoiceNumber }} ({{ openAmount }}) falls due on {{ dueDate }}. Thank you for your payment.{% endif %}`,
    },
    letter: { subject: EN_SUBJECT, body: LETTER_HEAD.en + EN_BODY },
  },
};
