import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { authenticate } from '../auth/authenticate.js';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../errors.js';
import { chooseLanguage, isLanguage, translator } from '../i18n/index.js';
import { bodyLeftUnread } from './body-limit.js';
import type { AppEnv } from './env.js';

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'malformed_json',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'route_not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

function languageOf(c: Context<AppEnv>) {
  return (
    c.get('lang') ??
    chooseLanguage({
      query: c.req.query('lang'),
      account: c.get('principal')?.language,
      acceptLanguage: c.req.header('accept-language'),
    })
  );
}

/**
 * A failure met before the route authenticated (a body over the limit, an unknown address) is still
 * answered in the language of the account behind the bearer token, in SPEC 2.7's order: after
 * `?lang=`, before Accept-Language. A token that names no one changes nothing, and a refused token is
 * not looked up twice.
 */
export async function adoptCallerLanguage(c: Context<AppEnv>, code?: ErrorCode) {
  const ctx = c.get('ctx');
  const authorization = c.req.header('authorization');
  if (!ctx || !authorization || code === 'unauthorized') return;
  if (c.get('principal') || isLanguage(c.req.query('lang'))) return;
  const principal = await authenticate(ctx, authorization).catch(() => undefined);
  if (isLanguage(principal?.language)) c.set('lang', principal.language);
}

/** The one place a failure becomes an HTTP answer: `{ error: { code, message, details? } }`. */
export function errorResponse(c: Context<AppEnv>, error: DomainError) {
  const t = translator(languageOf(c));
  const status = ERROR_STATUS[error.code] as ContentfulStatusCode;
  const details = error.details.map((d) => ({
    ...d,
    message: d.message ?? t(`validation:${d.code}`, { ...d.params, defaultValue: t('validation:invalid') }),
  }));
  const body = {
    error: {
      code: error.code,
      message: t(`errors:${error.code}`, { ...error.params, request_id: c.get('requestId') }),
      ...(details.length ? { details } : {}),
    },
  };
  // A streamed body refused part way is still arriving: the connection closes after the answer, and
  // says so, so a keep-alive client sends its next request on a new one (see http/body-limit.ts).
  if (status === 413 && bodyLeftUnread(c.req.header('content-length'), c.req.header('transfer-encoding')))
    c.header('Connection', 'close');
  return c.json(body, status);
}

export async function onError(err: Error, c: Context<AppEnv>) {
  const known = err instanceof DomainError ? err : httpError(err, c);
  if (!known)
    (c.get('ctx')?.logger ?? console).error({ err, request_id: c.get('requestId') }, 'unhandled error');
  const error = known ?? new DomainError('internal_error');
  await adoptCallerLanguage(c, error.code);
  return errorResponse(c, error);
}

/** Hono's own refusals (a body over the limit, a media type no route takes) in our terms. */
function httpError(err: Error, c: Context<AppEnv>): DomainError | undefined {
  const code = err instanceof HTTPException ? HTTP_STATUS_CODES[err.status] : undefined;
  return code ? new DomainError(code, { limit: c.get('ctx')?.config.BODY_LIMIT_BYTES }) : undefined;
}
