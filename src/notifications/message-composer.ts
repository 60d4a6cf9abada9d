import { Injectable } from '@nestjs/common';
import nunjucks from 'nunjucks';
import type {
  ComposedMessage, ConsolidatedCompositionInput, DunningInvoiceView, MessageComposerPort, StepCompositionInput,
} from '../../activities/ports.js';
import { daysBetween } from '../../workflows/domain/calendar.js';
import type { DunningChannel, DunningStepKey } from '../../workflows/domain/dunning-schedule.js';
import { localeFormat, messageLanguage } from './locale-format.js';
import { chooseStepTemplate } from './step-template-choice.js';
import { renderSandboxed } from './template-sandbox.js';
import { consolidatedVariables, templateVariables } from './template-variables.js';
import { consolidatedTemplate } from './templates/consolidated-templates.js';
import { dunningTemplate } from './templates/dunning-templates.js';

/** Renders dunning messages in the contact's language (French by default, English supported). */
@Injectable()
export class MessageComposer implements MessageComposerPort {
  // Built-in templates are ours: plain text (no HTML autoescaping), and an undefined variable is a bug, not a blank.
  private readonly env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });

  /** The built-in scenario's steps. `asOf` (YYYY-MM-DD) is the step's scheduled date: a late retry still says the same thing. */
  compose(step: DunningStepKey, channel: DunningChannel, invoice: DunningInvoiceView, asOf: string): ComposedMessage {
    const language = messageLanguage(invoice.customer.language);
    const f = localeFormat(language);
    const context = {
      customerName: invoice.customer.name,
      invoiceNumber: invoice.number,
      amount: f.money(invoice.amountMinor, invoice.currency),
      openAmount: f.money(invoice.openAmountMinor, invoice.currency),
      dueDate: f.date(invoice.dueDate),
      daysOverdue: Math.max(0, daysBetween(invoice.dueDate, asOf)),
    };
    const template = dunningTemplate(step, channel, language);
    return {
      subject: template.subject === null ? null : this.env.renderString(template.subject, context),
      body: this.env.renderString(template.body, context),
    };
  }

  /**
   * A scenario step's message (see step-template-choice.ts for which template,
   * template-variables.ts for the variables). The scenario's own templates
   * render sandboxed: unknown variables are blank, and a broken template
   * throws TemplateRenderError (code TEMPLATE_INVALID, not worth a retry).
   */
  composeStep(input: StepCompositionInput): ComposedMessage {
    const language = messageLanguage(input.invoice.customer.language);
    const { custom, builtIn } = chooseStepTemplate(input.step, input.channel, language);
    const variables = templateVariables(input, language);
    const builtInText = (source: string) => this.env.renderString(source, variables);

    const body = custom ? renderSandboxed(custom.body, variables, `${custom.field}.body`) : builtInText(builtIn.body);
    if (input.channel === 'sms') return { subject: null, body };
    const subject = custom?.subject !== undefined
      ? renderSandboxed(custom.subject, variables, `${custom.field}.subject`)
      : builtInText(builtIn.subject ?? '');
    return { subject, body };
  }

  /**
   * One message listing several invoices of a customer, in the contact's
   * language, from the built-in consolidated templates only: a scenario
   * step's own template is written about one invoice (`invoiceNumber`,
   * `openAmount`…), and the invoices of one batch may follow different steps
   * and scenarios. A lone invoice keeps its step's message (composeStep).
   */
  composeConsolidated(input: ConsolidatedCompositionInput): ComposedMessage {
    const language = messageLanguage(input.customer.language);
    const template = consolidatedTemplate(input.action, input.channel, language);
    const variables = consolidatedVariables(input, language);
    return {
      subject: template.subject === null ? null : this.env.renderString(template.subject, variables),
      body: this.env.renderString(template.body, variables),
    };
  }
}
