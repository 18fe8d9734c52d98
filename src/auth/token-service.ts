import { and, eq, isNull } from 'drizzle-orm';
import { type Actor, auditInsert } from '../audit/record.js';
import { findCentreByNumber, findLiveAccountByEmailKey } from '../centres/queries.js';
import { emailKey, splitName } from '../centres/service.js';
import type { AppContext } from '../context.js';
import { writeAtomically } from '../db/atomic.js';
import { inList } from '../db/in-list.js';
import { accounts, apiTokens, STAFF_ROLES, type StaffRole } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { hashToken, newToken } from './tokens.js';

export const CENTRE_ROLES = ['eo', 'admin', 'user'] as const;
export type TokenRole = StaffRole | (typeof CENTRE_ROLES)[number];
/** Each role once: `admin` is both a staff role and a centre account type (which, `--centre` says). */
export const TOKEN_ROLES: readonly TokenRole[] = [...new Set<TokenRole>([...STAFF_ROLES, ...CENTRE_ROLES])];

/** `admin` names both a staff role and a centre account type: with `--centre` it is the centre's. */
const isStaffRole = (r: TokenRole, centre?: string): r is StaffRole =>
  (STAFF_ROLES as readonly string[]).includes(r) && !(r === 'admin' && centre);

export interface CreateTokenInput {
  role: TokenRole;
  email?: string;
  centre?: string;
  name?: string;
  label?: string;
}

/**
 * Finds or creates the account the token is for, then issues the token. `--role eo --centre N`
 * without an email is that centre's EO account.
 */
export async function createToken(ctx: AppContext, actor: Actor, input: CreateTokenInput) {
  const now = ctx.clock.now();
  const centre = input.centre ? await findCentreByNumber(ctx.db, input.centre) : undefined;
  if (input.centre && !centre) throw new DomainError('centre_not_found', { number: input.centre });
  if (!isStaffRole(input.role, input.centre) && !centre)
    throw new DomainError('validation_failed', {}, [{ field: 'centre', code: 'required' }]);
  const email = input.email ?? (input.role === 'eo' && centre ? centre.eoEmail : undefined);
  if (!email) throw new DomainError('validation_failed', {}, [{ field: 'email', code: 'required' }]);

  let account = await findLiveAccountByEmailKey(ctx.db, emailKey(email));
  if (account) {
    const sameKind = isStaffRole(input.role, input.centre)
      ? account.staffRole === input.role
      : account.accountType === input.role && account.centreId === centre?.id;
    if (!sameKind) throw new DomainError('email_in_use', { email });
    // The API takes only an active account's tokens: one printed for an invitee would be refused.
    if (account.status !== 'active') throw new DomainError('account_not_active', { email });
  } else {
    const names = splitName(input.name ?? (input.role === 'eo' && centre ? centre.eoName : ''));
    [account] = await ctx.db
      .insert(accounts)
      .values(
        isStaffRole(input.role, input.centre)
          ? {
              kind: 'staff',
              staffRole: input.role,
              email,
              emailKey: emailKey(email),
              ...names,
              createdAt: now,
              updatedAt: now,
            }
          : {
              kind: 'centre',
              centreId: centre?.id,
              accountType: input.role,
              email,
              emailKey: emailKey(email),
              language: centre?.language ?? 'en',
              ...names,
              createdAt: now,
              updatedAt: now,
            },
      )
      .returning();
  }
  if (!account) throw new DomainError('account_not_found');
  const token = newToken();
  await writeAtomically(ctx.db, [
    ctx.db.insert(apiTokens).values({
      accountId: account.id,
      tokenHash: await hashToken(token),
      createdAt: now,
      label: input.label ?? null,
    }),
    auditInsert(ctx.db, actor, now, {
      entity: 'account',
      entityId: account.id,
      centreId: account.centreId,
      action: 'token_created',
    }),
  ]);
  return { token, account };
}

/** Ends one token (by its value) or every token of an account (by email), with an audit record. */
export async function revokeTokens(ctx: AppContext, actor: Actor, input: { token?: string; email?: string }) {
  const now = ctx.clock.now();
  const account = input.email ? await findLiveAccountByEmailKey(ctx.db, emailKey(input.email)) : undefined;
  if (input.email && !account) throw new DomainError('account_not_found');
  const tokenHash = input.token ? await hashToken(input.token) : undefined;
  if (!tokenHash && !account)
    throw new DomainError('validation_failed', {}, [{ field: 'token', code: 'required' }]);
  const live = await ctx.db
    .select({ id: apiTokens.id, accountId: apiTokens.accountId })
    .from(apiTokens)
    .where(
      and(
        isNull(apiTokens.revokedAt),
        tokenHash ? eq(apiTokens.tokenHash, tokenHash) : undefined,
        account ? eq(apiTokens.accountId, account.id) : undefined,
      ),
    );
  const [first] = live;
  if (!first) throw new DomainError('token_not_found');
  await writeAtomically(ctx.db, [
    ctx.db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(
        inList(
          apiTokens.id,
          live.map((t) => t.id),
        ),
      ),
    auditInsert(ctx.db, actor, now, {
      entity: 'account',
      entityId: first.accountId,
      action: 'token_revoked',
      after: { count: live.length },
    }),
  ]);
  return live.length;
}
