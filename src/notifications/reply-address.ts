import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Reply-to addresses of customer emails: `reply+<message id, 32 hex>.<token>@<reply domain>`,
 * the token being the first 80 bits of HMAC-SHA256(key, message id) in hex, so only Relance can
 * make one and an inbound reply is threaded onto the message it answers, never onto one an
 * outsider names. Lowercase hex: mail systems may change the case of local parts. At most 59
 * characters before the `@` (the limit is 64).
 */
export class ReplyAddresses {
  constructor(
    private readonly key: Buffer,
    readonly domain: string,
  ) {}

  addressFor(messageId: string): string {
    const compact = messageId.replace(/-/g, '').toLowerCase();
    return `reply+${compact}.${this.token(compact)}@${this.domain}`;
  }

  /** The message id an address answers, or null when it is not one of ours or its token is wrong. */
  messageIdOf(address: string): string | null {
    const match = /^reply\+([0-9a-f]{32})\.([0-9a-f]{20})@(.+)$/i.exec(address.trim());
    if (!match || match[3]!.toLowerCase() !== this.domain.toLowerCase()) return null;
    const compact = match[1]!.toLowerCase();
    const given = Buffer.from(match[2]!.toLowerCase());
    const expected = Buffer.from(this.token(compact));
    if (!timingSafeEqual(given, expected)) return null;
    return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
  }

  private token(compactId: string): string {
    return createHmac('sha256', this.key).update(`reply-to:${compactId}`).digest('hex').slice(0, 20);
  }
}

/** Addresses in an RFC 5322 address list (`"Name" <a@b>, c@d`), lowercased domain kept as given. */
export function addressesIn(list: string): string[] {
  return [...list.matchAll(/<([^<>\s]+@[^<>\s]+)>|([^\s,<>"]+@[^\s,<>"]+)/g)].map((m) => (m[1] ?? m[2])!);
}
