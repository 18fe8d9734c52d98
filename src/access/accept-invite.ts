import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditInsert, systemActor } from '../audit/record.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { accounts, apiTokens, invites } from '../db/schema/index.js';
import { DomainError } from '../errors.js';

/**
 * Spends a one-time link: the account becomes active and gets its first API token. The invite is
 * marked used by a guarded update in the same batch, so two clicks cannot both succeed.
 */
export async function acceptInvite(ctx: AppContext, token: string) {
  const now = ctx.clock.now();
  const hash = await hashToken(token);
  const invite = await ctx.db
    .select({ invite: invites, account: accounts })
    .from(invites)
    .innerJoin(accounts, eq(accounts.id, invites.accountId))
    .where(eq(invites.tokenHash, hash))
    .get();
  if (!invite || invite.account.status === 'deleted') throw new DomainError('token_not_found');
  if (invite.invite.usedAt) throw new DomainError('invite_used');
  // A re-sent invite or a later email change expires older links at once: the same answer as age.
  if (invite.invite.expiresAt.getTime() <= now.getTime()) throw new DomainError('invite_expired');
  const apiToken = newToken();
  const [spent] = await ctx.db.batch([
    ctx.db
      .update(invites)
      .set({ usedAt: now })
      .where(and(eq(invites.id, invite.invite.id), isNull(invites.usedAt)))
      .returning({ id: invites.id }),
    // changes() is the guarded update's count: a second, racing acceptance inserts no token.
    ctx.db.run(
      sql`insert into ${apiTokens} (account_id, token_hash, created_at, label)
          select ${invite.account.id}, ${await hashToken(apiToken)}, ${now.getTime()}, ${invite.invite.purpose}
          where changes() = 1`,
    ),
    ctx.db
      .update(accounts)
      .set({ status: 'active', resetRequiredAt: null, updatedAt: now })
      .where(eq(accounts.id, invite.account.id)),
    auditInsert(ctx.db, systemActor(invite.account.email), now, {
      entity: 'account',
      entityId: invite.account.id,
      centreId: invite.account.centreId,
      action: `${invite.invite.purpose}_accepted`,
    }),
  ]);
  if (!spent.length) throw new DomainError('invite_used');
  return { token: apiToken, account_id: invite.account.id, email: invite.account.email };
}
