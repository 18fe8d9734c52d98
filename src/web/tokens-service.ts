import { and, desc, eq, isNull } from 'drizzle-orm';
import { auditInsert } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import { createToken } from '../auth/token-service.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { apiTokens } from '../db/schema/index.js';
import { DomainError } from '../errors.js';

/** One's own API tokens, newest first; the values themselves were shown once and are not kept. */
export function listOwnTokens(ctx: AppContext, p: Principal) {
  return ctx.db
    .select({
      id: apiTokens.id,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.accountId, p.accountId))
    .orderBy(desc(apiTokens.id));
}

/** A new token for one's own account, through the same service as `cymorth token create`. */
export async function createOwnToken(ctx: AppContext, p: Principal, label: string | undefined) {
  const role = p.kind === 'staff' ? p.staffRole : p.accountType;
  const centre = p.kind === 'centre' ? p.centreNumber : undefined;
  const { token } = await createToken(ctx, actorOf(p), { role, email: p.email, centre, label });
  return token;
}

/** Ends one of one's own tokens; someone else's, or one already ended, is answered as not found. */
export async function revokeOwnToken(ctx: AppContext, p: Principal, id: number) {
  const live = and(eq(apiTokens.id, id), eq(apiTokens.accountId, p.accountId), isNull(apiTokens.revokedAt));
  const found = await ctx.db.select({ id: apiTokens.id }).from(apiTokens).where(live).get();
  if (!found) throw new DomainError('token_not_found');
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db.update(apiTokens).set({ revokedAt: now }).where(live),
    auditInsert(ctx.db, actorOf(p), now, {
      entity: 'account',
      entityId: p.accountId,
      action: 'token_revoked',
      after: { token_id: id },
    }),
  ]);
}
