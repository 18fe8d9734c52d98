import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';

const HEADER = 'X-Request-Id';
/** A caller's own id is kept when it is short and plain, so a trace can cross services. */
const ACCEPTABLE = /^[\w\-=]{1,255}$/;

/**
 * Gives the request an id and answers it in `X-Request-Id`. On Node the header goes straight onto
 * the socket's response: a header set through Hono makes every answer carry a WHATWG `Headers`
 * object, which @hono/node-server then copies header by header, and that cost a read-only route
 * about a seventh of its throughput (bench `centre_lookup`). Elsewhere (Workers, tests) Hono sets it.
 */
export function assignRequestId(c: Context<AppEnv>): string {
  const given = c.req.header(HEADER);
  const id = given && ACCEPTABLE.test(given) ? given : crypto.randomUUID();
  c.set('requestId', id);
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (outgoing) outgoing.setHeader(HEADER, id);
  else c.header(HEADER, id);
  return id;
}
