/**
 * Built-in templates of messages listing several invoices of one customer
 * (see consolidatedVariables for the variables). A consolidated reminder
 * lists the batch's invoices (number, dates, open amount, days overdue) and
 * their total; a consolidated account statement is the customer's statement,
 * which lists every open item anyway. SMS: the count and the total.
 */
import type { ScenarioChannel } from '../../../workflows/domain/scenario.js';
import type { MessageLanguage } from '../locale-format.js';
import { ACCOUNT_STATEMENT_TEMPLATES } from './account-statement-templates.js';
import { LETTER_HEAD, SIGN_OFF, type ActionTemplates, type BuiltInTemplate } from './built-in-template.js';

const FR_SUBJECT = `{% if overdueCount > 0 %}Relance : {{ invoiceCount }} factures en attente de règlement, total {{ total }}\
{% else %}Rappel : {{ invoiceCount }} factures à échéance prochaine, total {{ total }}{% endif %}`;

const FR_BODY = `Madame, Monsieur,

{% if overdueCount > 0 -%}
Sauf erreur ou omission de notre part, les factures suivantes restent en attente de règlement au {{ asOf }} :
{%- else -%}
Nous nous permettons de vous rappeler l'échéance prochaine des factures suivantes :
{%- endif %}

{% for line in invoices -%}
- Facture n° {{ line.number }} du {{ line.issueDate }}, échéance le {{ line.dueDate }} : {{ line.openAmount }} \
{%- if line.overdue %} (échue depuis {{ line.daysOverdue }} jour{{ "s" if line.daysOverdue > 1 }}){% else %} (non échue){% endif %}
{% endfor %}
Total restant dû : {{ total }}

{% if overdueCount > 0 -%}
Nous vous remercions de bien vouloir procéder à leur règlement dans les meilleurs délais. \
Si votre paiement nous est parvenu entre-temps, nous vous prions de ne pas tenir compte de ce message.
{%- else -%}
Si leur règlement est déjà programmé, nous vous en remercions et vous prions de ne pas tenir compte de ce message.
{%- endif %}

Pour toute question relative à ces factures, notre service comptabilité clients reste à votre disposition.

${SIGN_OFF.fr}`;

const EN_SUBJECT = `{% if overdueCount > 0 %}Reminder: {{ invoiceCount }} invoices awaiting payment, total {{ total }}\
{% else %}{{ invoiceCount }} invoices falling due, total {{ total }}{% endif %}`;

const EN_BODY = `Dear Sir or Madam,

{% if overdueCount > 0 -%}
According to our records, the following invoices are awaiting payment as of {{ asOf }}:
{%- else -%}
This is a courtesy reminder that the following invoices fall due shortly:
{%- endif %}

{% for line in invoices -%}
- Invoice {{ line.number }} dated {{ line.issueDate }}, due on {{ line.dueDate }}: {{ line.openAmount }} \
{%- if line.overdue %} ({{ line.daysOverdue }} day{{ "s" if line.daysOverdue > 1 }} overdue){% else %} (not yet due){% endif %}
{% endfor %}
Total outstanding: {{ total }}

{% if overdueCount > 0 -%}
We would be grateful if you could arrange payment at your earliest convenience. \
If payment has reached us in the meantime, please disregard this message.
{%- else -%}
If payment is already scheduled, thank you, and please disregard this message.
{%- endif %}

Should you have any question about these invoices, our credit control team will be pleased to help.

${SIGN_OFF.en}`;

export const CONSOLIDATED_REMINDER_TEMPLATES: ActionTemplates = {
  fr: {
    email: { subject: FR_SUBJECT, body: FR_BODY },
    sms: {
      body: `{% if overdueCount > 0 %}Sauf erreur de notre part, {{ invoiceCount }} factures restent impayées, total {{ total }}. \
Merci de les régler ou de nous contacter.{% else %}Rappel : {{ invoiceCount }} factures arrivent à échéance, total {{ total }}. \
Merci de votre règlement.{% endif %}`,
    },
    letter: { subject: FR_SUBJECT, body: LETTER_HEAD.fr + FR_BODY },
  },
  en: {
    email: { subject: EN_SUBJECT, body: EN_BODY },
    sms: {
      body: `{% if overdueCount > 0 %}{{ invoiceCount }} invoices remain unpaid, total {{ total }}. Please arrange payment or contact us.\
{% else %}Reminder: {{ invoiceCount }} invoices fall due, total {{ total }}. Thank you for your payment.{% endif %}`,
    },
    letter: { subject: EN_SUBJECT, body: LETTER_HEAD.en + EN_BODY },
  },
};

const BY_ACTION: Record<'reminder' | 'account_statement', ActionTemplates> = {
  reminder: CONSOLIDATED_REMINDER_TEMPLATES,
  account_statement: ACCOUNT_STATEMENT_TEMPLATES,
};

export function consolidatedTemplate(
  action: 'reminder' | 'account_statement',
  channel: ScenarioChannel,
  language: MessageLanguage,
): BuiltInTemplate {
  const t = BY_ACTION[action][language];
  return channel === 'sms' ? { subject: null, body: t.sms.body } : t[channel];
}
