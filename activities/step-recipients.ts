/**
 * Who a message step writes to: the customer's contacts holding one of the
 * step's roles, one message per contact and channel in the contact's
 * language. Pure: the activities feed it the contacts they read.
 */
import type { ContactRole, ScenarioChannel } from '../workflows/domain/scenario.js';

/** A customer's contact as delivery sees it. */
export interface DeliveryContact {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  postalAddress: string | null;
  language: string;
  roles: readonly string[];
  /** Channels the contact refused (email, sms, letter, phone). */
  optOuts: readonly string[];
  isPrimary: boolean;
}

export interface StepRecipient {
  channel: ScenarioChannel;
  /** Email address, E.164 number, or the postal address (the customer's name when the contact has none). */
  address: string;
  /** null: the customer's primary contact as the built-in dunning schedule sees it. */
  contactId: string | null;
  /** The primary contact keeps the message keys used before contacts had roles. */
  primary: boolean;
  language: string;
}

export interface RecipientPlan {
  recipients: StepRecipient[];
  /** Step channels on which no contact of the step's roles can be reached. */
  missingChannels: ScenarioChannel[];
}

export function contactAddress(contact: DeliveryContact, channel: ScenarioChannel, customerName: string): string | null {
  if (contact.optOuts.includes(channel)) return null;
  switch (channel) {
    case 'email':
      return contact.email;
    case 'sms':
      return contact.phone;
    case 'letter':
      return contact.postalAddress ?? (customerName || null);
  }
}

/**
 * One recipient per (channel, contact of the roles) with an address on the channel, primary
 * contact first; a second contact with the same address on a channel gets no second message.
 */
export function planRecipients(
  channels: readonly ScenarioChannel[],
  roles: readonly ContactRole[],
  contacts: readonly DeliveryContact[],
  customerName: string,
): RecipientPlan {
  const chosen = [...contacts]
    .filter((c) => c.roles.some((r) => roles.includes(r as ContactRole)))
    .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const plan: RecipientPlan = { recipients: [], missingChannels: [] };
  for (const channel of channels) {
    const addresses = new Set<string>();
    for (const contact of chosen) {
      const address = contactAddress(contact, channel, customerName);
      if (!address) continue;
      const key = channel === 'email' ? address.toLowerCase() : address;
      if (addresses.has(key)) continue;
      addresses.add(key);
      plan.recipients.push({ channel, address, contactId: contact.id, primary: contact.isPrimary, language: contact.language });
    }
    if (addresses.size === 0) plan.missingChannels.push(channel);
  }
  return plan;
}

/**
 * The per-recipient part of a message key: nothing for the primary contact (so its
 * keys are those of before contact roles, and an activity retried across the
 * upgrade sends nothing twice), `:contact:<id>` for any other.
 */
export function recipientKeySuffix(recipient: Pick<StepRecipient, 'primary' | 'contactId'>): string {
  return recipient.primary || recipient.contactId === null ? '' : `:contact:${recipient.contactId}`;
}
