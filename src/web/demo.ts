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
  // One at a time: each argon2id hash holds 19 MiB while it runs, and seven at once raised the
  // server's peak memory at start by about 75 MB (bench centre_lookup, RSS under 150 MB).
  const made: { id: number; email: string; password: string; hash: string }[] = [];
  for (const a of rows) {
    const password = newToken().slice(4, 20);
    made.push({ ...a, password, hash: await hasher.hash(password) });
  }
  await writeAtomically(
    ctx.db,
    made.map((m) =>
      ctx.db.insert(webCredentials).values({ accountId: m.id, passwordHash: m.hash, passwordSetAt: now }),
    ),
  );
  return made.map(({ email, password }) => ({ email, password }));
}
