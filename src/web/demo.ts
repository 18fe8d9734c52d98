import { inArray } from 'drizzle-orm';
import { newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { accounts, webCredentials } from '../db/schema/index.js';
import { hasherOf } from './auth/sign-in.js';

export interface DemoPassword {
  email: string;
  password: string;
}

/**
 * A fresh random password for each demo account, printed once by `npm start` beside the tokens.
 * The second factor is left off, so the first sign-in shows enrolment.
 */
export async function seedDemoPasswords(ctx: AppContext, emails: string[]): Promise<DemoPassword[]> {
  const rows = await ctx.db
    .select({ id: accounts.id, email: accounts.email })
    .from(accounts)
    .where(inArray(accounts.email, emails));
  const now = ctx.clock.now();
  const hasher = hasherOf(ctx);
  const made = await Promise.all(
    rows.map(async (a) => {
      const password = newToken().slice(4, 20);
      return { ...a, password, hash: await hasher.hash(password) };
    }),
  );
  await writeAtomically(
    ctx.db,
    made.map((m) =>
      ctx.db.insert(webCredentials).values({ accountId: m.id, passwordHash: m.hash, passwordSetAt: now }),
    ),
  );
  return made.map(({ email, password }) => ({ email, password }));
}
