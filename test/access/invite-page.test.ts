import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { createHarness, type Harness } from '../support/harness.js';
import { invite } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const DAY = 24 * 60 * 60 * 1000;

/** The link as the person reads it in the newest mail of a template sent to them. */
async function mailedLink(to: string, template: string): Promise<string> {
  const rows = await h.ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, to), eq(outbox.template, template)));
  const row = rows.at(-1);
  if (!row) throw new Error(`no ${template} mail to ${to}`);
  const mail = renderMail(templateFiles(), row.template, row.language, row.params as Record<string, unknown>);
  const url = new URL(mail.text.match(/https?:\/\/\S+\/invites\/\S+/)?.[0] ?? '');
  return `${url.pathname}${url.search}`;
}

/** What a person sees: the page's text without tags, entities read. */
async function open(path: string, init: RequestInit = {}) {
  const res = await h.app.request(path, init);
  const body = await res.text();
  const text = body
    .replace(/<style>[^<]*<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return { res, body, text };
}

const press = (path: string, init: RequestInit = {}) => open(path, { ...init, method: 'POST' });

describe('the page a mailed one-time link opens', () => {
  it('opens in the mail’s language, says whom it is for, and opening it spends nothing', async () => {
    await invite(h, { email: 's.bowen@ysgolgwyr.cymru' });
    const link = await mailedLink('s.bowen@ysgolgwyr.cymru', 'invite');
    expect(link).toMatch(/^\/invites\/cym_[\w-]+\?lang=cy$/);

    const first = await open(link);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.body).toContain('<html lang="cy">');
    expect(first.text).toContain('Sefydlu eich mynediad');
    expect(first.text).toContain("Mae'r ddolen hon ar gyfer s.bowen@ysgolgwyr.cymru.");
    expect(first.text).toContain('Sefydlu fy mynediad');
    // Mail scanners open links before people do: the second opening finds the link still good.
    expect((await open(link)).res.status).toBe(200);

    const english = await open(link.replace('lang=cy', 'lang=en'));
    expect(english.body).toContain('<html lang="en">');
    expect(english.text).toContain('This link is for s.bowen@ysgolgwyr.cymru.');
  });

  it('keeps the page and its secret out of caches, referrers and frames', async () => {
    await invite(h, { email: 's.bowen@ysgolgwyr.cymru' });
    const { res } = await open(await mailedLink('s.bowen@ysgolgwyr.cymru', 'invite'));
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
  });

  it('spends the link at the button, shows the token once, and the token works', async () => {
    await invite(h, { email: 's.bowen@ysgolgwyr.cymru' });
    const link = await mailedLink('s.bowen@ysgolgwyr.cymru', 'invite');
    const done = await press(link);
    expect(done.res.status).toBe(200);
    expect(done.text).toContain('Mae eich mynediad yn barod');
    expect(done.text).toContain('Authorization: Bearer');
    const token = done.body.match(/<code id="token">(cym_[\w-]+)<\/code>/)?.[1] ?? '';
    const me = await h.call('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.json.email).toBe('s.bowen@ysgolgwyr.cymru');

    const again = await press(link);
    expect(again.res.status).toBe(410);
    expect(again.text).toContain("Mae'r ddolen hon wedi'i defnyddio");
    expect(again.body).not.toMatch(/cym_[\w-]{40,}<\/code>/);
    expect((await open(link)).text).toContain("Mae'r ddolen hon wedi'i defnyddio");
  });

  it('says when a link has expired or does not exist, in the reader’s language', async () => {
    await invite(h, { email: 's.bowen@ysgolgwyr.cymru' });
    const link = await mailedLink('s.bowen@ysgolgwyr.cymru', 'invite');
    h.clock.advance(8 * DAY);
    const expired = await open(link.replace('lang=cy', 'lang=en'));
    expect(expired.res.status).toBe(410);
    expect(expired.text).toContain('This link has expired');
    expect((await press(link)).text).toContain("Mae'r ddolen hon wedi dod i ben");

    const unknown = await open('/invites/cym_not-a-real-link', { headers: { 'accept-language': 'cy' } });
    expect(unknown.res.status).toBe(404);
    expect(unknown.text).toContain("Nid yw'r ddolen hon yn gweithio");
    expect((await press('/invites/cym_not-a-real-link?lang=en')).text).toContain('This link does not work');
  });

  it('asks a centre’s new Exams Officer, after a change of address, to set up access again', async () => {
    const patched = await h.call('PATCH', '/api/v1/centres/68123', {
      token: h.tokens.support,
      body: { eo_email: 'swyddog.newydd@ysgolgwyr.cymru' },
    });
    expect(patched.status).toBe(200);
    const link = await mailedLink('swyddog.newydd@ysgolgwyr.cymru', 'eo_reset');
    const page = await open(link);
    expect(page.text).toContain('Sefydlu eich mynediad eto');
    const done = await press(link);
    expect(done.text).toContain('Mae eich mynediad yn barod');
  });

  it('answers hostile links with a page, never a fault, and echoes none of them as markup', async () => {
    for (const token of ['x'.repeat(5000), '%E0%A4%A', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '..%2F..'])
      for (const query of ['', '?lang=%3Cb%3E', '?lang=cy&lang=en'])
        for (const method of ['GET', 'POST']) {
          const { res, body } = await open(`/invites/${token}${query}`, { method });
          expect(res.status, `${method} ${token.slice(0, 20)}${query}`).toBeLessThan(500);
          expect(body).not.toMatch(/<script|<b>/);
        }
  });
});
