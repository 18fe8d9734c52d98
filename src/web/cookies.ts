import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const COOKIES = { session: 'cymorth_session', csrf: 'cymorth_csrf', lang: 'cymorth_lang' } as const;

/** `Secure` whenever the page came over HTTPS (directly, or through a proxy that says so). */
function isHttps(c: Context) {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

const options = (c: Context, maxAge?: number) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: isHttps(c),
  ...(maxAge ? { maxAge } : {}),
});

export const readCookie = (c: Context, name: string) => getCookie(c, name);

/** A session cookie lives as long as the browser; the server ends it after idle time or sign-out. */
export function setSessionCookie(c: Context, token: string) {
  setCookie(c, COOKIES.session, token, options(c));
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, COOKIES.session, options(c));
}

export function setPlainCookie(c: Context, name: string, value: string, maxAgeSeconds: number) {
  setCookie(c, name, value, options(c, maxAgeSeconds));
}
