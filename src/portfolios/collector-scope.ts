import { ForbiddenError } from '../auth/auth.guard.js';
import { hasAnyRole, type Principal } from '../auth/principal.js';
import { isUuid } from '../common/uuid.js';
import { FieldValidationError } from '../common/validation.js';

/** Who sees every portfolio; a collector without one of these sees their own (need-to-know). */
export const ALL_PORTFOLIOS_ROLES = ['credit_manager'] as const;

export function seesAllPortfolios(principal: Principal): boolean {
  return hasAnyRole(principal, ALL_PORTFOLIOS_ROLES);
}

/**
 * The collector a `collector` parameter names: `me` (the caller), a user id, or nothing. A collector who
 * does not see every portfolio is always narrowed to their own: naming someone else is a 403.
 */
export function resolveCollectorParam(principal: Principal, value: string | undefined, field = 'collector'): string | null {
  const all = seesAllPortfolios(principal);
  if (value === undefined) return all ? null : principal.userId;
  if (value === 'me') {
    if (!principal.userId) throw new FieldValidationError([{ field, messages: [`${field}=me needs a signed-in user (the operator key names a user id)`] }]);
    return principal.userId;
  }
  if (!isUuid(value)) throw new FieldValidationError([{ field, messages: [`${field} must be "me" or a user id`] }]);
  const id = value.toLowerCase();
  if (!all && id !== principal.userId) throw new ForbiddenError(`A collector sees their own portfolio only (${field}=me)`);
  return id;
}
