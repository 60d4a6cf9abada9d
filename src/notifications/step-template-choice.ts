/**
 * Which template writes a scenario step's message, in this order:
 *   1. the step's own template for the message language and channel;
 *   2. the built-in scenario's template of the step's key (courtesy_notice,
 *      reminder_1, …) when the step keeps that key's action;
 *   3. the built-in template of the step's action (reminder,
 *      account_statement, formal_notice).
 * The message language always wins: a step with only a French template
 * writes to an English contact with the English built-in, never in French.
 * A scenario email or letter template without a subject takes the built-in
 * subject (of 2 or 3).
 */
import type { ScenarioChannel, ScenarioStepDefinition, StepTemplate } from '../../workflows/domain/scenario.js';
import { BUILT_IN_SCENARIO } from '../../workflows/domain/scenario-schedule.js';
import type { DunningStepKey } from '../../workflows/domain/dunning-schedule.js';
import type { MessageLanguage } from './locale-format.js';
import { actionTemplate, isMessageAction } from './templates/action-templates.js';
import type { BuiltInTemplate } from './templates/built-in-template.js';
import { dunningTemplate } from './templates/dunning-templates.js';

export type TemplateOrigin = 'scenario' | 'built_in_step' | 'built_in_action';

export interface StepTemplateChoice {
  origin: TemplateOrigin;
  /** The scenario's template (origin `scenario`), with its place in the step for error messages. */
  custom: (StepTemplate & { field: string }) | null;
  /** The built-in the step falls back to: its text when there is no custom one, its subject when the custom one has none. */
  builtIn: BuiltInTemplate;
}

const BUILT_IN_ACTIONS = new Map(BUILT_IN_SCENARIO.steps.map((s) => [s.key, s.action]));

export function chooseStepTemplate(step: ScenarioStepDefinition, channel: ScenarioChannel, language: MessageLanguage): StepTemplateChoice {
  if (!isMessageAction(step.action)) throw new RangeError(`A ${step.action} step sends no customer message`);
  const byKey = BUILT_IN_ACTIONS.get(step.key) === step.action;
  // The built-in formal_notice step states the penalty figures, which its action template does.
  const builtIn = byKey && step.action === 'reminder'
    ? dunningTemplate(step.key as DunningStepKey, channel, language)
    : actionTemplate(step.action, channel, language);
  const custom = step.templates?.[language]?.[channel];
  if (custom) return { origin: 'scenario', custom: { ...custom, field: `templates.${language}.${channel}` }, builtIn };
  return { origin: byKey ? 'built_in_step' : 'built_in_action', custom: null, builtIn };
}
