import { z } from '@hono/zod-openapi';
import { auditInsert } from '../../audit/record.js';
import type { Principal } from '../../auth/principal.js';
import { findLiveAccountByEmailKey } from '../../centres/queries.js';
import { emailKey } from '../../centres/service.js';
import type { AppContext } from '../../context.js';
import { writeAtomically } from '../../db/atomic.js';
import { isUniqueViolation } from '../../db/errors.js';
import { type AccountRow, accountGrants, accounts, type Grant, invites } from '../../db/schema/index.js';
import { DomainError } from '../../errors.js';
import { queueMail } from '../../mail/outbox.js';
import { GRANTS, grantsByAccount, impliesAllGrants, inGrantOrder } from '../grants.js';
import { expireOpenInvites, INVITE_TTL_MS, inviteValues, issueInvite } from '../invites.js';
import {
  actorFor,
  assertCanManageAccount,
  assertCanReadAccount,
  assertManage,
  assertReadAll,
  requireCentreAccount,
  type UsersAccess,
  usersAccess,
} from '../policy.js';
import { inviteMail, inviteMailRequest } from './mail.js';
import { presentUser, UserSchema } from './present.js';
import { accountIdOf, listCentreAccounts } from './queries.js';
import type { InviteInput, ListUsersInput } from './schema.js';

export const InvitedUserSchema = UserSchema.extend({
  invite_expires_at: z.string().openapi({ example: '2026-11-30T09:00:00.000Z' }),
}).openapi('InvitedUser');

/** Grants a manager adds or removes must be ones they hold themselves (seed 002). */
export function assertMayHandOut(a: UsersAccess, changed: readonly Grant[]): void {
  const missing = inGrantOrder(changed.filter((g) => !a.grantable.includes(g)));
  if (missing.length) throw new DomainError('grant_not_held', { grants: missing.join(', ') });
}

export async function presentAccount(ctx: AppContext, a: UsersAccess, row: AccountRow) {
  const grants = (await grantsByAccount(ctx.db, [row])).get(row.id) ?? [];
  return presentUser(row, grants, a.centre.number);
}

export async function listUsers(ctx: AppContext, p: Principal, number: string, input: ListUsersInput) {
  const a = await usersAccess(ctx, p, number);
  assertReadAll(a);
  const { rows, total } = await listCentreAccounts(ctx.db, a.centre.id, input);
  const grants = await grantsByAccount(ctx.db, rows);
  return {
    data: rows.map((r) => presentUser(r, grants.get(r.id) ?? [], a.centre.number)),
    page: input.page,
    per_page: input.per_page,
    total,
  };
}

export async function getUser(ctx: AppContext, p: Principal, number: string, id: number) {
  const a = await usersAccess(ctx, p, number);
  assertCanReadAccount(a, id);
  return presentAccount(ctx, a, await requireCentreAccount(ctx, a, id));
}

/**
 * The rows that make one invited account: the account, its grants, its one-time link and the invite
 * mail in the invitee's language. Rows point at the account through its email key, so all of them
 * go into one batch with it.
 */
export async function invitedAccount(
  ctx: AppContext,
  a: UsersAccess,
  input: Pick<InviteInput, 'first_name' | 'last_name' | 'email' | 'language' | 'account_type'> &
    Partial<Pick<InviteInput, 'grants' | 'hub_role' | 'role_in_centre' | 'telephone'>>,
) {
  const now = ctx.clock.now();
  const key = emailKey(input.email);
  const account = {
    kind: 'centre' as const,
    centreId: a.centre.id,
    accountType: input.account_type,
    email: input.email,
    emailKey: key,
    status: 'invited' as const,
    firstName: input.first_name,
    lastName: input.last_name,
    language: input.language,
    hubRole: input.hub_role ?? null,
    jobTitle: input.role_in_centre ?? null,
    telephone: input.telephone ?? null,
    createdAt: now,
    updatedAt: now,
  };
  const invite = await inviteValues(ctx, accountIdOf(key), 'invite');
  const grants = input.account_type === 'user' ? inGrantOrder(input.grants ?? []) : [];
  return {
    account,
    grants,
    grantRows: grants.map((grant) => ({ accountId: accountIdOf(key), grant, createdAt: now })),
    invite: invite.values,
    mail: inviteMailRequest(a.centre, account, invite.link, a.principal.label),
  };
}

/** Checks what a manager may create: `admin` accounts only by the Centre Admin, grants only within their own. */
function assertMayCreate(a: UsersAccess, input: Pick<InviteInput, 'account_type' | 'grants'>) {
  assertManage(a);
  if (input.account_type === 'admin' && !a.centreAdmin) throw new DomainError('centre_admin_only');
  if (input.account_type === 'admin' && input.grants?.length) throw new DomainError('grants_implied');
  assertMayHandOut(a, input.grants ?? []);
}

export async function inviteUser(ctx: AppContext, p: Principal, number: string, input: InviteInput) {
  const a = await usersAccess(ctx, p, number);
  assertMayCreate(a, input);
  if (await findLiveAccountByEmailKey(ctx.db, emailKey(input.email)))
    throw new DomainError('email_in_use', { email: input.email });
  const made = await invitedAccount(ctx, a, input);
  const { account: values, grants } = made;
  const now = ctx.clock.now();
  let created: AccountRow | undefined;
  try {
    const [inserted] = await ctx.db.batch([
      ctx.db.insert(accounts).values(values).returning(),
      ...(made.grantRows.length ? [ctx.db.insert(accountGrants).values(made.grantRows)] : []),
      ctx.db.insert(invites).values(made.invite),
      queueMail(ctx, made.mail),
      auditInsert(ctx.db, actorFor(p), now, {
        entity: 'account',
        entityId: input.email,
        centreId: a.centre.id,
        action: 'invite',
        after: { email: input.email, account_type: input.account_type, grants, hub_role: values.hubRole },
      }),
    ]);
    created = inserted[0];
  } catch (err) {
    if (isUniqueViolation(err, 'email_key')) throw new DomainError('email_in_use', { email: input.email });
    throw err;
  }
  if (!created) throw new DomainError('email_in_use', { email: input.email });
  const effective = impliesAllGrants(created.accountType) ? [...GRANTS] : grants;
  return {
    ...presentUser(created, effective, a.centre.number),
    invite_expires_at: made.invite.expiresAt.toISOString(),
  };
}

/** A new one-time link for an account that has not accepted yet; every earlier link stops working. */
export async function resendInvite(ctx: AppContext, p: Principal, number: string, id: number) {
  const a = await usersAccess(ctx, p, number);
  const target = await requireCentreAccount(ctx, a, id);
  assertCanManageAccount(a, target);
  if (target.status !== 'invited') throw new DomainError('invite_not_pending');
  const now = ctx.clock.now();
  const invite = await issueInvite(ctx, target.id, 'invite');
  await writeAtomically(ctx.db, [
    expireOpenInvites(ctx.db, target.id, now),
    invite.statement,
    inviteMail(ctx, a.centre, target, invite.link, p.label),
    auditInsert(ctx.db, actorFor(p), now, {
      entity: 'account',
      entityId: target.id,
      centreId: a.centre.id,
      action: 'invite_resent',
      after: { email: target.email },
    }),
  ]);
  return {
    ...(await presentAccount(ctx, a, target)),
    invite_expires_at: new Date(now.getTime() + INVITE_TTL_MS).toISOString(),
  };
}
