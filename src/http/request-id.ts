import type { Context } from 'hono';
import type { AppEnv } from './env.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Where a Node response made by http/node-response.ts takes the id, to write it with its headers. */
export const REQUEST_ID_SLOT = Symbol.for('cymorth.requestId');
/** A caller's own id is kept when it is short and plain, so a trace can cross services. */
const ACCEPTABLE = /^[\w\-=]{1,255}$/;

interface NodeOutgoing {
  [REQUEST_ID_SLOT]?: string;
  setHeader(name: string, value: string): unknown;
}

/**
 * Gives the request an id and answers it in `X-Request-Id`. On Node the header goes straight onto
 * the socket's response: a header set through Hono makes every answer carry a WHATWG `Headers`
 * object, which @hono/node-server then copies header by header, and that cost a read-only route
 * about a seventh of its throughput (bench `centre_lookup`). Elsewhere (Workers, tests) Hono sets it.
 */
export function assignRequestId(c: Context<AppEnv>): string {
  const given = c.req.header(REQUEST_ID_HEADER);
  const id = given && ACCEPTABLE.test(given) ? given : crypto.randomUUID();
  c.set('requestId', id);
  const outgoing = (c.env as { outgoing?: NodeOutgoing } | undefined)?.outgoing;
  if (!outgoing) c.header(REQUEST_ID_HEADER, id);
  else if (REQUEST_ID_SLOT in outgoing) outgoing[REQUEST_ID_SLOT] = id;
  else outgoing.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
