import { describe, expect, test } from '@jest/globals';
import type { DunningInvoiceView, StatementLine, StepCompositionInput } from '../../activities/ports.js';
import { MessageComposer } from '../../src/notifications/message-composer.js';
import { chooseStepTemplate } from '../../src/notifications/step-template-choice.js';
import { TemplateRenderError } from '../../src/notifications/template-render.error.js';
import { templateProblem } from '../../src/notifications/template-sandbox.js';
import { validateStepTemplates } from '../../src/notifications/validate-step-templates.js';
import { computeLatePaymentPenalty } from '../../activities/late-payment-penalties.js';
import type { ScenarioAction, ScenarioChannel, ScenarioDefinition, ScenarioStepDefinition } from '../../workflows/domain/scenario.js';
import { BUILT_IN_SCENARIO } from '../../workflows/domain/scenario-schedule.js';

// fr-FR groups thousands with a narrow no-break space and puts a no-break space before € and %.
const NNBSP = '\u202f';
const NBSP = '\u00a0';
const eur = (fr: string) => fr.replace(/ €$/, `${NBSP}€`).replace(/ /g, NNBSP);

const composer = new MessageComposer();

// 10 000.00 EUR due 2025-03-10 (the hand-checked case of late-payment-penalties.test.ts).
const invoice = (language = 'fr', over: Partial<DunningInvoiceView> = {}): DunningInvoiceView => ({
  id: 'inv-1', number: 'F2025-0042', status: 'open', currency: 'EUR',
  amountMinor: 1_200_000n, openAmountMinor: 1_000_000n, issueDate: '2025-02-08', dueDate: '2025-03-10',
  customer: { id: 'c-1', name: 'Acme SARL', email: 'ap@acme.example', phone: '+33612345678', language },
  ...over,
});

const step = (action: ScenarioAction, channels: ScenarioChannel[], over: Partial<ScenarioStepDefinition> = {}): ScenarioStepDefinition => ({
  key: 'custom_step', trigger: { kind: 'due_date', offsetDays: 30 }, action, channels, ...over,
});

const compose = (s: ScenarioStepDefinition, channel: ScenarioChannel, over: Partial<StepCompositionInput> = {}) =>
  composer.composeStep({ step: s, channel, invoice: invoice(), asOf: '2025-04-09', ...over });

describe('step template choice', () => {
  const custom = { fr: { email: { subject: 'Objet {{ invoiceNumber }}', body: 'Corps {{ customerName }} {{ openAmount }}' } } };

  test("the step's own template for the contact's language and channel comes first", () => {
    const m = compose(step('reminder', ['email'], { templates: custom }), 'email');
    expect(m).toEqual({ subject: 'Objet F2025-0042', body: `Corps Acme SARL ${eur('10 000,00 €')}` });
    expect(chooseStepTemplate(step('reminder', ['email'], { templates: custom }), 'email', 'fr').origin).toBe('scenario');
  });

  test('the language wins over the customization: no French text for an English contact', () => {
    const s = step('reminder', ['email'], { templates: custom });
    expect(chooseStepTemplate(s, 'email', 'en')).toMatchObject({ origin: 'built_in_action', custom: null });
    const m = compose(s, 'email', { invoice: invoice('en') });
    expect(m.subject).toBe('Reminder: invoice F2025-0042 is 30 days overdue');
    expect(m.body).toMatch(/^Dear Sir or Madam,/);
  });

  test("a template for another channel of the step does not apply", () => {
    const s = step('reminder', ['email', 'sms'], { templates: custom });
    expect(chooseStepTemplate(s, 'sms', 'fr').origin).toBe('built_in_action');
  });

  test("a built-in scenario key keeps today's text when the action matches", () => {
    const s = step('reminder', ['email', 'sms'], { key: 'reminder_2' });
    expect(chooseStepTemplate(s, 'email', 'fr').origin).toBe('built_in_step');
    const asOf = '2025-03-17';
    expect(compose(s, 'email', { asOf })).toEqual(composer.compose('reminder_2', 'email', invoice(), asOf));
    expect(compose(s, 'sms', { asOf, invoice: invoice('en') })).toEqual(composer.compose('reminder_2', 'sms', invoice('en'), asOf));
    for (const builtIn of BUILT_IN_SCENARIO.steps) {
      expect(chooseStepTemplate(builtIn, builtIn.channels[0]!, 'fr').origin).toBe('built_in_step');
    }
  });

  test('a built-in key with another action takes the built-in of its action', () => {
    const s = step('account_statement', ['email'], { key: 'reminder_2' });
    expect(chooseStepTemplate(s, 'email', 'fr').origin).toBe('built_in_action');
    expect(compose(s, 'email').subject).toMatch(/^Relevé de compte au 9 avril 2025/);
  });

  test('the built-in formal_notice step states the penalty figures', () => {
    const m = compose(BUILT_IN_SCENARIO.steps[4]!, 'letter');
    expect(m.body).toContain('nous vous mettons en demeure');
    expect(m.body).toContain(`total dû : ${eur('10 148,08 €')}`);
  });

  test('an email template without a subject takes the built-in subject', () => {
    const s = step('reminder', ['email'], { templates: { fr: { email: { body: 'Corps' } } } });
    expect(compose(s, 'email')).toEqual({ subject: 'Relance : facture F2025-0042 échue depuis 30 jours', body: 'Corps' });
  });

  test('steps that send no message have no template', () => {
    expect(() => chooseStepTemplate(step('call_task', []), 'email', 'fr')).toThrow(RangeError);
  });
});

