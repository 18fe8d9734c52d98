import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBox } from '../../src/auth/secret-box.js';
import { accounts, outbox, webCredentials } from '../../src/db/schema/index.js';
import { codeAt } from '../../src/web/auth/totp.js';
import { createHarness, type Harness, TEST_SECRET_KEY } from '../support/harness.js';
import { givePassword, signedInVisitor, textOf, visitor } from './visitor.js';

let h: Harness;
const EO = 'j.price@stteilos-demo.org.uk';
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  h = await createHarness();
  await givePassword(h, EO, PASSWORD);
  await givePassword(h, 'cefnogi@cymorth.localhost', PASSWORD);
});
afterAll(() => h?.close());

async function accountIdOf(harness: Harness, email: string) {
  const row = await harness.ctx.db.select().from(accounts).where(eq(accounts.email, email)).get();
  return row?.id ?? 0;
}

async function storedSecret(accountId: number) {
  const row = await h.ctx.db
    .select()
    .from(webCredentials)
    .where(eq(webCredentials.accountId, accountId))
    .get();
  return row?.totpSecret ?? '';
}

describe('signing in', () => {
  it('gives the same answer for an unknown email and a wrong password', async () => {
    const v = visitor(h, { address: '192.0.2.1' });
    await v.get('/sign-in');
    const unknown = await v.post('/sign-in', { email: 'nobody@example.org', password: PASSWORD });
    const wrong = await v.post('/sign-in', { email: EO, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(textOf(unknown.text, 'email-error')).toBe('The email address or password is not right.');
    expect(textOf(wrong.text, 'email-error')).toBe(textOf(unknown.text, 'email-error'));
    expect(unknown.setCookies.join()).not.toContain('cymorth_session');
  });

  it('sets a session cookie that scripts cannot read, Lax, and Secure over HTTPS only', async () => {
    for (const https of [false, true]) {
      const v = visitor(h, { https, address: '192.0.2.2' });
      await v.get('/sign-in');
      const res = await v.post('/sign-in', { email: EO, password: PASSWORD });
      expect(res.status).toBe(303);
      const cookie = res.setCookies.find((c) => c.startsWith('cymorth_session=')) ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(/Secure/.test(cookie)).toBe(https);
    }
  });

  it('stops an account after 5 failures in 15 minutes, with a clear message, even with the right password', async () => {
    await givePassword(h, 'athro@ysgolgwyr.cymru', PASSWORD);
    const v = visitor(h, { address: '192.0.2.3' });
    await v.get('/sign-in');
    for (let i = 0; i < 5; i++)
      await v.post('/sign-in', { email: 'athro@ysgolgwyr.cymru', password: 'guess' });
    const refused = await v.post('/sign-in', { email: 'athro@ysgolgwyr.cymru', password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(textOf(refused.text, 'email-error')).toMatch(/^Too many attempts to sign in\. Wait 15 minutes/);
    // From another address the account is still held: the limit is the account's.
    const elsewhere = visitor(h, { address: '198.51.100.9' });
    await elsewhere.get('/sign-in');
    expect(
      (await elsewhere.post('/sign-in', { email: 'athro@ysgolgwyr.cymru', password: PASSWORD })).status,
    ).toBe(429);
    h.clock.advance(15 * 60_000 + 1);
    expect((await v.post('/sign-in', { email: 'athro@ysgolgwyr.cymru', password: PASSWORD })).status).toBe(
      303,
    );
  });

  it('stops an address after 20 failures across accounts', async () => {
    const v = visitor(h, { address: '203.0.113.7' });
    await v.get('/sign-in');
    for (let i = 0; i < 20; i++) await v.post('/sign-in', { email: `guess${i}@example.org`, password: 'x' });
    expect((await v.post('/sign-in', { email: EO, password: PASSWORD })).status).toBe(429);
    const other = visitor(h, { address: '203.0.113.8' });
    await other.get('/sign-in');
    expect((await other.post('/sign-in', { email: EO, password: PASSWORD })).status).toBe(303);
  });

  it('ends a session after the idle time, and a code is good only once', async () => {
    const { v, secret } = await signedInVisitor(h, EO, PASSWORD, { address: '192.0.2.4' });
    expect((await v.get('/me')).status).toBe(200);
    h.clock.advance(31 * 60_000);
    const after = await v.get('/me');
    expect(after.status).toBe(303);
    expect(after.location).toBe('/sign-in');

    await v.get('/sign-in');
    await v.post('/sign-in', { email: EO, password: PASSWORD });
    const code = codeAt(secret, h.clock.now());
    expect((await v.post('/sign-in/code', { code })).status).toBe(303);
    const again = visitor(h, { address: '192.0.2.4' });
    await again.get('/sign-in');
    await again.post('/sign-in', { email: EO, password: PASSWORD });
    const replay = await again.post('/sign-in/code', { code });
    expect(replay.status).toBe(401);
    expect(textOf(replay.text, 'code-error')).toMatch(/^That code is not right/);
  });

  it('keeps the authenticator secret sealed, bound to its account, and seals one stored before sealing began', async () => {
    const { secret } = await signedInVisitor(h, 'cefnogi@cymorth.localhost', PASSWORD, {
      address: '192.0.2.9',
    });
    const staff = await accountIdOf(h, 'cefnogi@cymorth.localhost');
    const stored = await storedSecret(staff);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
    const box = secretBox(TEST_SECRET_KEY);
    expect(await box.open(stored, `totp:${staff}`)).toBe(secret);
    await expect(box.open(stored, `totp:${staff + 1}`)).rejects.toThrow();

    // A database from before sealing: the plain secret still signs in, and is sealed by that sign-in.
    await h.ctx.db
      .update(webCredentials)
      .set({ totpSecret: secret })
      .where(eq(webCredentials.accountId, staff));
    h.clock.advance(30_000);
    const v = visitor(h, { address: '192.0.2.9' });
    await v.get('/sign-in');
    await v.post('/sign-in', { email: 'cefnogi@cymorth.localhost', password: PASSWORD });
    expect((await v.post('/sign-in/code', { code: codeAt(secret, h.clock.now()) })).status).toBe(303);
    const resealed = await storedSecret(staff);
    expect(resealed).toMatch(/^v1:/);
    expect(await box.open(resealed, `totp:${staff}`)).toBe(secret);
  });

  it('lets staff sign in the same way and find a centre', async () => {
    const { v } = await signedInVisitor(h, 'cefnogi@cymorth.localhost', PASSWORD, { address: '192.0.2.5' });
    const found = await v.get('/centres?q=gwyr');
    expect(found.status).toBe(200);
    expect(found.text).toContain('href="/centres/68123"');
  });
});

describe('forgot password and the links in mail', () => {
  it('mails a reset link to a known address, nothing to an unknown one, and says the same to both', async () => {
    const v = visitor(h, { address: '192.0.2.6' });
    await v.get('/forgot-password');
    const known = await v.post('/forgot-password', { email: 'sian.evans@brodinefwr.cymru' });
    const unknown = await v.post('/forgot-password', { email: 'nobody@brodinefwr.cymru' });
    expect(known.status).toBe(200);
    expect(known.text.replaceAll('sian.evans', 'nobody').replace(/cym_[\w-]+/g, '')).toBe(
      unknown.text.replace(/cym_[\w-]+/g, ''),
    );
    const mail = await h.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.template, 'password_reset'), eq(outbox.toAddress, 'sian.evans@brodinefwr.cymru')));
    expect(mail).toHaveLength(1);
    // Siân's centre works in Welsh; so does her mail.
    expect(mail[0]?.language).toBe('cy');
    expect(
      await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, 'nobody@brodinefwr.cymru')),
    ).toEqual([]);
  });

  it('opens a set-password page from the link, refuses a short password beside its field, then leads to enrolment', async () => {
    const v = visitor(h, { address: '192.0.2.7' });
    await v.get('/forgot-password');
    await v.post('/forgot-password', { email: 'exams@colegdemo.ac.uk' });
    const [mail] = await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, 'exams@colegdemo.ac.uk'));
    const link = new URL(String((mail?.params as { link?: string } | undefined)?.link));
    const page = await v.get(`${link.pathname}?lang=en`);
    expect(page.text).toContain('This link is for exams@colegdemo.ac.uk.');
    const short = await v.post(`${link.pathname}?lang=en`, { password: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    expect(textOf(short.text, 'password-error')).toBe('The password must be at least 10 characters long.');
    const done = await v.post(`${link.pathname}?lang=en`, { password: PASSWORD, confirm: PASSWORD });
    expect(done.status).toBe(303);
    expect((await v.get('/')).location).toBe('/enrol');
    const spent = await v.get(`${link.pathname}?lang=cy`);
    expect(spent.status).toBe(410);
    expect(spent.text).toContain('Mae&#39;r ddolen hon wedi&#39;i defnyddio');
  });

  it('lets someone half-way through signing in sign out from the code and enrolment pages', async () => {
    await givePassword(h, 'llinell.gymorth@cymorth.localhost', PASSWORD);
    await signedInVisitor(h, EO, PASSWORD, { address: '192.0.2.13' });
    for (const [email, page] of [
      ['llinell.gymorth@cymorth.localhost', '/enrol'],
      [EO, '/sign-in/code'],
    ] as const) {
      const v = visitor(h, { address: '192.0.2.12' });
      await v.get('/sign-in');
      expect((await v.post('/sign-in', { email, password: PASSWORD })).location).toBe(page);
      const halfway = await v.get(`${page}?lang=cy`);
      expect(halfway.status).toBe(200);
      expect(halfway.text).toContain('action="/sign-out"');
      expect(halfway.text).toContain('Allgofnodi');
      const out = await v.post('/sign-out', {});
      expect(out.location).toBe('/sign-in?signed_out');
      expect((await v.get(page)).location).toMatch(/^\/sign-in/);
    }
  });

  it('keeps pages out of caches, referrers and frames, and lets them run only their own script', async () => {
    const res = await h.app.request('/sign-in');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers a hostile or unknown link with a page that echoes nothing of it', async () => {
    const v = visitor(h);
    const res = await v.get(`/invites/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<script>');
  });
});

describe('my details, password and API tokens', () => {
  it('shows a bad telephone beside its field, saves a good one, and the API sees it', async () => {
    const { v } = await signedInVisitor(h, EO, PASSWORD, { address: '192.0.2.8' });
    const me = await v.get('/me');
    expect(me.status).toBe(200);
    const bad = await v.post('/me', {
      first_name: 'Joanne',
      last_name: 'Price',
      language: 'en',
      telephone: '12',
    });
    expect(bad.status).toBe(400);
    expect(textOf(bad.text, 'telephone-error')).toMatch(/UK telephone number/);
    const good = await v.post('/me', {
      title: 'Mrs',
      first_name: 'Joanne',
      last_name: 'Price',
      role_in_centre: 'Exams Officer',
      language: 'en',
      telephone: '029 2018 0499',
    });
    expect(good.status).toBe(303);
    const api = await h.call('GET', '/api/v1/me', { token: h.tokens.eoEn });
    expect(api.json).toMatchObject({ title: 'Mrs', role_in_centre: 'Exams Officer' });
    expect(api.json.telephone).toMatch(/029 ?2018 ?0499/);
  });

  it('makes an API token shown once, which works until it is ended', async () => {
    const { v } = await signedInVisitor(h, EO, PASSWORD, { address: '192.0.2.9' });
    await v.get('/tokens');
    const made = await v.post('/tokens', { label: 'MIS' });
    const token = textOf(made.text, 'new-token') ?? '';
    expect((await h.call('GET', '/api/v1/me', { token })).status).toBe(200);
    const list = await v.get('/tokens');
    expect(list.text).not.toContain(token);
    const id = list.text.match(/action="\/tokens\/(\d+)\/revoke"/)?.[1];
    expect((await v.post(`/tokens/${id}/revoke`, {})).status).toBe(303);
    expect((await h.call('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('ends every session when the password changes', async () => {
    const { v: one } = await signedInVisitor(h, EO, PASSWORD, { address: '192.0.2.10' });
    const { v: two } = await signedInVisitor(h, EO, PASSWORD, { address: '192.0.2.10' });
    h.clock.advance(60_000);
    await one.get('/me/password');
    const wrong = await one.post('/me/password', {
      current: 'nope',
      password: 'a new passphrase',
      confirm: 'a new passphrase',
    });
    expect(textOf(wrong.text, 'current-error')).toBe('Your current password is not right.');
    const changed = await one.post('/me/password', {
      current: PASSWORD,
      password: 'a new passphrase',
      confirm: 'a new passphrase',
    });
    expect(changed.location).toBe('/sign-in?password_changed');
    expect((await one.get('/me')).location).toBe('/sign-in');
    expect((await two.get('/me')).location).toBe('/sign-in');
    await givePassword(h, EO, PASSWORD);
  });

  it('refuses a form without its CSRF token and another account\u2019s token id', async () => {
    const { v } = await signedInVisitor(h, EO, PASSWORD, { address: '192.0.2.11' });
    await v.get('/me');
    const res = await v.post('/me', { first_name: 'Mallory' }, false);
    expect(res.status).toBe(403);
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.eoEn })).json.first_name).toBe('Joanne');
  });
});
