import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditInsert, systemActor } from '../audit/record.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { accounts, apiTokens, invites } from '../db/schema/index.js';
import { DomainError } from '../errors.js';

export async function findInvite(ctx: AppContext, token: string) {
  const invite = await ctx.db
    .select({ invite: invites, account: accounts })
    .from(invites)
    .innerJoin(accounts, eq(accounts.id, invites.accountId))
    .where(eq(invites.tokenHash, await hashToken(token)))
    .get();
  return invite && invite.account.status !== 'deleted' ? invite : undefined;
}

type FoundInvite = NonNullable<Awaited<ReturnType<typeof findInvite>>>;

/** Why a link cannot be spent now, or nothing when it can. */
export function refusal(invite: FoundInvite | undefined, now: Date) {
  if (!invite) return 'token_not_found' as const;
  if (invite.invite.usedAt) return 'invite_used' as const;
  // A re-sent invite or a later email change expires older links at once: the same answer as age.
  if (invite.invite.expiresAt.getTime() <= now.getTime()) return 'invite_expired' as const;
  return undefined;
}

/**
 * What a link is for, without spending it: the page a person opens from the mail shows this, since
 * mail scanners open links too and must not use them up.
 */
export async function describeInvite(ctx: AppContext, token: string) {
  const invite = await findInvite(ctx, token);
  return {
    refusal: refusal(invite, ctx.clock.now()),
    email: invite?.account.email,
    language: invite?.account.language,
    purpose: invite?.invite.purpose,
  };
}

/**
 * Spends a one-time link: the account becomes active and gets its first API token. The invite is
 * marked used by a guarded update in the same batch, so two clicks cannot both succeed.
 */
export async function acceptInvite(ctx: AppContext, token: string) {
  const now = ctx.clock.now();
  const invite = await findInvite(ctx, token);
  const refused = refusal(invite, now);
  if (refused || !invite) throw new DomainError(refused ?? 'token_not_found');
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
