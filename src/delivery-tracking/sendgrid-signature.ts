import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The headers of SendGrid's Signed Event Webhook. */
export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/**
 * The verification key SendGrid shows under Mail Settings → Event Webhook → Signed Event Webhook:
 * an ECDSA P-256 public key, base64 DER (SubjectPublicKeyInfo), or the same as PEM. Throws when it is not one.
 */
export function parseSendGridPublicKey(value: string): KeyObject {
  const text = value.trim();
  const key = text.includes('-----BEGIN')
    ? createPublicKey({ key: text, format: 'pem' })
    : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('not an ECDSA P-256 public key');
  }
  return key;
}

/**
 * SendGrid's documented scheme (and that of its own @sendgrid/eventwebhook helper): an ECDSA
 * signature with SHA-256, DER-encoded then base64, over the timestamp header's value followed by
 * the raw request body, byte for byte. Verified with OpenSSL through node:crypto.
 */
export function verifySendGridSignature(
  publicKey: KeyObject,
  rawBody: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
): boolean {
  if (!signature || !timestamp || !/^\d{1,15}$/.test(timestamp)) return false;
  const decoded = Buffer.from(signature, 'base64');
  if (decoded.length === 0) return false;
  try {
    return verify('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), { key: publicKey, dsaEncoding: 'der' }, decoded);
  } catch {
    // A malformed DER signature is a forged one.
    return false;
  }
}
