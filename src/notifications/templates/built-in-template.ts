/** Shapes shared by the built-in templates per action. */
import type { MessageLanguage } from '../locale-format.js';

export interface BuiltInTemplate {
  /** null on SMS. */
  subject: string | null;
  body: string;
}

export interface ChannelTemplates {
  email: { subject: string; body: string };
  sms: { body: string };
  letter: { subject: string; body: string };
}

export type ActionTemplates = Record<MessageLanguage, ChannelTemplates>;

/** A letter opens with its addressee and date; the subject is printed by whoever lays it out. */
export const LETTER_HEAD: Record<MessageLanguage, string> = {
  fr: `{{ customerName }}
À l'attention du service comptabilité fournisseurs

Le {{ asOf }}

`,
  en: `{{ customerName }}
For the attention of the accounts payable department

{{ asOf }}

`,
};

export const SIGN_OFF: Record<MessageLanguage, string> = {
  fr: `Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.

Le service comptabilité clients`,
  en: `Yours faithfully,

Accounts Receivable`,
};
