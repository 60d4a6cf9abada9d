import { AppError } from '../common/errors.js';

export class InvalidCredentialsError extends AppError {
  constructor() {
    super('INVALID_CREDENTIALS', 'The email or the password is wrong', 401);
  }
}

/** A sign-in or invitation link that cannot be used: `LINK_INVALID` (altered), `LINK_EXPIRED`, `LINK_USED`. */
export class SignInLinkError extends AppError {
  constructor(reason: 'invalid' | 'expired' | 'used') {
    const messages = {
      invalid: 'This link is not valid: it may have been altered or cut. Ask for a new one.',
      expired: 'This link has expired. Ask for a new one.',
      used: 'This link has already been used. Ask for a new one.',
    };
    super(`LINK_${reason.toUpperCase()}`, messages[reason], reason === 'invalid' ? 400 : 410);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super('CSRF_TOKEN_INVALID', 'A signed-in browser must send the X-CSRF-Token header with the relance_csrf cookie value', 403);
  }
}

export class JsonBodyRequiredError extends AppError {
  constructor() {
    super('JSON_REQUIRED', 'This route accepts application/json bodies only', 415);
  }
}
