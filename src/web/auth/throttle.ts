import { and, count, eq, gt, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { signInFailures } from '../../db/schema/index.js';
import { DomainError } from '../../errors.js';

/** Over this window, an account may fail 5 times and an address 20 (a school shares one address). */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
const LIMITS = { account: 5, address: 20 } as const;

export interface AttemptKeys {
  account: string;
  address: string;
}

export const attemptKeys = (emailKey: string, address: string): AttemptKeys => ({
  account: `account:${emailKey}`,
  address: `address:${address}`,
});

/** Refuses, before any password is checked, when either key has failed too often lately. */
export async function assertNotThrottled(ctx: AppContext, keys: AttemptKeys) {
  const since = new Date(ctx.clock.now().getTime() - THROTTLE_WINDOW_MS);
  const rows = await ctx.db
    .select({ key: signInFailures.key, n: count() })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, [keys.account, keys.address]), gt(signInFailures.at, since)))
    .groupBy(signInFailures.key);
  const over = rows.some((r) => r.n >= (r.key === keys.account ? LIMITS.account : LIMITS.address));
  if (over) throw new DomainError('sign_in_throttled', { minutes: THROTTLE_WINDOW_MS / 60_000 });
}

export function failureStatements(ctx: AppContext, keys: AttemptKeys) {
  const at = ctx.clock.now();
  return [
    ctx.db.insert(signInFailures).values([
      { key: keys.account, at },
      { key: keys.address, at },
    ]),
  ];
}

/** A success forgets the account's failures (not the address's: others may be guessing from it). */
export function forgetFailures(ctx: AppContext, keys: AttemptKeys) {
  return ctx.db.delete(signInFailures).where(eq(signInFailures.key, keys.account));
}