describe('languages', () => {
  test('French by default, for unknown languages too; English for en and en-GB', () => {
    const s = step('reminder', ['email']);
    expect(compose(s, 'email', { invoice: invoice('de') }).body).toMatch(/^Madame, Monsieur,/);
    expect(compose(s, 'email', { invoice: invoice('en-GB') }).body).toMatch(/^Dear Sir or Madam,/);
  });

  test('before the due date a reminder reminds; after it, it chases', () => {
    const s = step('reminder', ['email', 'sms']);
    expect(compose(s, 'email', { asOf: '2025-03-07' }).subject).toBe('Rappel : facture F2025-0042 à échéance le 10 mars 2025');
    expect(compose(s, 'sms', { asOf: '2025-03-07', invoice: invoice('en') }).body)
      .toBe('Reminder: invoice F2025-0042 (€10,000.00) falls due on 10 March 2025. Thank you for your payment.');
    expect(compose(s, 'email', { asOf: '2025-03-11' }).subject).toBe('Relance : facture F2025-0042 échue depuis 1 jour');
  });

  test('French dates write the first of the month as an ordinal', () => {
    const m = compose(step('reminder', ['email']), 'email', { invoice: invoice('fr', { dueDate: '2025-03-01' }), asOf: '2025-03-05' });
    expect(m.body).toContain('échue le 1er mars 2025');
  });
});

