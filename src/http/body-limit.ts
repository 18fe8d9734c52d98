import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../errors.js';
import type { AppEnv } from './env.js';

/**
 * Refuses a body over `maxSize` bytes with 413 `body_too_large`. GET and HEAD carry no body and skip
 * the check: merely asking for `c.req.raw.body` makes @hono/node-server build a full web Request
 * (headers copy, AbortSignal, listeners) for every request, which cost read-only routes about a
 * sixth of their throughput and held memory under load (bench `centre_lookup`).
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError('body_too_large', { limit: maxSize });
    },
  });
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next));
}
