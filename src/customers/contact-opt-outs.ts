/** Channels a contact can opt out of (`phone`: calls from collectors); shared by the entity, intake's DTOs and the account's schema. */
export const CONTACT_OPT_OUTS = ['email', 'sms', 'letter', 'phone'] as const;
export type ContactOptOut = (typeof CONTACT_OPT_OUTS)[number];
