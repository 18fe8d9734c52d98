import { and, eq, type SQL, sql } from 'drizzle-orm';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import type { Statement } from '../db/atomic.js';
import type { Db } from '../db/client.js';
import { invites } from '../db/schema/index.js';
import type { Language } from '../i18n/index.js';
import { queueMail } from '../mail/outbox.js';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a person opens their one-time link; the service's own address when PUBLIC_URL is unset. */
function inviteLink(ctx: AppContext, token: string): string {
  const base = ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`;
  return `${base.replace(/\/$/, '')}/invites/${token}`;
}

/** A fresh one-time link for an account: the token to mail and the row that stores its hash. */
export async function inviteValues(
  ctx: AppContext,
  accountId: number | SQL<number>,
  purpose: 'invite' | 'reset',
) {
  const token = newToken();
  const now = ctx.clock.now();
  const values = {
    accountId,
    purpose,
    tokenHash: await hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
  };
  return { token, link: inviteLink(ctx, token), values };
}

/**
 * A fresh one-time link for an account, and the statement that stores its hash. The account may be
 * one written earlier in the same batch, named by a subquery.
 */
export async function issueInvite(
  ctx: AppContext,
  accountId: number | SQL<number>,
  purpose: 'invite' | 'reset',
) {
  const { token, link, values } = await inviteValues(ctx, accountId, purpose);
  return { token, link, statement: ctx.db.insert(invites).values(values) };
}

/**
 * Ends every link still open for an account, so only a newer one (if any) works: a reset or invite
 * lying in an old mailbox must not open an account whose login has moved. Put it before the new
 * invite in the batch.
 */
export function expireOpenInvites(db: Db, accountId: number, at: Date) {
  return db
    .update(invites)
    .set({ expiresAt: at })
    .where(
      and(
        eq(invites.accountId, accountId),
        sql`${invites.usedAt} is null`,
        sql`${invites.expiresAt} > ${at.getTime()}`,
      ),
    );
}

/**
 * A password reset, whoever asked for it (the person on the sign-in page, or their centre's admin):
 * older links ended, a new one stored, and mailed to the account in its own language.
 */
export async function passwordResetStatements(
  ctx: AppContext,
  account: { id: number; email: string; firstName: string; language: Language },
  at: Date,
): Promise<Statement[]> {
  const reset = await issueInvite(ctx, account.id, 'reset');
  return [
    expireOpenInvites(ctx.db, account.id, at),
    reset.statement,
    queueMail(ctx, {
      to: account.email,
      language: account.language,
      template: 'password_reset',
      params: { first_name: account.firstName || account.email, email: account.email, link: reset.link },
    }),
  ];
}
