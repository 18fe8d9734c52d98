import type { MiddlewareHandler } from 'hono';
import { authenticate } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import { chooseLanguage, isLanguage, type Language, translator } from '../i18n/index.js';
import { limitBody } from './body-limit.js';
import type { AppEnv } from './env.js';
import { LangQuery } from './openapi.js';
import { assignRequestId } from './request-id.js';
import { issuesToDetails } from './validation.js';

/**
 * Gives every request its id, the context and a language, holds its body to the size limit, and
 * logs each answer once. One middleware
 * rather than several: each level of Hono's middleware chain costs a read-only route a few percent
 * of its throughput (bench `centre_lookup`). The request id is a field of the log line rather than a
 * child logger's binding, since a pino child per request cost about 5% more.
 */
export function contextMiddleware(
  ctx: AppContext,
  /** Routes that take files larger than BODY_LIMIT_BYTES (IAMIS uploads): their path and limit. */
  largeBodies: { path: RegExp; limit: number }[] = [],
): MiddlewareHandler<AppEnv> {
  const standard = limitBody(ctx.config.BODY_LIMIT_BYTES);
  const large = largeBodies.map((b) => ({ path: b.path, limited: limitBody(b.limit) }));
  const limitFor = (path: string) => large.find((b) => b.path.test(path))?.limited ?? standard;
  return async (c, next) => {
    const limited = large.length ? limitFor(c.req.path) : standard;
    const started = performance.now();
    const requestId = assignRequestId(c);
    c.set('ctx', ctx);
    useLanguage(
      c,
      chooseLanguage({ query: c.req.query('lang'), acceptLanguage: c.req.header('accept-language') }),
    );
    await limited(c, next);
    // The line's fields cost a read-only route a few percent when the level drops them anyway.
    if (!ctx.logger.isLevelEnabled('info')) return;
    ctx.logger.info(
      {
        request_id: requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}

/**
 * `?lang=`, when given, is `en` or `cy`. Checked here for every authenticated route (routers leave
 * it to this check, see http/router.ts), once the caller's own language can word the refusal.
 */
function checkLangQuery(lang: string | undefined) {
  if (lang === undefined) return;
  const checked = LangQuery.safeParse({ lang });
  if (!checked.success) throw new DomainError('validation_failed', {}, issuesToDetails(checked.error.issues));
}

function useLanguage(c: Parameters<MiddlewareHandler<AppEnv>>[0], lang: Language) {
  c.set('lang', lang);
  c.set('t', translator(lang));
}

/**
 * Requires a valid bearer token; the caller's language preference then takes part in choosing the
 * language. `bilingual` routes (PDF documents) also take `?lang=both`, answering errors as if unset;
 * they check `?lang=` with their own schema, whose refusal names `both` among the choices.
 */
function authenticateCaller(bilingual: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await authenticate(c.get('ctx'), c.req.header('authorization'));
    c.set('principal', principal);
    // SPEC 2.7's order: a valid `?lang=` already decided; otherwise the account's preference beats
    // the Accept-Language the context middleware went by.
    const query = c.req.query('lang');
    if (!isLanguage(query) && isLanguage(principal.language) && principal.language !== c.get('lang'))
      useLanguage(c, principal.language);
    if (!bilingual) checkLangQuery(query);
    await next();
  };
}

export const requireAuth = authenticateCaller(false);
export const requireAuthBilingual = authenticateCaller(true);

export function principalOf(c: { get(key: 'principal'): Principal | undefined }): Principal {
  const p = c.get('principal');
  if (!p) throw new DomainError('unauthorized');
  return p;
}
