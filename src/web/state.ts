import type { MiddlewareHandler } from 'hono';
import { displayName } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { constantTimeEqual, newToken } from '../auth/tokens.js';
import { DomainError } from '../errors.js';
import { chooseLanguage, translator } from '../i18n/index.js';
import { accountForSession, findSession } from './auth/sessions.js';
import { COOKIES, readCookie, setPlainCookie } from './cookies.js';
import type { WebEnv, WebState } from './env.js';

type Account = NonNullable<WebState['account']>;

/** The API's principal for a signed-in page visitor, built as `src/auth/authenticate.ts` builds it. */
function principalOf(a: Account): Principal | undefined {
  const base = { accountId: a.id, email: a.email, language: a.language, label: displayName(a) };
  if (a.kind === 'staff' && a.staffRole) return { kind: 'staff', staffRole: a.staffRole, ...base };
  if (a.kind === 'centre' && a.accountType && a.centreId !== null && a.centreNumber)
    return {
      kind: 'centre',
      accountType: a.accountType,
      centreId: a.centreId,
      centreNumber: a.centreNumber,
      ...base,
    };
  return undefined;
}

async function loadAccount(c: Parameters<MiddlewareHandler<WebEnv>>[0], accountId: number) {
  const row = await accountForSession(c.get('ctx').db, accountId);
  return row ? { ...row.account, centreNumber: row.centreNumber, centreName: row.centreName } : undefined;
}

/**
 * Finds the visitor's session, account and language for every page, and gives a signed-out visitor
 * a CSRF cookie so the sign-in form is protected too. Language: `?lang=`, then the choice made
 * with the switch (a cookie), then the account's preference, then the browser's.
 */
export const webState: MiddlewareHandler<WebEnv> = async (c, next) => {
  // `/sign-in/*` also matches `/sign-in`: the state is made once however many paths match.
  if (c.get('web')) return next();
  const ctx = c.get('ctx');
  const cookie = readCookie(c, COOKIES.session);
  const session = cookie ? await findSession(ctx, cookie) : undefined;
  const account = session ? await loadAccount(c, session.accountId) : undefined;
  const lang = chooseLanguage({
    query: c.req.query('lang'),
    account: readCookie(c, COOKIES.lang) ?? account?.language,
    acceptLanguage: c.req.header('accept-language'),
  });
  let anonymous = readCookie(c, COOKIES.csrf);
  if (!anonymous) {
    anonymous = newToken();
    setPlainCookie(c, COOKIES.csrf, anonymous, 60 * 60 * 24);
  }
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  c.set('lang', lang);
  c.set('t', translator(lang));
  c.set('web', {
    lang,
    t: translator(lang),
    csrf: session?.csrfToken ?? anonymous,
    session,
    account,
    principal: session?.stage === 'signed_in' && account ? principalOf(account) : undefined,
    here: url.pathname + url.search,
    org: lang === 'cy' ? ctx.config.ORG_NAME_CY : ctx.config.ORG_NAME_EN,
  });
  await next();
};

/**
 * A form's `_csrf` must match the session's token or the visitor's CSRF cookie: a page of another
 * site can make the browser post, but cannot read either value.
 */
export function assertCsrf(c: Parameters<MiddlewareHandler<WebEnv>>[0], form: Record<string, unknown>) {
  const sent = typeof form._csrf === 'string' ? form._csrf : '';
  const session = c.get('web').session?.csrfToken;
  const cookie = readCookie(c, COOKIES.csrf);
  const ok = [session, cookie].some((v) => v !== undefined && sent !== '' && constantTimeEqual(v, sent));
  if (!ok) throw new DomainError('csrf_failed');
}
