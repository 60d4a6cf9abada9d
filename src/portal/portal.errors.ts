import { AppError } from '../common/errors.js';

export type PortalLinkProblem = 'invalid' | 'expired' | 'revoked';

/** A portal link that opens nothing: `PORTAL_LINK_INVALID` (altered or cut), `…_EXPIRED`, `…_REVOKED`. */
export class PortalLinkError extends AppError {
  constructor(readonly reason: PortalLinkProblem) {
    const messages: Record<PortalLinkProblem, string> = {
      invalid: 'This link is not valid: it may have been altered or cut. Use the link of your latest email.',
      expired: 'This link has expired. Use the link of your latest email, or ask your contact for a new one.',
      revoked: 'This link is no longer valid. Ask your contact for a new one.',
    };
    super(`PORTAL_LINK_${reason.toUpperCase()}`, messages[reason], reason === 'invalid' ? 400 : 410);
  }
}

export class PortalCsrfError extends AppError {
  constructor() {
    super('CSRF_TOKEN_INVALID', 'The portal page must send the X-CSRF-Token header it was given', 403);
  }
}
