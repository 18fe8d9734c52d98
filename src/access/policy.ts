import { and, eq, ne } from 'drizzle-orm';
import { type Actor, systemActor } from '../audit/record.js';
import { actorOf } from '../auth/policy.js';
import { belongsTo, isCentreAdminOf, isStaff, type Principal } from '../auth/principal.js';
import { requireCentre } from '../centres/service.js';
import type { AppContext } from '../context.js';
import { type AccountRow, accounts, type CentreRow } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { accountGrants, GRANTS, type Grant } from './grants.js';

/**
 * What the caller may do with one centre's accounts (SPEC 2.2, README "Access model"):
 * - staff support/admin and the centre's EO/Admin are the Centre Admin: everything;
 * - a centre `user` holding `user_accounts` manages `user` accounts, within the grants they hold;
 * - staff helpline reads; any other account of the centre reads only itself; everyone else nothing.
 */
export interface UsersAccess {
  centre: CentreRow;
  principal: Principal;
  centreAdmin: boolean;
  manage: boolean;
  readAll: boolean;
  grantable: readonly Grant[];
}

export async function usersAccess(ctx: AppContext, p: Principal, number: string): Promise<UsersAccess> {
  const centre = await requireCentre(ctx, p, number);
  const base = { centre, principal: p };
  if (isStaff(p, 'support', 'admin') || isCentreAdminOf(p, centre.id)) {
    return { ...base, centreAdmin: true, manage: true, readAll: true, grantable: GRANTS };
  }
  if (isStaff(p, 'helpline'))
    return { ...base, centreAdmin: false, manage: false, readAll: true, grantable: [] };
  if (!belongsTo(p, centre.id)) throw new DomainError('forbidden');
  const held = await accountGrants(ctx.db, p.accountId);
  const manage = held.includes('user_accounts');
  return { ...base, centreAdmin: false, manage, readAll: manage, grantable: manage ? held : [] };
}

export function assertReadAll(a: UsersAccess): void {
  if (!a.readAll) throw new DomainError('forbidden');
}

export function assertManage(a: UsersAccess): void {
  if (!a.manage) throw new DomainError('forbidden');
}

export function assertCentreAdmin(a: UsersAccess): void {
  if (!a.centreAdmin) throw new DomainError('forbidden');
}

export function isSelf(a: UsersAccess, accountId: number): boolean {
  return a.principal.accountId === accountId;
}

export function assertCanReadAccount(a: UsersAccess, accountId: number): void {
  if (!a.readAll && !isSelf(a, accountId)) throw new DomainError('forbidden');
}

/** A live account of this centre; anything else (deleted, another centre's, staff) is not found. */
export async function requireCentreAccount(ctx: AppContext, a: UsersAccess, id: number): Promise<AccountRow> {
  const row = await ctx.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, id), eq(accounts.centreId, a.centre.id), ne(accounts.status, 'deleted')))
    .get();
  if (!row) throw new DomainError('account_not_found');
  return row;
}

/**
 * A manager who is not the Centre Admin works only on `user` accounts: an `eo` or `admin` holds
 * every grant, so changing one would hand out more than the manager holds.
 */
export function assertCanManageAccount(a: UsersAccess, target: Pick<AccountRow, 'accountType'>): void {
  assertManage(a);
  if (!a.centreAdmin && target.accountType !== 'user') throw new DomainError('centre_admin_only');
}

/** The audit actor: the caller's account, or the operator by name when the CLI acts (no account). */
export function actorFor(p: Principal): Actor {
  return p.accountId > 0 ? actorOf(p) : systemActor(p.label);
}
