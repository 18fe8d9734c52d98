import { and, eq, sql } from 'drizzle-orm';
import { displayName } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { preparedPerDb } from '../db/prepared.js';
import { readCache } from '../db/read-cache.js';
import { accounts, type ChatPlatform, chatLinks } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { translator } from '../i18n/index.js';

type StaffRow = Pick<
  typeof accounts.$inferSelect,
  'id' | 'email' | 'language' | 'staffRole' | 'firstName' | 'lastName'
>;

const asPrincipal = (a: StaffRow): Principal | null =>
  a.staffRole
    ? {
        kind: 'staff',
        accountId: a.id,
        email: a.email,
        language: a.language,
        staffRole: a.staffRole,
        label: displayName(a),
      }
    : null;

const liveStaff = and(eq(accounts.kind, 'staff'), eq(accounts.status, 'active'));

/** The active staff account with this email, as a principal; centre accounts never work the queue from chat. */
export async function staffByEmail(ctx: AppContext, email: string): Promise<Principal | null> {
  const row = await ctx.db
    .select()
    .from(accounts)
    .where(and(liveStaff, eq(accounts.emailKey, email.trim().toLowerCase())))
    .get();
  return row ? asPrincipal(row) : null;
}

// Every command and click asks who is behind it first, so the query is built once and reads only
// what a principal needs.
const linkedAccount = preparedPerDb((db) =>
  db
    .select({
      id: accounts.id,
      email: accounts.email,
      language: accounts.language,
      staffRole: accounts.staffRole,
      firstName: accounts.firstName,
      lastName: accounts.lastName,
    })
    .from(chatLinks)
    .innerJoin(accounts, eq(accounts.id, chatLinks.accountId))
    .where(
      and(
        eq(chatLinks.platform, sql.placeholder('platform')),
        eq(chatLinks.externalId, sql.placeholder('externalId')),
        liveStaff,
      ),
    )
    .prepare(),
);

// Remembered until the next write anywhere (a link, a role or language changed, an account ended).
const linkedPrincipals = readCache<Principal | null>();

/** The staff member a chat user was linked to, while that account is active. */
export function linkedStaff(ctx: AppContext, platform: ChatPlatform, externalId: string) {
  return linkedPrincipals(ctx, `${platform}:${externalId}`, async () => {
    const row = await linkedAccount(ctx.db).get({ platform, externalId });
    return row ? asPrincipal(row) : null;
  });
}

/** Links a chat user to a staff account (again, if they were linked to another). */
export async function linkChatUser(
  ctx: AppContext,
  input: { platform: ChatPlatform; externalId: string; email: string; via: 'cli' | 'slack_email' },
): Promise<Principal> {
  const staff = await staffByEmail(ctx, input.email);
  if (!staff) throw new DomainError('account_not_found');
  await ctx.db
    .insert(chatLinks)
    .values({
      platform: input.platform,
      externalId: input.externalId,
      accountId: staff.accountId,
      via: input.via,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoUpdate({
      target: [chatLinks.platform, chatLinks.externalId],
      set: { accountId: staff.accountId, via: input.via },
    });
  return staff;
}

/** What anyone who is not linked staff is told, in both languages (Welsh first): nothing else. */
export const refusal = () => `${translator('cy')('chat:refused')}\n\n${translator('en')('chat:refused')}`;
