import { auditInsert } from '../../audit/record.js';
import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { writeAtomically } from '../../db/atomic.js';
import { DomainError } from '../../errors.js';
import { INVITE_TTL_MS, passwordResetStatements } from '../invites.js';
import { actorFor, requireCentreAccount, usersAccess } from '../policy.js';
import { presentAccount } from './service.js';

/**
 * The Centre Admin (the centre's EO or an Admin) or staff support/admin sends an account a one-time
 * link to choose a new password, in the account's language: the way back for someone who lost their
 * password or authenticator app, where a second invite is refused once an account is active.
 */
export async function sendPasswordReset(ctx: AppContext, p: Principal, number: string, id: number) {
  const a = await usersAccess(ctx, p, number);
  if (!a.centreAdmin) throw new DomainError('centre_admin_only');
  const target = await requireCentreAccount(ctx, a, id);
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ...(await passwordResetStatements(ctx, target, now)),
    auditInsert(ctx.db, actorFor(p), now, {
      entity: 'account',
      entityId: target.id,
      centreId: a.centre.id,
      action: 'password_reset_sent',
      after: { email: target.email },
    }),
  ]);
  return {
    ...(await presentAccount(ctx, a, target)),
    invite_expires_at: new Date(now.getTime() + INVITE_TTL_MS).toISOString(),
  };
}
