import { and, eq, isNull } from 'drizzle-orm';
import { hashToken, newToken } from '../../auth/tokens.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { accounts, centres, type SessionStage, webSessions } from '../../db/schema/index.js';

/** A session found by its cookie, with what the pages need of its account. */
export interface WebSession {
  id: number;
  accountId: number;
  stage: SessionStage;
  csrfToken: string;
  pendingTotp: string | null;
}

/** Statement that starts a session; the token goes in the cookie, its hash in the row. */
export async function newSession(ctx: AppContext, accountId: number, stage: SessionStage) {
  const token = newToken();
  const now = ctx.clock.now();
  const statement = ctx.db.insert(webSessions).values({
    tokenHash: await hashToken(token),
    accountId,
    stage,
    csrfToken: newToken(),
    createdAt: now,
    lastSeenAt: now,
  });
  return { token, statement };
}

// Touching the row on every request would make every page view a write: once a minute is enough
// for an idle limit counted in minutes.
const TOUCH_AFTER_MS = 60_000;

/**
 * The live session behind a cookie: not ended, not idle longer than WEB_SESSION_IDLE_MINUTES, and
 * its account still active and not waiting for a reset (an EO whose login moved is signed out).
 */
export async function findSession(ctx: AppContext, token: string): Promise<WebSession | undefined> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .select({ s: webSessions, status: accounts.status, resetRequiredAt: accounts.resetRequiredAt })
    .from(webSessions)
    .innerJoin(accounts, eq(accounts.id, webSessions.accountId))
    .where(and(eq(webSessions.tokenHash, await hashToken(token)), isNull(webSessions.endedAt)))
    .get();
  if (row?.status !== 'active' || row.resetRequiredAt) return undefined;
  const idleMs = now.getTime() - row.s.lastSeenAt.getTime();
  if (idleMs > ctx.config.WEB_SESSION_IDLE_MINUTES * 60_000) {
    await endSession(ctx.db, row.s.id, now);
    return undefined;
  }
  if (idleMs > TOUCH_AFTER_MS)
    await ctx.db.update(webSessions).set({ lastSeenAt: now }).where(eq(webSessions.id, row.s.id));
  const { id, accountId, stage, csrfToken, pendingTotp } = row.s;
  return { id, accountId, stage, csrfToken, pendingTotp };
}

export function endSession(db: Db, id: number, at: Date) {
  return db.update(webSessions).set({ endedAt: at }).where(eq(webSessions.id, id));
}

/** Every open session of an account: on a password change, and when a reset link sets a new one. */
export function endSessionsOf(db: Db, accountId: number, at: Date) {
  return db
    .update(webSessions)
    .set({ endedAt: at })
    .where(and(eq(webSessions.accountId, accountId), isNull(webSessions.endedAt)));
}

/** The account behind a session, as the API's principal (`src/auth/principal.ts`) describes it. */
export async function accountForSession(db: Db, accountId: number) {
  return db
    .select({ account: accounts, centreNumber: centres.number, centreName: centres.name })
    .from(accounts)
    .leftJoin(centres, eq(centres.id, accounts.centreId))
    .where(eq(accounts.id, accountId))
    .get();
}
