import { eq } from 'drizzle-orm';
import { accounts, webCredentials } from '../../src/db/schema/index.js';
import { codeAt } from '../../src/web/auth/totp.js';
import type { Harness } from '../support/harness.js';

/**
 * A browser without JavaScript, over `app.request`: it keeps its cookies, follows nothing by itself,
 * and posts each form with the CSRF token of the last page it read, as a real form would.
 */
export function visitor(h: Harness, opts: { address?: string; https?: boolean } = {}) {
  const jar = new Map<string, string>();
  let lastCsrf = '';
  const origin = opts.https ? 'https://cymorth.test' : 'http://cymorth.test';

  async function send(method: string, path: string, body?: URLSearchParams) {
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (opts.address) headers['cf-connecting-ip'] = opts.address;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await h.app.request(`${origin}${path}`, { method, headers, body });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const text = await res.text();
    lastCsrf = text.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? lastCsrf;
    return {
      status: res.status,
      location: res.headers.get('location'),
      text,
      setCookies: res.headers.getSetCookie(),
    };
  }

  return {
    jar,
    get: (path: string) => send('GET', path),
    post: (path: string, form: Record<string, string>, csrf = true) =>
      send('POST', path, new URLSearchParams({ ...(csrf ? { _csrf: lastCsrf } : {}), ...form })),
  };
}

export type Visitor = ReturnType<typeof visitor>;

/** Gives an account a password as a set-password page would, without the mail round trip. */
export async function givePassword(h: Harness, email: string, password: string) {
  const account = await h.ctx.db.select().from(accounts).where(eq(accounts.email, email)).get();
  if (!account || !h.ctx.passwords) throw new Error(`no account ${email}`);
  const hash = await h.ctx.passwords.hash(password);
  await h.ctx.db
    .insert(webCredentials)
    .values({ accountId: account.id, passwordHash: hash })
    .onConflictDoUpdate({ target: webCredentials.accountId, set: { passwordHash: hash } });
  return account;
}

const enrolled = new Map<string, string>();

/**
 * Password, then the code: enrolment with the shown secret the first time, the app's code for the
 * remembered secret after (the clock moves on a step, since a code works once).
 */
export async function signedInVisitor(h: Harness, email: string, password: string, opts = {}) {
  const v = visitor(h, opts);
  await v.get('/sign-in');
  const step = await v.post('/sign-in', { email, password });
  const known = enrolled.get(email);
  if (step.location === '/sign-in/code' && known) {
    h.clock.advance(30_000);
    const done = await v.post('/sign-in/code', { code: codeAt(known, h.clock.now()) });
    if (done.status !== 303) throw new Error(`code refused: ${done.status}`);
    return { v, secret: known };
  }
  const page = await v.get('/enrol');
  const secret = (page.text.match(/id="secret"[^>]*>([^<]+)</)?.[1] ?? '').replace(/\s+/g, '');
  const done = await v.post('/enrol', { code: codeAt(secret, h.clock.now()) });
  if (done.status !== 303) throw new Error(`enrolment failed: ${done.status}`);
  enrolled.set(email, secret);
  return { v, secret };
}

/** The text of an element with this id, tags stripped. */
export function textOf(html: string, id: string): string | undefined {
  const m = html.match(new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`));
  return m?.[1]
    ?.replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}
