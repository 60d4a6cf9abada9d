/**
 * Built-in `formal_notice` templates (mise en demeure). They state the
 * statutory penalties with their figures as of the step's date: interest at
 * the period rates (Code de commerce L441-10), the fixed recovery indemnity
 * when it applies (D441-5: €40, business-to-business), and the total due.
 * Email and letter share one text: an email notice must say the same as the
 * registered letter that follows it.
 */
import { LETTER_HEAD, SIGN_OFF, type ActionTemplates } from './built-in-template.js';

const FR_SUBJECT = 'Mise en demeure de payer : facture {{ invoiceNumber }}';

const FR_BODY = `Madame, Monsieur,

Sauf erreur ou omission de notre part, et malgré nos précédentes relances, la facture n° {{ invoiceNumber }} du {{ issueDate }}, \
d'un montant de {{ amount }}, échue le {{ dueDate }}, demeure impayée à ce jour à hauteur de {{ openAmount }}.

En application de l'article L441-10 du Code de commerce, ce retard de paiement de {{ penalty.daysLate }} jour{{ "s" if penalty.daysLate > 1 }} \
rend exigibles de plein droit, sans qu'un rappel soit nécessaire :
- des pénalités de retard au taux annuel de {{ penalty.rate }} (taux de la Banque centrale européenne \
à son opération de refinancement la plus récente, majoré de 10 points), soit {{ penalty.interest }} ;
{% if penalty.hasIndemnity -%}
- l'indemnité forfaitaire pour frais de recouvrement de {{ penalty.indemnity }} prévue à l'article D441-5 du Code de commerce.
{% endif %}
Décompte au {{ asOf }} :
- principal restant dû : {{ openAmount }}
{% for p in penalty.periods -%}
- pénalités du {{ p.from }} au {{ p.to }} ({{ p.days }} jour{{ "s" if p.days > 1 }} à {{ p.rate }}) : {{ p.interest }}
{% endfor -%}
{% if penalty.periods | length != 1 %}- total des pénalités de retard : {{ penalty.interest }}
{% endif -%}
{% if penalty.hasIndemnity %}- indemnité forfaitaire pour frais de recouvrement : {{ penalty.indemnity }}
{% endif -%}
- total dû : {{ totalDue }}

En conséquence, nous vous mettons en demeure de nous régler la somme de {{ totalDue }} dans un délai de huit jours \
à compter de la réception de la présente. Les pénalités de retard continuent de courir jusqu'au complet paiement.

À défaut de règlement dans ce délai, nous engagerons sans autre avis toute procédure utile au recouvrement de notre créance, \
les frais en résultant restant à votre charge.

La présente vaut mise en demeure au sens de l'article 1344 du Code civil.

${SIGN_OFF.fr}`;

const EN_SUBJECT = 'Formal notice to pay: invoice {{ invoiceNumber }}';

const EN_BODY = `Dear Sir or Madam,

Unless we are mistaken, and despite our previous reminders, invoice {{ invoiceNumber }} dated {{ issueDate }} for {{ amount }}, \
due on {{ dueDate }}, remains unpaid: {{ openAmount }} is still outstanding.

Under Article L441-10 of the French Commercial Code (Code de commerce), this payment delay of {{ penalty.daysLate }} \
day{{ "s" if penalty.daysLate > 1 }} makes the following payable by operation of law, without any reminder being necessary:
- late-payment interest at the annual rate of {{ penalty.rate }} (the European Central Bank's rate on its most recent \
refinancing operation plus 10 percentage points), i.e. {{ penalty.interest }};
{% if penalty.hasIndemnity -%}
- the fixed indemnity for recovery costs of {{ penalty.indemnity }} provided for by Article D441-5 of the French Commercial Code.
{% endif %}
Amount due as of {{ asOf }}:
- principal outstanding: {{ openAmount }}
{% for p in penalty.periods -%}
- interest from {{ p.from }} to {{ p.to }} ({{ p.days }} day{{ "s" if p.days > 1 }} at {{ p.rate }}): {{ p.interest }}
{% endfor -%}
{% if penalty.periods | length != 1 %}- total late-payment interest: {{ penalty.interest }}
{% endif -%}
{% if penalty.hasIndemnity %}- fixed recovery indemnity: {{ penalty.indemnity }}
{% endif -%}
- total due: {{ totalDue }}

We hereby give you formal notice to pay the sum of {{ totalDue }} within eight days of receipt of this notice. \
Interest continues to accrue until payment in full.

Failing payment within this period, we will take any legal action needed to recover our claim without further notice, \
at your expense.

This notice constitutes a formal notice to pay (mise en demeure) within the meaning of Article 1344 of the French Civil Code.

${SIGN_OFF.en}`;

export const FORMAL_NOTICE_TEMPLATES: ActionTemplates = {
  fr: {
    email: { subject: FR_SUBJECT, body: FR_BODY },
    sms: {
      body: `Mise en demeure : facture {{ invoiceNumber }} impayée depuis {{ penalty.daysLate }} j. Somme due {{ totalDue }}, \
dont {{ penalty.total }} de pénalités légales (C. com. L441-10, D441-5). À régler sous 8 jours.`,
    },
    letter: { subject: FR_SUBJECT, body: LETTER_HEAD.fr + FR_BODY },
  },
  en: {
    email: { subject: EN_SUBJECT, body: EN_BODY },
    sms: {
      body: `Formal notice: invoice {{ invoiceNumber }} unpaid for {{ penalty.daysLate }} days. Amount due {{ totalDue }}, \
incl. {{ penalty.total }} statutory penalties (French Commercial Code L441-10, D441-5). Please pay within 8 days.`,
    },
    letter: { subject: EN_SUBJECT, body: LETTER_HEAD.en + EN_BODY },
  },
};
