import { describe, expect, test } from '@jest/globals';
import { planRecipients, recipientKeySuffix, type DeliveryContact } from '../../activities/step-recipients.js';

const contact = (over: Partial<DeliveryContact>): DeliveryContact => ({
  id: 'c', name: null, email: null, phone: null, postalAddress: null, language: 'fr', roles: ['billing'], optOuts: [], isPrimary: false, ...over,
});

const billing = contact({ id: 'b', email: 'ap@x.example', phone: '+33600000001', isPrimary: true });
const cfo = contact({ id: 'f', email: 'cfo@x.example', roles: ['cfo'], language: 'en' });
const sales = contact({ id: 's', email: 'sales@x.example', phone: '+33600000003', roles: ['sales_contact'] });

describe('planRecipients', () => {
  test('one recipient per channel and contact of the roles, primary first, in the contact language', () => {
    const plan = planRecipients(['email', 'sms'], ['cfo', 'billing'], [cfo, sales, billing], 'X SA');
    expect(plan.recipients.map((r) => [r.channel, r.contactId, r.address, r.language, r.primary])).toEqual([
      ['email', 'b', 'ap@x.example', 'fr', true],
      ['email', 'f', 'cfo@x.example', 'en', false],
      ['sms', 'b', '+33600000001', 'fr', true],
    ]);
    expect(plan.missingChannels).toEqual([]);
  });

  test('a channel nobody of the roles can be reached on is missing: no address, opted out', () => {
    const optedOut = { ...billing, optOuts: ['sms'] };
    expect(planRecipients(['email', 'sms'], ['billing'], [optedOut, sales], 'X SA')).toEqual({
      recipients: [{ channel: 'email', address: 'ap@x.example', contactId: 'b', primary: true, language: 'fr' }],
      missingChannels: ['sms'],
    });
    expect(planRecipients(['email'], ['legal'], [billing, cfo], 'X SA').missingChannels).toEqual(['email']);
  });

  test('letters go to the postal address, else the customer name; one message per address', () => {
    const twin = contact({ id: 't', email: 'AP@x.example', roles: ['accounts_payable'], postalAddress: '1 rue X\n75001 Paris' });
    const plan = planRecipients(['letter', 'email'], ['billing', 'accounts_payable'], [billing, twin], 'X SA');
    expect(plan.recipients.map((r) => [r.channel, r.contactId, r.address])).toEqual([
      ['letter', 'b', 'X SA'],
      ['letter', 't', '1 rue X\n75001 Paris'],
      ['email', 'b', 'ap@x.example'],
    ]);
  });

  test('the primary contact keeps the message keys of before contact roles', () => {
    expect(recipientKeySuffix({ primary: true, contactId: 'b' })).toBe('');
    expect(recipientKeySuffix({ primary: false, contactId: null })).toBe('');
    expect(recipientKeySuffix({ primary: false, contactId: 'f' })).toBe(':contact:f');
  });
});
