import { AppError } from '../common/errors.js';

export const TEMPLATE_INVALID = 'TEMPLATE_INVALID';

/**
 * A scenario's template cannot be rendered (syntax error, forbidden
 * construct). Deterministic: retrying with the same template fails the same
 * way, so the send activity treats it as non-retryable (by `code`), and the
 * API answers 422.
 */
export class TemplateRenderError extends AppError {
  constructor(
    /** What is wrong, e.g. "line 1, column 5: expected variable end". */
    readonly reason: string,
    /** Where the template sits, e.g. `templates.fr.email.body` or `steps[1].templates.fr.email.body`. */
    readonly field?: string,
  ) {
    super(TEMPLATE_INVALID, field ? `${field}: ${reason}` : reason, 422, field ? { field } : undefined);
  }

  /** The same error, placed deeper: `templates.fr.email.body` → `definition.steps[1].templates.fr.email.body`. */
  under(prefix: string): TemplateRenderError {
    return new TemplateRenderError(this.reason, this.field ? `${prefix}.${this.field}` : prefix);
  }
}
