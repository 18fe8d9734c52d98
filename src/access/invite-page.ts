import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { DomainError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { chooseLanguage, type Language, translator } from '../i18n/index.js';
import { acceptInvite, describeInvite } from './accept-invite.js';

type Refusal = 'token_not_found' | 'invite_used' | 'invite_expired';

const REFUSALS: Record<Refusal, { key: string; status: 404 | 410 }> = {
  token_not_found: { key: 'unknown', status: 404 },
  invite_used: { key: 'used', status: 410 },
  invite_expired: { key: 'expired', status: 410 },
};

// The finished page shows a secret and the address carries one: neither may be kept or passed on.
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:1px solid #ccc;margin-bottom:1.5rem}
code,pre{background:#f3f3f3;padding:.2rem .4rem;word-break:break-all;white-space:pre-wrap}
button{font-size:1.1rem;padding:.6rem 1.2rem;cursor:pointer}`;

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** One page in one language; `switchable` offers the other language (not once the token is shown). */
function page(
  c: Context<AppEnv>,
  lang: Language,
  title: string,
  body: Html,
  status: 200 | 404 | 410,
  switchable = true,
) {
  const t = translator(lang);
  const { config } = c.get('ctx');
  // The page names the organisation in its own language (ORG_NAME_EN, ORG_NAME_CY).
  const service = t('access:invite_page.service', {
    org: lang === 'cy' ? config.ORG_NAME_CY : config.ORG_NAME_EN,
  });
  const other: Language = lang === 'cy' ? 'en' : 'cy';
  const switcher = switchable
    ? html`<p><a href="?lang=${other}" lang="${other}">${t('access:invite_page.other_language')}</a></p>`
    : '';
  return c.html(
    html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${service}</title><style>${STYLE}</style></head>
<body>
<header><p>${service}</p>${switcher}</header>
<main><h1>${title}</h1>${body}</main>
</body>
</html>`,
    status,
    PAGE_HEADERS,
  );
}

function refusedPage(c: Context<AppEnv>, lang: Language, refusal: Refusal) {
  const t = translator(lang);
  const { key, status } = REFUSALS[refusal];
  return page(
    c,
    lang,
    t(`access:invite_page.heading_${key}`),
    html`<p>${t(`access:invite_page.${key}`)}</p>`,
    status,
  );
}

/**
 * The page a one-time link from an invite or reset mail opens. Opening it spends nothing (mail
 * scanners open links too); the button does, and the next page shows the account's first API token
 * once. The language is the link's `?lang=` (the mail's language), else the account's, else the
 * browser's.
 */
export function invitePageRoutes() {
  return new Hono<AppEnv>()
    .get('/invites/:token', async (c) => {
      const token = c.req.param('token');
      const invite = await describeInvite(c.get('ctx'), token);
      const lang = chooseLanguage({
        query: c.req.query('lang'),
        account: invite.language,
        acceptLanguage: c.req.header('accept-language'),
      });
      if (invite.refusal) return refusedPage(c, lang, invite.refusal);
      const t = translator(lang);
      const heading = t(`access:invite_page.heading_${invite.purpose === 'reset' ? 'reset' : 'invite'}`);
      return page(
        c,
        lang,
        heading,
        html`<p>${t('access:invite_page.for_whom', { email: invite.email })}</p>
<p>${t('access:invite_page.explain')}</p>
<form method="post" action="?lang=${lang}"><button type="submit">${t('access:invite_page.button')}</button></form>`,
        200,
      );
    })
    .post('/invites/:token', async (c) => {
      const ctx = c.get('ctx');
      const token = c.req.param('token');
      const invite = await describeInvite(ctx, token);
      const lang = chooseLanguage({
        query: c.req.query('lang'),
        account: invite.language,
        acceptLanguage: c.req.header('accept-language'),
      });
      const accepted = await acceptInvite(ctx, token).catch((err: unknown) => {
        if (err instanceof DomainError && err.code in REFUSALS) return err.code as Refusal;
        throw err;
      });
      if (typeof accepted === 'string') return refusedPage(c, lang, accepted);
      const t = translator(lang);
      return page(
        c,
        lang,
        t('access:invite_page.heading_done'),
        html`<p>${t('access:invite_page.token_intro')}</p>
<p><code id="token">${accepted.token}</code></p>
<p>${t('access:invite_page.token_use')}</p>
<pre>Authorization: Bearer ${accepted.token}</pre>
<p><a href="/docs">${t('access:invite_page.docs')}</a></p>
<p>${t('access:invite_page.lost')}</p>`,
        200,
        false,
      );
    });
}
