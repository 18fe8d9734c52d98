import { eq } from 'drizzle-orm';
import { findLiveAccountByEmailKey } from '../../centres/queries.js';
import { emailKey } from '../../centres/service.js';
import type { AppContext } from '../../context.js';
import { writeAtomically } from '../../db/atomic.js';
import { type SessionStage, webCredentials, webSessions } from '../../db/schema/index.js';
import { DomainError } from '../../errors.js';
import { type PasswordHasher, pureJsHasher } from './passwords.js';
import { newSession, type WebSession } from './sessions.js';
import { assertNotThrottled, attemptKeys, failureStatements, forgetFailures } from './throttle.js';
import { acceptedStep, newTotpSecret } from './totp.js';
import { openTotp, sealTotp, unsealed } from './totp-secrets.js';

export const hasherOf = (ctx: AppContext): PasswordHasher => ctx.passwords ?? pureJsHasher;

// Checked against when the email is unknown, so an unknown address costs the same time as a wrong
// password and the answer cannot tell them apart.
let decoy: Promise<string> | undefined;
const decoyHash = (h: PasswordHasher) => {
  decoy ??= h.hash('decoy password that matches nothing');
  return decoy;
};

export const credentialsOf = (ctx: AppContext, accountId: number) =>
  ctx.db.select().from(webCredentials).where(eq(webCredentials.accountId, accountId)).get();

/** Where a correct password leads: the code, or enrolment for an account with no second factor yet. */
export const stageAfterPassword = (totpSecret: string | null | undefined): SessionStage =>
  totpSecret ? 'second_factor' : 'enrol';

/**
 * Step one of signing in. The same `sign_in_failed` for an unknown email, a wrong password, an
 * account not yet activated and one waiting for a reset; failures count per account and address.
 */
export async function signInWithPassword(
  ctx: AppContext,
  input: { email: string; password: string; address: string },
) {
  const keys = attemptKeys(emailKey(input.email), input.address);
  await assertNotThrottled(ctx, keys);
  const hasher = hasherOf(ctx);
  const account = await findLiveAccountByEmailKey(ctx.db, emailKey(input.email));
  const creds = account ? await credentialsOf(ctx, account.id) : undefined;
  const matches = await hasher.verify(creds?.passwordHash ?? (await decoyHash(hasher)), input.password);
  const usable = account?.status === 'active' && !account.resetRequiredAt && creds?.passwordHash;
  if (!account || !matches || !usable) {
    await writeAtomically(ctx.db, failureStatements(ctx, keys));
    throw new DomainError('sign_in_failed');
  }
  const session = await newSession(ctx, account.id, stageAfterPassword(creds.totpSecret));
  await writeAtomically(ctx.db, [session.statement, forgetFailures(ctx, keys)]);
  return { token: session.token, stage: stageAfterPassword(creds.totpSecret) };
}

/** Step two: a code from the enrolled app. A wrong code counts as a failed attempt. */
export async function verifySecondFactor(
  ctx: AppContext,
  session: WebSession,
  input: { code: string; email: string; address: string },
) {
  const keys = attemptKeys(emailKey(input.email), input.address);
  await assertNotThrottled(ctx, keys);
  const creds = await credentialsOf(ctx, session.accountId);
  const stored = creds?.totpSecret;
  const secret = stored ? await openTotp(ctx, session.accountId, stored) : undefined;
  const step = secret
    ? acceptedStep(secret, input.code, ctx.clock.now(), creds?.totpLastStep ?? null)
    : undefined;
  if (!stored || !secret || step === undefined) {
    await writeAtomically(ctx.db, failureStatements(ctx, keys));
    throw new DomainError('second_factor_wrong');
  }
  // A secret kept from before sealing began is sealed on its first good code.
  const resealed = unsealed(ctx, stored)
    ? { totpSecret: await sealTotp(ctx, session.accountId, secret) }
    : {};
  await writeAtomically(ctx.db, [
    ctx.db
      .update(webCredentials)
      .set({ totpLastStep: step, ...resealed })
      .where(eq(webCredentials.accountId, session.accountId)),
    ctx.db.update(webSessions).set({ stage: 'signed_in' }).where(eq(webSessions.id, session.id)),
    forgetFailures(ctx, keys),
  ]);
}

/** The secret enrolment shows: made once per session, so reloading the page keeps the same QR code. */
export async function pendingSecret(ctx: AppContext, session: WebSession) {
  if (session.pendingTotp) return openTotp(ctx, session.accountId, session.pendingTotp);
  const secret = newTotpSecret();
  const sealed = await sealTotp(ctx, session.accountId, secret);
  await ctx.db.update(webSessions).set({ pendingTotp: sealed }).where(eq(webSessions.id, session.id));
  return secret;
}

/**
 * Turns the second factor on (or replaces it) once a code proves the app holds the shown secret. The
 * pending secret is already sealed for this account, so it moves to the account's row as it is.
 */
export async function enrolSecondFactor(ctx: AppContext, session: WebSession, code: string) {
  const pending = session.pendingTotp;
  const secret = pending ? await openTotp(ctx, session.accountId, pending) : undefined;
  const step = secret ? acceptedStep(secret, code, ctx.clock.now(), null) : undefined;
  if (!pending || !secret || step === undefined)
    throw new DomainError('validation_failed', {}, [{ field: 'code', code: 'code_wrong' }]);
  const stored = unsealed(ctx, pending) ? await sealTotp(ctx, session.accountId, secret) : pending;
  await writeAtomically(ctx.db, [
    ctx.db
      .insert(webCredentials)
      .values({ accountId: session.accountId, totpSecret: stored, totpLastStep: step })
      .onConflictDoUpdate({
        target: webCredentials.accountId,
        set: { totpSecret: stored, totpLastStep: step },
      }),
    ctx.db
      .update(webSessions)
      .set({ stage: 'signed_in', pendingTotp: null })
      .where(eq(webSessions.id, session.id)),
  ]);
}
