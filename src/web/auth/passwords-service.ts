import { eq, sql } from 'drizzle-orm';
import { findInvite, refusal } from '../../access/accept-invite.js';
import { passwordResetStatements } from '../../access/invites.js';
import { type Actor, auditInsert, systemActor } from '../../audit/record.js';
import { findLiveAccountByEmailKey } from '../../centres/queries.js';
import { emailKey } from '../../centres/service.js';
import type { AppContext } from '../../context.js';
import { writeAtomically } from '../../db/atomic.js';
import { accounts, invites, webCredentials } from '../../db/schema/index.js';
import { DomainError, type ErrorDetail } from '../../errors.js';
import { endSessionsOf, newSession } from './sessions.js';
import { credentialsOf, hasherOf, stageAfterPassword } from './sign-in.js';

/** NCSC's advice: length, not composition rules; a long passphrase is welcome. */
export const PASSWORD_MIN = 10;
const PASSWORD_MAX = 200;

/** The new password's field errors, in the order the form shows its fields. */
function newPasswordDetails(password: string, confirm: string): ErrorDetail[] {
  if (password.length < PASSWORD_MIN)
    return [{ field: 'password', code: 'password_too_short', params: { minimum: PASSWORD_MIN } }];
  if (password.length > PASSWORD_MAX)
    return [{ field: 'password', code: 'too_long', params: { maximum: PASSWORD_MAX } }];
  if (password !== confirm) return [{ field: 'confirm', code: 'passwords_differ' }];
  return [];
}

function assertNewPassword(password: string, confirm: string) {
  const details = newPasswordDetails(password, confirm);
  if (details.length) throw new DomainError('validation_failed', {}, details);
}

/**
 * "Forgot your password?": a one-time reset link by mail, in the account's language. The caller
 * answers the same whether or not the address is known, so nothing here says which it was.
 */
export async function requestPasswordReset(ctx: AppContext, email: string) {
  const account = await findLiveAccountByEmailKey(ctx.db, emailKey(email));
  if (!account) return;
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ...(await passwordResetStatements(ctx, account, now)),
    auditInsert(ctx.db, systemActor(account.email), now, {
      entity: 'account',
      entityId: account.id,
      centreId: account.centreId,
      action: 'password_reset_requested',
    }),
  ]);
}

/**
 * The page an invite or reset link opens sets a password with it: the link is spent by a guarded
 * update and the password written only if that update won, so two submits cannot both set one.
 * Every earlier page session of the account ends. Answers a session at its next step.
 */
export async function setPasswordWithLink(ctx: AppContext, token: string, password: string, confirm: string) {
  const now = ctx.clock.now();
  const invite = await findInvite(ctx, token);
  const refused = refusal(invite, now);
  if (refused || !invite) throw new DomainError(refused ?? 'token_not_found');
  assertNewPassword(password, confirm);
  const hash = await hasherOf(ctx).hash(password);
  const accountId = invite.account.id;
  const [spent] = await ctx.db.batch([
    ctx.db
      .update(invites)
      .set({ usedAt: now })
      .where(sql`${invites.id} = ${invite.invite.id} and ${invites.usedAt} is null`)
      .returning({ id: invites.id }),
    ctx.db.run(
      sql`insert into ${webCredentials} (account_id, password_hash, password_set_at)
          select ${accountId}, ${hash}, ${now.getTime()} where changes() = 1
          on conflict (account_id) do update set password_hash = excluded.password_hash,
            password_set_at = excluded.password_set_at`,
    ),
    ctx.db
      .update(accounts)
      .set({ status: 'active', resetRequiredAt: null, updatedAt: now })
      .where(eq(accounts.id, accountId)),
    endSessionsOf(ctx.db, accountId, now),
    auditInsert(ctx.db, systemActor(invite.account.email), now, {
      entity: 'account',
      entityId: accountId,
      centreId: invite.account.centreId,
      action: `${invite.invite.purpose}_accepted`,
      after: { password_set: true },
    }),
  ]);
  if (!spent.length) throw new DomainError('invite_used');
  const creds = await credentialsOf(ctx, accountId);
  const session = await newSession(ctx, accountId, stageAfterPassword(creds?.totpSecret));
  await session.statement;
  return { token: session.token, language: invite.account.language };
}

/** "Change your password" in My details: the current one first; every session ends after it. */
export async function changePassword(
  ctx: AppContext,
  actor: Actor & { id: number },
  input: { current: string; password: string; confirm: string },
) {
  const hasher = hasherOf(ctx);
  const creds = await credentialsOf(ctx, actor.id);
  if (!creds?.passwordHash || !(await hasher.verify(creds.passwordHash, input.current)))
    throw new DomainError('validation_failed', {}, [{ field: 'current', code: 'password_wrong' }]);
  assertNewPassword(input.password, input.confirm);
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db
      .update(webCredentials)
      .set({ passwordHash: await hasher.hash(input.password), passwordSetAt: now })
      .where(eq(webCredentials.accountId, actor.id)),
    endSessionsOf(ctx.db, actor.id, now),
    auditInsert(ctx.db, actor, now, { entity: 'account', entityId: actor.id, action: 'password_changed' }),
  ]);
}

/** "Remove" the second factor: the next sign-in asks for a new enrolment before anything else. */
export async function removeSecondFactor(ctx: AppContext, actor: Actor & { id: number }) {
  const now = ctx.clock.now();
  await writeAtomically(ctx.db, [
    ctx.db
      .update(webCredentials)
      .set({ totpSecret: null, totpLastStep: null })
      .where(eq(webCredentials.accountId, actor.id)),
    auditInsert(ctx.db, actor, now, {
      entity: 'account',
      entityId: actor.id,
      action: 'second_factor_removed',
    }),
  ]);
}
