/**
 * Checks every template a scenario defines can be rendered, so a broken one
 * is refused when the draft is saved instead of failing a send weeks later.
 * Pure; tolerates malformed definitions (validateScenarioDefinition reports
 * the shape, this reports only templates that are texts).
 */
import type { FieldError } from '../common/validation.js';
import type { ScenarioDefinition } from '../../workflows/domain/scenario.js';
import { templateProblem } from './template-sandbox.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths like `steps[1].templates.fr.email.body`. */
export function validateStepTemplates(definition: ScenarioDefinition): FieldError[] {
  const steps: unknown = isObject(definition) ? definition.steps : undefined;
  if (!Array.isArray(steps)) return [];
  const errors: FieldError[] = [];
  steps.forEach((step: unknown, i) => {
    const templates = isObject(step) ? step.templates : undefined;
    if (!isObject(templates)) return;
    for (const [language, byChannel] of Object.entries(templates)) {
      if (!isObject(byChannel)) continue;
      for (const [channel, template] of Object.entries(byChannel)) {
        if (!isObject(template)) continue;
        for (const part of ['subject', 'body'] as const) {
          const source = template[part];
          const problem = typeof source === 'string' ? templateProblem(source) : null;
          if (problem) errors.push({ field: `steps[${i}].templates.${language}.${channel}.${part}`, messages: [problem] });
        }
      }
    }
  });
  return errors;
}
