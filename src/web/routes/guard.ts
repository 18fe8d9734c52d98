import type { Context, MiddlewareHandler } from 'hono';
import type { Principal } from '../../auth/principal.js';
import type { WebEnv } from '../env.js';

/**
 * Pages for the signed-in: a visitor part way through signing in is sent to the step they are at,
 * anyone else to the sign-in page.
 */
export const requireSignedIn: MiddlewareHandler<WebEnv> = async (c, next) => {
  const { session, principal } = c.get('web');
  if (principal) return next();
  if (session?.stage === 'second_factor') return c.redirect('/sign-in/code', 303);
  if (session?.stage === 'enrol') return c.redirect('/enrol', 303);
  return c.redirect('/sign-in', 303);
};

export function signedIn(c: Context<WebEnv>): Principal {
  const p = c.get('web').principal;
  if (!p) throw new Error('requireSignedIn must run first');
  return p;
}
