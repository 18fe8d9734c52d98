import type { MiddlewareHandler } from 'hono';
import { authenticate } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import { chooseLanguage, translator } from '../i18n/index.js';
import type { AppEnv } from './env.js';

/** Puts the context and a request-scoped logger on every request, and logs each answer once. */
export function contextMiddleware(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const log = ctx.logger.child({ request_id: c.get('requestId') });
    c.set('ctx', ctx);
    c.set('log', log);
    setLanguage(c);
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}

function setLanguage(c: Parameters<MiddlewareHandler<AppEnv>>[0], principal?: Principal) {
  const lang = chooseLanguage({
    query: c.req.query('lang'),
    account: principal?.language,
    acceptLanguage: c.req.header('accept-language'),
  });
  c.set('lang', lang);
  c.set('t', translator(lang));
}

/** Requires a valid bearer token; the caller's language preference then takes part in choosing the language. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const principal = await authenticate(c.get('ctx'), c.req.header('authorization'));
  c.set('principal', principal);
  setLanguage(c, principal);
  await next();
};

export function principalOf(c: { get(key: 'principal'): Principal | undefined }): Principal {
  const p = c.get('principal');
  if (!p) throw new DomainError('unauthorized');
  return p;
}
