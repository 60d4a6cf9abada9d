import { describe, expect, test } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import { DEV_SENDGRID_WEBHOOK_PUBLIC_KEY, loadConfig, sendGridWebhookPublicKey } from '../../src/config/app-config.js';
import { parseSendGridPublicKey, verifySendGridSignature } from '../../src/delivery-tracking/sendgrid-signature.js';
import { isHardBounce } from '../../src/delivery-tracking/delivery-tracking.service.js';
import { addressesIn, ReplyAddresses } from '../../src/notifications/reply-address.js';

const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const base64Key = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('SendGrid event signatures', () => {
  const body = Buffer.from('[{"event":"delivered","sg_event_id":"e1"}]\r\n');
  const signed = (timestamp: string, bytes: Buffer) => sign('sha256', Buffer.concat([Buffer.from(timestamp), bytes]), { key: pair.privateKey, dsaEncoding: 'der' }).toString('base64');

  test('verifies ECDSA P-256 / SHA-256 over timestamp + raw body, with the key as base64 DER or PEM', () => {
    const signature = signed('1700000000', body);
    expect(verifySendGridSignature(parseSendGridPublicKey(base64Key), body, signature, '1700000000')).toBe(true);
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifySendGridSignature(parseSendGridPublicKey(pem), body, signature, '1700000000')).toBe(true);
  });

  test('refuses another timestamp, a changed byte, garbage and missing parts', () => {
    const key = parseSendGridPublicKey(base64Key);
    const signature = signed('1700000000', body);
    expect(verifySendGridSignature(key, body, signature, '1700000001')).toBe(false);
    expect(verifySendGridSignature(key, Buffer.from(body.toString().replace('\r\n', '\n')), signature, '1700000000')).toBe(false);
    expect(verifySendGridSignature(key, body, 'AAAA', '1700000000')).toBe(false);
    expect(verifySendGridSignature(key, body, undefined, '1700000000')).toBe(false);
    expect(verifySendGridSignature(key, body, signature, undefined)).toBe(false);
  });

  test('the key must be a P-256 public key: checked at boot, the dev key refused in production', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(() => loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: rsa })).toThrow(/SENDGRID_WEBHOOK_PUBLIC_KEY/);
    expect(() => loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: 'not a key' })).toThrow(/SENDGRID_WEBHOOK_PUBLIC_KEY/);
    expect(sendGridWebhookPublicKey(loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: base64Key }))).toBe(base64Key);
    expect(sendGridWebhookPublicKey(loadConfig({}))).toBe(DEV_SENDGRID_WEBHOOK_PUBLIC_KEY);
    const production = {
      RELANCE_ENV: 'production', DATABASE_URL: 'postgres://db/relance', TEMPORAL_ADDRESS: 't:7233', RELANCE_DEV_API_KEY: 'k'.repeat(32),
      RELANCE_LINK_SECRET: 's'.repeat(32), RELANCE_PUBLIC_URL: 'https://relance.example.com',
    };
    expect(sendGridWebhookPublicKey(loadConfig(production))).toBeNull();
    expect(() => loadConfig({ ...production, SENDGRID_WEBHOOK_PUBLIC_KEY: DEV_SENDGRID_WEBHOOK_PUBLIC_KEY })).toThrow(/development key/);
  });

  test('hard bounces: bounces but not blocks, drops of bounced or invalid addresses', () => {
    expect(isHardBounce({ event: 'bounce', type: 'bounce' })).toBe(true);
    expect(isHardBounce({ event: 'bounce' })).toBe(true);
    expect(isHardBounce({ event: 'bounce', type: 'blocked' })).toBe(false);
    expect(isHardBounce({ event: 'dropped', reason: 'Bounced Address' })).toBe(true);
    expect(isHardBounce({ event: 'dropped', reason: 'Unsubscribed Address' })).toBe(false);
    expect(isHardBounce({ event: 'delivered' })).toBe(false);
  });
});

describe('reply-to addresses', () => {
  const addresses = new ReplyAddresses(Buffer.from('k'.repeat(32)), 'reply.example.com');
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

  test('round-trip, case-insensitive, at most 64 characters before the @', () => {
    const address = addresses.addressFor(id);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(addresses.messageIdOf(address)).toBe(id);
    expect(addresses.messageIdOf(address.toUpperCase().replace('REPLY.EXAMPLE.COM', 'reply.example.com'))).toBe(id);
  });

  test('another key, another domain, a changed id or token: not ours', () => {
    const address = addresses.addressFor(id);
    expect(new ReplyAddresses(Buffer.from('x'.repeat(32)), 'reply.example.com').messageIdOf(address)).toBeNull();
    expect(addresses.messageIdOf(address.replace('reply.example.com', 'evil.example'))).toBeNull();
    expect(addresses.messageIdOf(address.replace('0f8fad5b', '1f8fad5b'))).toBeNull();
    expect(addresses.messageIdOf('someone@reply.example.com')).toBeNull();
  });

  test('addresses of a header list', () => {
    expect(addressesIn('"Relance, AR" <a@b.example>, c@d.example')).toEqual(['a@b.example', 'c@d.example']);
  });
});
