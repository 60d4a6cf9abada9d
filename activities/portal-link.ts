import type { ComposedMessage } from './ports.js';

/** The customer portal link every customer email carries: its contact's (docs/portal.md). */
export interface PortalLinkPort {
  /** The paragraph to append to an email for this contact (its language, its link); null: no contact to give one to. */
  emailFooter(customerId: string, contactId: string | null, address: string): Promise<string | null>;
}

/** A customer email with its contact's portal link appended; other messages (SMS, letters, staff mail) as they are. */
export async function withPortalLink(
  ports: { portalLinks?: PortalLinkPort },
  message: ComposedMessage,
  to: { channel: string; customerId: string; contactId: string | null; address: string; audience?: 'customer' | 'internal' },
): Promise<ComposedMessage> {
  if (!ports.portalLinks || to.channel !== 'email' || to.audience === 'internal') return message;
  const footer = await ports.portalLinks.emailFooter(to.customerId, to.contactId, to.address);
  return footer ? { ...message, body: `${message.body.trimEnd()}\n\n${footer}` } : message;
}
