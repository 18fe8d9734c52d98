import { and, eq, inArray } from 'drizzle-orm';
import { auditInsert } from '../../audit/record.js';
import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { type Statement, writeAtomically } from '../../db/atomic.js';
import { accountGrants, accounts, type Grant } from '../../db/schema/index.js';
import { DomainError } from '../../errors.js';
import { grantsByAccount, impliesAllGrants, inGrantOrder } from '../grants.js';
import { actorFor, assertCanManageAccount, isSelf, requireCentreAccount, usersAccess } from '../policy.js';
import { presentUser } from './present.js';
import { assertMayHandOut } from './service.js';

/**
 * Sets an account's grants to exactly this list (seed 001 "Manage Access", seed 002 profiles).
 * Nobody adds to their own; a manager changes another account only within the grants they hold.
 */
export async function setAccess(ctx: AppContext, p: Principal, number: string, id: number, wanted: Grant[]) {
  const a = await usersAccess(ctx, p, number);
  const target = await requireCentreAccount(ctx, a, id);
  const current = (await grantsByAccount(ctx.db, [target])).get(target.id) ?? [];
  const next = inGrantOrder(wanted);
  const added = next.filter((g) => !current.includes(g));
  const removed = current.filter((g) => !next.includes(g));
  if (isSelf(a, target.id)) {
    if (added.length) throw new DomainError('self_grant');
  } else {
    assertCanManageAccount(a, target);
  }
  if (impliesAllGrants(target.accountType)) {
    // The EO's account can never become a User account, so it is not told to make it one.
    if (added.length || removed.length)
      throw new DomainError('grants_implied', target.accountType === 'eo' ? { context: 'eo' } : {});
    return presentUser(target, current, a.centre.number);
  }
  if (!isSelf(a, target.id)) assertMayHandOut(a, [...added, ...removed]);
  if (!added.length && !removed.length) return presentUser(target, current, a.centre.number);

  const now = ctx.clock.now();
  const statements: Statement[] = [
    ctx.db.update(accounts).set({ updatedAt: now }).where(eq(accounts.id, target.id)),
    auditInsert(ctx.db, actorFor(p), now, {
      entity: 'account',
      entityId: target.id,
      centreId: a.centre.id,
      action: 'access_update',
      before: { grants: current },
      after: { grants: next },
    }),
  ];
  if (removed.length)
    statements.push(
      ctx.db
        .delete(accountGrants)
        .where(and(eq(accountGrants.accountId, target.id), inArray(accountGrants.grant, removed))),
    );
  if (added.length)
    statements.push(
      ctx.db
        .insert(accountGrants)
        .values(added.map((grant) => ({ accountId: target.id, grant, createdAt: now })))
        .onConflictDoNothing(),
    );
  await writeAtomically(ctx.db, statements);
  return presentUser({ ...target, updatedAt: now }, next, a.centre.number);
}