describe('formal notice figures', () => {
  const notice = step('formal_notice', ['email', 'letter', 'sms']);

  test('10 000,00 € due 2025-03-10, as of 2025-04-09: 30 days at 13,15 %, 108,08 € + 40,00 € → 10 148,08 €', () => {
    const { subject, body } = compose(notice, 'letter');
    expect(subject).toBe('Mise en demeure de payer : facture F2025-0042');
    expect(body).toMatch(/^Acme SARL\n.*\n\nLe 9 avril 2025\n\nMadame, Monsieur,\n\nSauf erreur ou omission de notre part/);
    expect(body).toContain(`ce retard de paiement de 30 jours`);
    expect(body).toContain(`au taux annuel de 13,15${NBSP}%`);
    expect(body).toContain(`soit ${eur('108,08 €')} ;`);
    expect(body).toContain(`l'indemnité forfaitaire pour frais de recouvrement de ${eur('40,00 €')} prévue à l'article D441-5 du Code de commerce`);
    expect(body).toContain(`- principal restant dû : ${eur('10 000,00 €')}\n`
      + `- pénalités du 11 mars 2025 au 9 avril 2025 (30 jours à 13,15${NBSP}%) : ${eur('108,08 €')}\n`
      + `- indemnité forfaitaire pour frais de recouvrement : ${eur('40,00 €')}\n`
      + `- total dû : ${eur('10 148,08 €')}\n`);
    expect(body).toContain('article L441-10 du Code de commerce');
    expect(body).toContain(`nous vous mettons en demeure de nous régler la somme de ${eur('10 148,08 €')} dans un délai de huit jours`);
    expect(body).toContain("La présente vaut mise en demeure au sens de l'article 1344 du Code civil.");
  });

  test('in English, with the same figures', () => {
    const { subject, body } = compose(notice, 'email', { invoice: invoice('en') });
    expect(subject).toBe('Formal notice to pay: invoice F2025-0042');
    expect(body).toContain('late-payment interest at the annual rate of 13.15%');
    expect(body).toContain('- interest from 11 March 2025 to 9 April 2025 (30 days at 13.15%): €108.08\n'
      + '- fixed recovery indemnity: €40.00\n- total due: €10,148.08\n');
    expect(body).toContain('Article L441-10 of the French Commercial Code');
    expect(body).toContain('Article D441-5');
  });

  test('the penalty given by the caller wins; penalties across half-years show each period and rate', () => {
    const late = invoice('fr', { openAmountMinor: 500_000n, dueDate: '2024-12-01', issueDate: '2024-11-01' });
    const penalty = computeLatePaymentPenalty({ amountMinor: 500_000n, currency: 'EUR', dueDate: '2024-12-01', asOf: '2025-01-30' });
    const { body } = compose(notice, 'email', { invoice: late, asOf: '2025-01-30', penalty });
    expect(body).toContain(`au taux annuel de 14,25${NBSP}% puis 13,15${NBSP}%`);
    expect(body).toContain(`- pénalités du 2 décembre 2024 au 31 décembre 2024 (30 jours à 14,25${NBSP}%) : 58,56${NBSP}€\n`
      + `- pénalités du 1er janvier 2025 au 30 janvier 2025 (30 jours à 13,15${NBSP}%) : 54,04${NBSP}€\n`
      + `- total des pénalités de retard : 112,60${NBSP}€\n`
      + `- indemnité forfaitaire pour frais de recouvrement : 40,00${NBSP}€\n`
      + `- total dû : ${eur('5 152,60 €')}\n`);
  });

  test('no fixed indemnity when none applies (not business-to-business, or another currency)', () => {
    const penalty = computeLatePaymentPenalty({
      amountMinor: 1_000_000n, currency: 'EUR', dueDate: '2025-03-10', asOf: '2025-04-09', businessToBusiness: false,
    });
    const { body } = compose(notice, 'letter', { penalty });
    expect(body).not.toContain('indemnité forfaitaire');
    expect(body).toContain(`- total dû : ${eur('10 108,08 €')}\n`);
    const usd = compose(notice, 'email', { invoice: invoice('en', { currency: 'USD' }) });
    expect(usd.body).not.toContain('indemnity');
    expect(usd.body).toContain('- total due: US$10,108.08\n');
  });

  test('the SMS states the total and the legal basis', () => {
    expect(compose(notice, 'sms')).toEqual({
      subject: null,
      body: `Mise en demeure : facture F2025-0042 impayée depuis 30 j. Somme due ${eur('10 148,08 €')}, `
        + `dont 148,08${NBSP}€ de pénalités légales (C. com. L441-10, D441-5). À régler sous 8 jours.`,
    });
  });
});

