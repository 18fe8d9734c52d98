import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBox } from '../../src/auth/secret-box.js';
import { pureJsHasher } from '../../src/web/auth/passwords.js';
import { codeAt } from '../../src/web/auth/totp.js';
import { bootWorkerd } from './workerd.js';

const KEY = new Uint8Array(32).fill(11);
let worker: Awaited<ReturnType<typeof bootWorkerd>>;
beforeAll(async () => {
  // As `wrangler secret put SECRET_KEY` would give it.
  worker = await bootWorkerd({ SECRET_KEY: Buffer.from(KEY).toString('base64') });
});
afterAll(() => worker?.dispose());

/** A cookie-keeping client of the worker, posting forms with the last page's CSRF token. */
function browserOf(w: typeof worker) {
  const jar = new Map<string, string>();
  let csrf = '';
  async function send(path: string, form?: Record<string, string>) {
    const res = await w.fetch(path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams({ _csrf: csrf, ...form }) : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [name = '', value = ''] = (line.split(';')[0] ?? '').split('=');
      jar.set(name, value);
    }
    const text = await res.text();
    csrf = text.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? csrf;
    return { status: res.status, location: res.headers.get('location'), text };
  }
  return { get: (p: string) => send(p), post: (p: string, f: Record<string, string>) => send(p, f) };
}

describe('the pages on Workers, over D1', { timeout: 60_000 }, () => {
  it('signs in with an argon2id password checked in pure JavaScript, enrols a code and opens the centre', async () => {
    const hash = await pureJsHasher.hash('correct horse battery');
    await worker.db
      .prepare(
        "insert into web_credentials (account_id, password_hash) select id, ? from accounts where email = 'j.price@stteilos-demo.org.uk'",
      )
      .bind(hash)
      .run();
    const b = browserOf(worker);
    const signIn = await b.get('/sign-in?lang=cy');
    expect(signIn.text).toContain('<html lang="cy">');
    const step = await b.post('/sign-in', {
      email: 'j.price@stteilos-demo.org.uk',
      password: 'correct horse battery',
    });
    expect(step.location).toBe('/enrol');
    const enrol = await b.get('/enrol');
    const secret = (enrol.text.match(/id="secret"[^>]*>([^<]+)</)?.[1] ?? '').replace(/\s+/g, '');
    expect((await b.post('/enrol', { code: codeAt(secret, new Date()) })).status).toBe(303);
    // D1 keeps the secret sealed with the Worker's SECRET_KEY, bound to the account.
    const row = await worker.db
      .prepare(
        "select c.account_id as id, c.totp_secret as stored from web_credentials c join accounts a on a.id = c.account_id where a.email = 'j.price@stteilos-demo.org.uk'",
      )
      .first<{ id: number; stored: string }>();
    expect(row?.stored).toMatch(/^v1:/);
    expect(await secretBox(KEY).open(row?.stored ?? '', `totp:${row?.id}`)).toBe(secret);
    const centre = await b.get('/centres/66410');
    expect(centre.status).toBe(200);
    expect(centre.text).toContain('St Teilo');
  });
});
