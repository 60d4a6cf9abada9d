/** Built-in templates per message action, channel and language. */
import type { ScenarioChannel } from '../../../workflows/domain/scenario.js';
import type { MessageLanguage } from '../locale-format.js';
import { ACCOUNT_STATEMENT_TEMPLATES } from './account-statement-templates.js';
import type { ActionTemplates, BuiltInTemplate } from './built-in-template.js';
import { FORMAL_NOTICE_TEMPLATES } from './formal-notice-templates.js';
import { REMINDER_TEMPLATES } from './reminder-templates.js';

/** The actions that write to the customer. */
export type MessageAction = 'reminder' | 'account_statement' | 'formal_notice';

const BY_ACTION: Record<MessageAction, ActionTemplates> = {
  reminder: REMINDER_TEMPLATES,
  account_statement: ACCOUNT_STATEMENT_TEMPLATES,
  formal_notice: FORMAL_NOTICE_TEMPLATES,
};

export function isMessageAction(action: string): action is MessageAction {
  return Object.hasOwn(BY_ACTION, action);
}

export function actionTemplate(action: MessageAction, channel: ScenarioChannel, language: MessageLanguage): BuiltInTemplate {
  const t = BY_ACTION[action][language];
  return channel === 'sms' ? { subject: null, body: t.sms.body } : t[channel];
}
