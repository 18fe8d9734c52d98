import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

/**
 * For routes whose JSON body is optional: a request that declares a JSON type but carries an empty
 * body (`curl -X DELETE -H 'Content-Type: application/json'`, many HTTP clients' defaults) is
 * treated as sending none, so the route can say what it needs (the word DELETE) rather than that
 * an empty body is not valid JSON. Hono keeps the text it reads, so the validator reads it again
 * from there when the body is not empty.
 */
export const emptyBodyIsNone: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header('content-type') !== undefined && (await c.req.text()).trim() === '') {
    const headers = new Headers(c.req.raw.headers);
    headers.delete('content-type');
    c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers });
  }
  await next();
};
