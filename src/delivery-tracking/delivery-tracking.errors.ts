import { AppError } from '../common/errors.js';

/** 401: the post carries no signature at all. */
export class SignatureMissingError extends AppError {
  constructor(what: string) {
    super('SIGNATURE_MISSING', `${what} is not signed`, 401);
  }
}

/** 403: the signature does not verify (forged, altered, or signed with another key). */
export class SignatureInvalidError extends AppError {
  constructor(what: string) {
    super('SIGNATURE_INVALID', `${what} has an invalid signature`, 403);
  }
}

/** 403: no key or token is configured to verify this provider's posts, so none is accepted. */
export class WebhookNotConfiguredError extends AppError {
  constructor(variable: string) {
    super('WEBHOOK_NOT_CONFIGURED', `This webhook is off: ${variable} is not configured`, 403);
  }
}

/** 403: an inbound email addressed to no reply-to address Relance signed. */
export class ReplyAddressInvalidError extends AppError {
  constructor() {
    super('REPLY_ADDRESS_INVALID', 'The email answers no message of ours (no valid reply-to address among its recipients)', 403);
  }
}
