import type { Context, Hono } from 'hono';
import { DomainError } from '../errors.js';
import type { AppEnv } from './env.js';
import { adoptCallerLanguage, errorResponse } from './errors.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** An entry the router matched: `[handler, route]` as Hono stores it, with the route's method. */
type Matched = [[unknown, { method: string }], unknown];

/**
 * The methods some route (not a catch-all middleware) answers at this path, so a wrong method on a
 * real address is a 405 with `Allow`, not a misleading "no such address".
 */
function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  return METHODS.filter((method) => {
    const [matched] = app.router.match(method, path) as unknown as [Matched[]];
    return matched.some(([[, route]]) => route.method === method);
  });
}

export function notFound(app: Hono<AppEnv>) {
  return async (c: Context<AppEnv>) => {
    await adoptCallerLanguage(c);
    const allow = allowedMethods(app, c.req.path);
    // A route for this very method that passed the request on (a static file that is not there) is a 404 too.
    if (!allow.length || allow.includes(c.req.method))
      return errorResponse(c, new DomainError('route_not_found'));
    c.header('Allow', allow.join(', '));
    return errorResponse(c, new DomainError('method_not_allowed'));
  };
}
