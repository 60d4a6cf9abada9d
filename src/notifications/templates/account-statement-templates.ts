/**
 * Built-in `account_statement` templates: every open item of the customer
 * (number, dates, open amount, days overdue) and the total, as of the step's date.
 */
import { LETTER_HEAD, SIGN_OFF, type ActionTemplates } from './built-in-template.js';

const FR_SUBJECT = 'Relevé de compte au {{ asOf }} : {{ statementTotal }} restant dû';

const FR_BODY = `Madame, Monsieur,

Sauf erreur ou omission de notre part, votre compte présente au {{ asOf }} les factures suivantes en attente de règlement :

{% for line in statement -%}
- Facture n° {{ line.number }} du {{ line.issueDate }}, échéance le {{ line.dueDate }} : {{ line.openAmount }} \
{%- if line.overdue %} (échue depuis {{ line.daysOverdue }} jour{{ "s" if line.daysOverdue > 1 }}){% else %} (non échue){% endif %}
{% endfor %}
Total restant dû : {{ statementTotal }}

Nous vous remercions de bien vouloir procéder au règlement des factures échues dans les meilleurs délais. \
Si des paiements ont été effectués entre-temps, ou si l'une de ces factures appelle une remarque de votre part, \
merci de nous en informer afin que nous mettions votre compte à jour.

${SIGN_OFF.fr}`;

const EN_SUBJECT = 'Statement of account as of {{ asOf }}: {{ statementTotal }} outstanding';

const EN_BODY = `Dear Sir or Madam,

According to our records, the following invoices on your account are awaiting payment as of {{ asOf }}:

{% for line in statement -%}
- Invoice {{ line.number }} dated {{ line.issueDate }}, due on {{ line.dueDate }}: {{ line.openAmount }} \
{%- if line.overdue %} ({{ line.daysOverdue }} day{{ "s" if line.daysOverdue > 1 }} overdue){% else %} (not yet due){% endif %}
{% endfor %}
Total outstanding: {{ statementTotal }}

We would be grateful if you could settle the overdue invoices at your earliest convenience. \
If any payment has been made in the meantime, or if you have a query on any of these invoices, \
please let us know so that we can update your account.

${SIGN_OFF.en}`;

export const ACCOUNT_STATEMENT_TEMPLATES: ActionTemplates = {
  fr: {
    email: { subject: FR_SUBJECT, body: FR_BODY },
    sms: {
      body: `Relevé de compte au {{ asOf }} : {{ statement | length }} facture{{ "s" if statement | length > 1 }} \
en attente de règlement, total {{ statementTotal }}. Merci de régler les factures échues ou de nous contacter.`,
    },
    letter: { subject: FR_SUBJECT, body: LETTER_HEAD.fr + FR_BODY },
  },
  en: {
    email: { subject: EN_SUBJECT, body: EN_BODY },
    sms: {
      body: `Statement as of {{ asOf }}: {{ statement | length }} invoice{{ "s" if statement | length > 1 }} awaiting payment, \
total {{ statementTotal }}. Please settle the overdue ones or contact us.`,
    },
    letter: { subject: EN_SUBJECT, body: LETTER_HEAD.en + EN_BODY },
  },
};
