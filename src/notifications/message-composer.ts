import { Injectable } from '@nestjs/common';
import nunjucks from 'nunjucks';
import type { ComposedMessage, DunningInvoiceView, MessageComposerPort } from '../../activities/ports.js';
import { daysBetween } from '../../workflows/domain/calendar.js';
import type { DunningChannel, DunningStepKey } from '../../workflows/domain/dunning-schedule.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { dunningTemplate, type TemplateLanguage } from './templates/dunning-templates.js';

const LOCALES: Record<TemplateLanguage, string> = { en: 'en-GB', fr: 'fr-FR' };

/** Renders dunning messages in the contact's language (French by default). */
@Injectable()
export class MessageComposer implements MessageComposerPort {
  // Plain text output: no HTML autoescaping; undefined variables are errors, not blanks.
  private readonly env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });

  /** `asOf` (YYYY-MM-DD) is the step's scheduled date: a late retry still says the same thing. */
  compose(step: DunningStepKey, channel: DunningChannel, invoice: DunningInvoiceView, asOf: string): ComposedMessage {
    const language: TemplateLanguage = invoice.customer.language === 'en' ? 'en' : 'fr';
    const locale = LOCALES[language];
    const money = (minor: bigint) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: invoice.currency })
        // A decimal string keeps the amount exact through formatting.
        .format(formatAmount(minor, invoice.currency) as unknown as number);
    const date = (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    const context = {
      customerName: invoice.customer.name,
      invoiceNumber: invoice.number,
      amount: money(invoice.amountMinor),
      openAmount: money(invoice.openAmountMinor),
      dueDate: date(invoice.dueDate),
      daysOverdue: Math.max(0, daysBetween(invoice.dueDate, asOf)),
    };
    const template = dunningTemplate(step, channel, language);
    return {
      subject: template.subject === null ? null : this.env.renderString(template.subject, context),
      body: this.env.renderString(template.body, context),
    };
  }
}