describe('account statements', () => {
  const lines: StatementLine[] = [
    { invoiceId: 'a', number: 'F2025-0042', issueDate: '2025-02-08', dueDate: '2025-03-10', currency: 'EUR', openAmountMinor: 1_000_000n, daysOverdue: 30 },
    { invoiceId: 'b', number: 'F2025-0051', issueDate: '2025-03-01', dueDate: '2025-04-08', currency: 'EUR', openAmountMinor: 12_345n, daysOverdue: 1 },
    { invoiceId: 'c', number: 'F2025-0077', issueDate: '2025-04-01', dueDate: '2025-05-01', currency: 'EUR', openAmountMinor: 25_050n, daysOverdue: -22 },
  ];
  const statement = step('account_statement', ['email', 'sms']);

  test('every open item with its due date, open amount and days overdue, and the total', () => {
    const { subject, body } = compose(statement, 'email', { statement: lines });
    expect(subject).toBe(`Relevé de compte au 9 avril 2025 : ${eur('10 373,95 €')} restant dû`);
    expect(body).toContain(`- Facture n° F2025-0042 du 8 février 2025, échéance le 10 mars 2025 : ${eur('10 000,00 €')} (échue depuis 30 jours)\n`
      + `- Facture n° F2025-0051 du 1er mars 2025, échéance le 8 avril 2025 : 123,45${NBSP}€ (échue depuis 1 jour)\n`
      + `- Facture n° F2025-0077 du 1er avril 2025, échéance le 1er mai 2025 : 250,50${NBSP}€ (non échue)\n`
      + `\nTotal restant dû : ${eur('10 373,95 €')}\n`);
  });

  test('in English; SMS with the count and the total', () => {
    const { body } = compose(statement, 'email', { statement: lines, invoice: invoice('en') });
    expect(body).toContain('- Invoice F2025-0077 dated 1 April 2025, due on 1 May 2025: €250.50 (not yet due)\n');
    expect(body).toContain('Total outstanding: €10,373.95\n');
    expect(compose(statement, 'sms', { statement: lines, invoice: invoice('en') }).body)
      .toBe('Statement as of 9 April 2025: 3 invoices awaiting payment, total €10,373.95. Please settle the overdue ones or contact us.');
  });

  test('totals per currency; without lines the statement is the invoice itself', () => {
    const usd: StatementLine = { ...lines[0]!, invoiceId: 'd', currency: 'USD', openAmountMinor: 5000n };
    expect(compose(statement, 'email', { statement: [lines[0]!, usd], invoice: invoice('en') }).subject)
      .toBe('Statement of account as of 9 April 2025: €10,000.00 + US$50.00 outstanding');
    expect(compose(statement, 'sms').body).toContain(`1 facture en attente de règlement, total ${eur('10 000,00 €')}`);
  });
});

describe("scenarios' own templates, sandboxed", () => {
  const withBody = (body: string, subject?: string) =>
    step('formal_notice', ['email'], { templates: { fr: { email: { body, ...(subject ? { subject } : {}) } } } });

  test('every variable is available, including statement lines and penalty figures', () => {
    const body = '{{ customerName }}|{{ invoiceNumber }}|{{ currency }}|{{ amount }}|{{ issueDate }}|{{ dueDate }}|{{ asOf }}|'
      + '{{ daysOverdue }}|{{ penalty.daysLate }}|{{ penalty.rate }}|{{ penalty.interest }}|{{ penalty.indemnity }}|{{ penalty.total }}|'
      + '{{ totalDue }}|{% for l in statement %}{{ l.number }} {{ l.openAmount }} {{ l.daysOverdue }}{% endfor %}|{{ statementTotal }}|{{ customerName | upper }}';
    expect(compose(withBody(body), 'email').body).toBe([
      'Acme SARL', 'F2025-0042', 'EUR', eur('12 000,00 €'), '8 février 2025', '10 mars 2025', '9 avril 2025', '30', '30',
      `13,15${NBSP}%`, `108,08${NBSP}€`, `40,00${NBSP}€`, `148,08${NBSP}€`, eur('10 148,08 €'), `F2025-0042 ${eur('10 000,00 €')} 30`,
      eur('10 000,00 €'), 'ACME SARL',
    ].join('|'));
  });

  test('unknown variables render empty instead of stopping the send', () => {
    expect(compose(withBody('A{{ nope }}B{{ nope.deeper }}C{{ penalty.nope }}D'), 'email').body).toBe('ABCD');
    const reminder = step('reminder', ['email'], { templates: { fr: { email: { body: 'Pénalités : {{ penalty.total }}.' } } } });
    expect(compose(reminder, 'email').body).toBe('Pénalités : .');
  });

  test('a syntax error is a TemplateRenderError (TEMPLATE_INVALID) naming the template', () => {
    const render = () => compose(withBody('Bonjour {{ customerName '), 'email');
    expect(render).toThrow(TemplateRenderError);
    expect(render).toThrow('templates.fr.email.body: syntax error: expected variable end');
    try {
      compose(withBody('ok', '{% if x %}'), 'email');
    } catch (err) {
      expect(err).toMatchObject({ code: 'TEMPLATE_INVALID', httpStatus: 422, field: 'templates.fr.email.subject' });
    }
    expect.assertions(3);
  });

  test('code cannot run: no function calls, internals, includes, set, unknown filters', () => {
    const refused: [string, string][] = [
      ['{{ range.constructor("return process")() }}', 'function calls are not allowed'],
      ['{{ customerName.constructor }}', '"constructor" is not a template variable'],
      ['{{ constructor }}', '"constructor" is not a template variable'],
      ['{{ customerName["__proto__"] }}', '"__proto__" is not a template variable'],
      ['{{ customerName.toUpperCase }}', '"toUpperCase" is not a template variable'],
      ['{{ statement[nope] }}', 'only fixed field names and indexes can be read'],
      ['{{ statement | join(",", "constructor") }}', '"constructor" is not a template variable field'],
      ['{% include "secrets.txt" %}', 'cannot include'],
      ['{% set x = 1 %}', '{% set %} is not allowed'],
      ['{% macro m() %}{% endmacro %}', 'macros are not allowed'],
      ['{{ customerName | center(1000000000) }}', 'filter "center" is not available'],
      ['{% for a in statement %}{% for b in statement %}{% for c in statement %}{% endfor %}{% endfor %}{% endfor %}', 'loops nest at most 2 deep'],
      ['{{ x is nothing }}', 'unknown test "nothing"'],
    ];
    for (const [source, message] of refused) {
      expect(templateProblem(source)).toContain(message);
      expect(() => compose(withBody(source), 'email')).toThrow(TemplateRenderError);
    }
  });

  test('what templates are for stays allowed: conditions, loops, filters, tests', () => {
    const source = '{% if daysOverdue > 15 %}Urgent{% else %}Rappel{% endif %} {{ statement | length }} '
      + '{% for l in statement %}{{ loop.index }}.{{ l.number | lower }}{% endfor %} {{ statement | join(", ", "number") }} '
      + '{{ penalty.total if penalty is defined else "-" }} {{ nope | default("n/a") }} {{ customerName | truncate(4, true, "…") }}';
    expect(templateProblem(source)).toBeNull();
    expect(compose(withBody(source), 'email').body).toBe(`Urgent 1 1.f2025-0042 F2025-0042 148,08${NBSP}€ n/a Acme…`);
  });
});

