import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../errors.js';
import type { AppEnv } from './env.js';

/**
 * Refuses a body over `maxSize` bytes with 413 `body_too_large`. GET and HEAD carry no body and skip
 * the check: merely asking for `c.req.raw.body` makes @hono/node-server build a full web Request
 * (headers copy, AbortSignal, listeners) for every request, which cost read-only routes about a
 * sixth of their throughput and held memory under load (bench `centre_lookup`).
 *
 * A declared Content-Length over the limit is refused from the header alone, before the body is
 * opened: Node then reads and discards the rest itself and the keep-alive connection stays usable.
 * A declared length within the limit needs nothing more (Node's parser never delivers more bytes than
 * declared), so hono's bodyLimit, which opens `c.req.raw.body` before looking at the header, only
 * sees chunked bodies; the route can then read its body through @hono/node-server's direct fast path
 * rather than a web stream (bench `chat_ack`).
 * Opening the body as a web stream and leaving it half read would stall that draining until
 * @hono/node-server gave up and ended the socket under a client told to keep it (issue 17, item 13);
 * a chunked body found too large while streaming is answered with `Connection: close` instead
 * (`src/http/errors.ts`).
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError('body_too_large', { limit: maxSize });
    },
  });
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const contentLength = c.req.header('content-length');
    const transferEncoding = c.req.header('transfer-encoding');
    if (declaredLength(contentLength, transferEncoding) > maxSize)
      throw new DomainError('body_too_large', { limit: maxSize });
    if (!bodyLeftUnread(contentLength, transferEncoding)) return next();
    return limit(c, next);
  };
}

/** The Content-Length a request declares, or 0 when it streams (chunked) or declares none. */
function declaredLength(contentLength: string | undefined, transferEncoding: string | undefined) {
  if (transferEncoding !== undefined || contentLength === undefined) return 0;
  return Number.parseInt(contentLength, 10) || 0;
}

/** Whether a refused body may still be arriving unread, so the connection cannot be reused. */
export function bodyLeftUnread(contentLength: string | undefined, transferEncoding: string | undefined) {
  return transferEncoding !== undefined || contentLength === undefined;
}
