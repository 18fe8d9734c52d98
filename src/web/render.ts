import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WebEnv } from './env.js';

// Pages carry secrets (CSRF tokens, a TOTP secret, a new API token) and links carry one-time tokens:
// none may be cached, framed or leak through a Referer. Script and style only from this origin.
export const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

export function render(c: Context<WebEnv>, page: JSX.Element, status: ContentfulStatusCode = 200) {
  return c.html(`<!doctype html>${page}`, status, PAGE_HEADERS);
}

/** After a POST, the next page by GET (so reloading does not post again). */
export const seeOther = (c: Context<WebEnv>, path: string) => c.redirect(path, 303);

/** Only a path on this site: `next=` and `back=` must never send someone elsewhere. */
export function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}

/** The visitor's address for rate limits: Cloudflare's header on Workers, the socket on Node. */
export function clientAddress(c: Context<WebEnv>): string {
  const cf = c.req.header('cf-connecting-ip');
  if (cf) return cf;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
