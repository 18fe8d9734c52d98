import { eq } from 'drizzle-orm';
import { auditInsert, diff } from '../../audit/record.js';
import type { Principal } from '../../auth/principal.js';
import { revokeTokensOf } from '../../auth/queries.js';
import { findLiveAccountByEmailKey } from '../../centres/queries.js';
import { emailKey } from '../../centres/service.js';
import type { AppContext } from '../../context.js';
import { type Statement, writeAtomically } from '../../db/atomic.js';
import { isUniqueViolation } from '../../db/errors.js';
import { type AccountRow, accounts } from '../../db/schema/index.js';
import { DomainError } from '../../errors.js';
import { expireOpenInvites, issueInvite } from '../invites.js';
import {
  actorFor,
  assertCanManageAccount,
  isSelf,
  requireCentreAccount,
  type UsersAccess,
  usersAccess,
} from '../policy.js';
import { inviteMail, loginChangedMail, loginLeftMail } from './mail.js';
import type { PatchUserInput } from './schema.js';
import { presentAccount } from './service.js';

const eoContext = (a: UsersAccess) => ({ context: 'eo', number: a.centre.number });

/** Who may change what (seeds 002, 003): own details yes; own email, type or Hub role no. */
function assertMayAmend(a: UsersAccess, target: AccountRow, input: PatchUserInput) {
  if (isSelf(a, target.id)) {
    // The EO's own account answers what is true for it: its login is the centre's EO address and
    // its type is fixed, rather than "ask your centre's Exams Officer" (issue 17, item 5).
    const eo = target.accountType === 'eo';
    if (input.email !== undefined) throw new DomainError('own_email_change', eo ? eoContext(a) : {});
    const typeChange = input.account_type !== undefined && input.account_type !== target.accountType;
    const roleChange = input.hub_role !== undefined && input.hub_role !== target.hubRole && !a.centreAdmin;
    if (typeChange && eo) throw new DomainError('eo_account_fixed');
    if (typeChange || roleChange) throw new DomainError('self_grant');
    return;
  }
  assertCanManageAccount(a, target);
  if (target.accountType === 'eo' && (input.account_type !== undefined || input.email !== undefined))
    throw new DomainError('eo_account_fixed');
  if (input.account_type === 'admin' && !a.centreAdmin) throw new DomainError('centre_admin_only');
  if (input.email !== undefined && !a.centreAdmin) throw new DomainError('centre_admin_only');
}

/**
 * A new address is a new login: the old tokens and links end, a one-time link goes to the new
 * address (an invite again if the account never accepted one), and the old address is told.
 */
async function emailChangeStatements(ctx: AppContext, a: UsersAccess, moved: AccountRow, oldEmail: string) {
  const now = ctx.clock.now();
  const invited = moved.status === 'invited';
  const link = await issueInvite(ctx, moved.id, invited ? 'invite' : 'reset');
  const statements: Statement[] = [
    revokeTokensOf(ctx.db, moved.id, now),
    // Expires every open link; the fresh one is inserted after it in the same batch.
    expireOpenInvites(ctx.db, moved.id, now),
    link.statement,
    invited
      ? inviteMail(ctx, a.centre, moved, link.link, a.principal.label)
      : loginChangedMail(ctx, a.centre, moved, link.link, a.principal.label),
    loginLeftMail(ctx, a.centre, { ...moved, email: oldEmail }, moved.email, a.principal.label),
  ];
  return statements;
}

export async function amendUser(
  ctx: AppContext,
  p: Principal,
  number: string,
  id: number,
  input: PatchUserInput,
) {
  const a = await usersAccess(ctx, p, number);
  const target = await requireCentreAccount(ctx, a, id);
  assertMayAmend(a, target, input);
  const newKey = input.email !== undefined ? emailKey(input.email) : undefined;
  const emailMoves = newKey !== undefined && newKey !== target.emailKey;
  if (emailMoves) {
    const holder = await findLiveAccountByEmailKey(ctx.db, newKey);
    if (holder) throw new DomainError('email_in_use', { email: input.email });
  }
  const change = diff(target as unknown as Record<string, unknown>, {
    title: input.title,
    firstName: input.first_name,
    lastName: input.last_name,
    jobTitle: input.role_in_centre,
    telephone: input.telephone,
    language: input.language,
    accountType: input.account_type,
    hubRole: input.hub_role,
    email: input.email,
    ...(emailMoves
      ? { emailKey: newKey, resetRequiredAt: target.status === 'active' ? ctx.clock.now() : undefined }
      : {}),
  });
  if (!change.changed) return presentAccount(ctx, a, target);
  const now = ctx.clock.now();
  const next = { ...target, ...change.after, updatedAt: now } as AccountRow;
  const { emailKey: _k, resetRequiredAt: _r, ...shown } = change.after;
  const { emailKey: _bk, resetRequiredAt: _br, ...shownBefore } = change.before;
  const statements: Statement[] = [
    ctx.db
      .update(accounts)
      .set({ ...change.after, updatedAt: now })
      .where(eq(accounts.id, target.id)),
    auditInsert(ctx.db, actorFor(p), now, {
      entity: 'account',
      entityId: target.id,
      centreId: a.centre.id,
      action: emailMoves ? 'login_moved' : 'update',
      before: shownBefore,
      after: emailMoves ? { ...shown, tokens_revoked: true } : shown,
    }),
    ...(emailMoves ? await emailChangeStatements(ctx, a, next, target.email) : []),
  ];
  try {
    await writeAtomically(ctx.db, statements);
  } catch (err) {
    if (isUniqueViolation(err, 'email_key')) throw new DomainError('email_in_use', { email: input.email });
    throw err;
  }
  return presentAccount(ctx, a, next);
}