describe('built-in SMS', () => {
  // A long invoice number and a large amount: the longest a real SMS gets.
  const big = invoice('fr', { number: 'FAC-2025-000123456', amountMinor: 123_456_789_00n, openAmountMinor: 123_456_789_00n, dueDate: '2025-09-30' });
  const asOfs = ['2025-09-27', '2025-10-30'];

  test('never has a subject and stays within two SMS (320 characters), in both languages', () => {
    const steps = [...BUILT_IN_SCENARIO.steps, step('reminder', ['sms']), step('account_statement', ['sms']), step('formal_notice', ['sms'])];
    for (const language of ['fr', 'en']) {
      for (const s of steps) {
        for (const asOf of asOfs) {
          const m = composer.composeStep({ step: { ...s, channels: ['sms'] }, channel: 'sms', invoice: { ...big, customer: { ...big.customer, language } }, asOf });
          expect(m.subject).toBeNull();
          expect(m.body.length).toBeLessThanOrEqual(320);
        }
      }
    }
  });
});

describe('validateStepTemplates', () => {
  test('reports each broken template with its path; good ones and malformed definitions pass', () => {
    const definition = {
      steps: [
        { key: 'a', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'],
          templates: { fr: { email: { subject: 'Facture {{ invoiceNumber }}', body: 'Bonjour {{ customerName }}' } } } },
        { key: 'b', trigger: { kind: 'due_date', offsetDays: 5 }, action: 'reminder', channels: ['email', 'sms'],
          templates: {
            fr: { email: { subject: 'ok', body: 'Bonjour {{ customerName ' } },
            en: { sms: { body: '{{ range.constructor("x")() }}' }, email: { subject: '{% if %}', body: 'ok' } },
          } },
        { key: 'c', trigger: { kind: 'due_date', offsetDays: 9 }, action: 'reminder', channels: ['email'], templates: { fr: 'nope' } },
      ],
    } as unknown as ScenarioDefinition;
    expect(validateStepTemplates(definition)).toEqual([
      { field: 'steps[1].templates.fr.email.body', messages: ['syntax error: expected variable end'] },
      { field: 'steps[1].templates.en.sms.body', messages: [expect.stringContaining('function calls are not allowed')] },
      { field: 'steps[1].templates.en.email.subject', messages: [expect.stringContaining('syntax error')] },
    ]);
    expect(validateStepTemplates({ steps: 'nope' } as unknown as ScenarioDefinition)).toEqual([]);
    expect(validateStepTemplates(BUILT_IN_SCENARIO)).toEqual([]);
  });
});
