import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUsers, startPlatform, type Platform } from '../support/platform.js';

/** The link in the last email the SendGrid stand-in accepted for `to`. */
function linkSentTo(platform: Platform, to: string): string {
  const mail = platform.providers.acceptedEmails().filter((m) => JSON.stringify(m.personalizations).includes(to)).at(-1);
  if (!mail) throw new Error(`no email to ${to}`);
  const text = (mail.content ?? []).map((c) => c.value).join('\n');
  const url = /(http\S+token=\S+)/.exec(text)?.[1];
  if (!url) throw new Error(`no link in ${text}`);
  return url;
}
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

/** Cookies as a browser would send them back, from Set-Cookie headers. */
function cookieJar(headers: Headers): { header: string; csrf: string; raw: string[] } {
  const raw = headers.getSetCookie();
  const pairs = raw.map((c) => c.split(';')[0]!);
  const csrf = pairs.find((p) => p.startsWith('relance_csrf='))!.split('=')[1]!;
  return { header: pairs.join('; '), csrf, raw };
}

async function call(platform: Platform, method: string, path: string, options: { body?: unknown; cookie?: string; csrf?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const res = await fetch(platform.baseUrl + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

describe('console sign-in', () => {
  let platform: Platform;
  let email: string;
  let userId: string;
  let token: string;
  const password = 'correct horse battery';

  beforeAll(async () => {
    platform = await startPlatform({ worker: false });
    const users = await createUsers(platform, { vera: ['dispute_validator'] }, { vera: ['disputes'] });
    [email, userId, token] = [users.emails.vera!, users.ids.vera!, users.tokens.vera!];
  });
  afterAll(async () => {
    await platform?.close();
  });

  test('an admin invites a person, who sets a password from the emailed link and is signed in', async () => {
    const forbidden = await platform.request('POST', `/api/v1/users/${userId}/invitation`, undefined, { apiKey: token });
    expect(forbidden.status).toBe(403);
    const invited = await platform.request('POST', `/api/v1/users/${userId}/invitation`);
    expect(invited.status).toBe(202);
    const link = linkSentTo(platform, email);
    expect(link).toContain('/set-password?token=');

    const short = await call(platform, 'POST', '/api/v1/session/password', { body: { token: tokenOf(link), password: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('password');

    const set = await call(platform, 'POST', '/api/v1/session/password', { body: { token: tokenOf(link), password } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ user: { id: userId, email }, roles: ['dispute_validator'], groups: ['disputes'], language: 'fr' });
    const jar = cookieJar(set.headers);
    const session = jar.raw.find((c) => c.startsWith('relance_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    // Development (http on a loopback host): not Secure, or the browser would drop it.
    expect(session).not.toMatch(/Secure/i);
    expect(jar.raw.find((c) => c.startsWith('relance_csrf='))).not.toMatch(/HttpOnly/i);

    const again = await call(platform, 'POST', '/api/v1/session/password', { body: { token: tokenOf(link), password } });
    expect(again).toMatchObject({ status: 410, body: { code: 'LINK_USED' } });
  });

  test('password sign-in, the session cookie, CSRF on unsafe requests, sign-out', async () => {
    const wrong = await call(platform, 'POST', '/api/v1/session', { body: { email, password: 'not the password' } });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    const unknown = await call(platform, 'POST', '/api/v1/session', { body: { email: 'nobody@relance.example', password } });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    // A cross-site form cannot sign a browser in.
    const form = await call(platform, 'POST', '/api/v1/session', {
      body: `email=${encodeURIComponent(email)}&password=${encodeURIComponent(password)}`, contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);

    const signedIn = await call(platform, 'POST', '/api/v1/session', { body: { email: email.toUpperCase(), password } });
    expect(signedIn.status).toBe(200);
    const jar = cookieJar(signedIn.headers);
    expect(signedIn.body.csrfToken).toBe(jar.csrf);

    const me = await call(platform, 'GET', '/api/v1/session', { cookie: jar.header });
    expect(me.body).toMatchObject({ user: { email }, roles: ['dispute_validator'], language: 'fr' });

    const noCsrf = await call(platform, 'PATCH', '/api/v1/session', { cookie: jar.header, body: { language: 'en' } });
    expect(noCsrf).toMatchObject({ status: 403, body: { code: 'CSRF_TOKEN_INVALID' } });
    const badCsrf = await call(platform, 'PATCH', '/api/v1/session', { cookie: jar.header, csrf: `${jar.csrf}x`, body: { language: 'en' } });
    expect(badCsrf.status).toBe(403);
    const english = await call(platform, 'PATCH', '/api/v1/session', { cookie: jar.header, csrf: jar.csrf, body: { language: 'en' } });
    expect(english).toMatchObject({ status: 200, body: { language: 'en' } });

    // Roles still apply to a session: a validator does not administer users.
    const users = await call(platform, 'GET', '/api/v1/users', { cookie: jar.header });
    expect(users.status).toBe(403);

    const out = await call(platform, 'DELETE', '/api/v1/session', { cookie: jar.header, csrf: jar.csrf });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join(';')).toMatch(/relance_session=;/);
    const after = await call(platform, 'GET', '/api/v1/session', { cookie: jar.header });
    expect(after.status).toBe(401);
  });

  test('a magic link signs in once; an altered one is refused; unknown addresses get no mail', async () => {
    platform.providers.reset();
    const unknown = await call(platform, 'POST', '/api/v1/session/link', { body: { email: 'nobody@relance.example' } });
    expect(unknown.status).toBe(202);
    expect(platform.providers.acceptedEmails()).toHaveLength(0);

    const asked = await call(platform, 'POST', '/api/v1/session/link', { body: { email } });
    expect(asked.status).toBe(202);
    const link = linkSentTo(platform, email);
    expect(link).toContain('/sign-in/link?token=');
    // The person chose English in the previous test.
    expect(platform.providers.acceptedEmails().at(-1)!.subject).toBe('Your Relance sign-in link');

    const token = tokenOf(link);
    const tampered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const refused = await call(platform, 'POST', '/api/v1/session/link/redeem', { body: { token: tampered } });
    expect(refused).toMatchObject({ status: 400, body: { code: 'LINK_INVALID' } });
    // An invitation token is not a sign-in link, nor the other way round.
    const wrongKind = await call(platform, 'POST', '/api/v1/session/password', { body: { token, password } });
    expect(wrongKind).toMatchObject({ status: 400, body: { code: 'LINK_INVALID' } });

    const redeemed = await call(platform, 'POST', '/api/v1/session/link/redeem', { body: { token } });
    expect(redeemed).toMatchObject({ status: 200, body: { user: { email } } });
    const twice = await call(platform, 'POST', '/api/v1/session/link/redeem', { body: { token } });
    expect(twice).toMatchObject({ status: 410, body: { code: 'LINK_USED' } });
  });

  test('personal API tokens keep working, with no CSRF header', async () => {
    const me = await platform.request('GET', '/api/v1/session', undefined, { apiKey: token });
    expect(me).toMatchObject({ status: 200, body: { user: { email }, csrfToken: null } });
    const patched = await platform.request('PATCH', '/api/v1/session', { language: 'fr' }, { apiKey: token });
    expect(patched.status).toBe(200);
  });

  test('a deactivated person is signed out', async () => {
    const signedIn = await call(platform, 'POST', '/api/v1/session', { body: { email, password } });
    const jar = cookieJar(signedIn.headers);
    await platform.request('PATCH', `/api/v1/users/${userId}`, { active: false });
    expect((await call(platform, 'GET', '/api/v1/session', { cookie: jar.header })).status).toBe(401);
    expect((await call(platform, 'POST', '/api/v1/session', { body: { email, password } })).status).toBe(401);
  });
});
