import { and, eq, ne } from 'drizzle-orm';
import { auditInsert } from '../../audit/record.js';
import type { Principal } from '../../auth/principal.js';
import { revokeTokensOf } from '../../auth/queries.js';
import type { AppContext } from '../../context.js';
import { accountGrants, accounts } from '../../db/schema/index.js';
import { DomainError } from '../../errors.js';
import { expireOpenInvites } from '../invites.js';
import { actorFor, requireCentreAccount, usersAccess } from '../policy.js';
import { DELETE_WORDS } from './schema.js';

const confirmed = (word: string | undefined) =>
  (DELETE_WORDS as readonly string[]).includes(word?.trim().toUpperCase() ?? '');

/**
 * Deletes an account for good (seed 003): only the Centre Admin or staff, never the EO, and only
 * with the confirmation word. Its tokens and links end and its email is free for a new account;
 * the audit record keeps who removed whom and when.
 */
export async function deleteUser(
  ctx: AppContext,
  p: Principal,
  number: string,
  id: number,
  confirm: string | undefined,
) {
  const a = await usersAccess(ctx, p, number);
  if (!a.centreAdmin) throw new DomainError(a.manage ? 'centre_admin_only' : 'forbidden');
  const target = await requireCentreAccount(ctx, a, id);
  if (target.accountType === 'eo') throw new DomainError('eo_account_fixed');
  if (!confirmed(confirm)) throw new DomainError('delete_not_confirmed');
  const now = ctx.clock.now();
  const actor = actorFor(p);
  const [gone] = await ctx.db.batch([
    ctx.db
      .update(accounts)
      .set({ status: 'deleted', updatedAt: now })
      .where(and(eq(accounts.id, target.id), ne(accounts.status, 'deleted')))
      .returning({ id: accounts.id }),
    revokeTokensOf(ctx.db, target.id, now),
    expireOpenInvites(ctx.db, target.id, now),
    ctx.db.delete(accountGrants).where(eq(accountGrants.accountId, target.id)),
    auditInsert(ctx.db, actor, now, {
      entity: 'account',
      entityId: target.id,
      centreId: a.centre.id,
      action: 'delete',
      before: {
        email: target.email,
        name: `${target.firstName} ${target.lastName}`.trim(),
        account_type: target.accountType,
        status: target.status,
      },
      after: { status: 'deleted', tokens_revoked: true, deleted_by: actor.label },
    }),
  ]);
  if (!gone.length) throw new DomainError('account_not_found');
  return {
    id: target.id,
    email: target.email,
    status: 'deleted' as const,
    deleted_at: now.toISOString(),
    deleted_by: actor.label,
  };
}
