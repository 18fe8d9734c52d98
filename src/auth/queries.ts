import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import { accounts, apiTokens, centres } from '../db/schema/index.js';

/**
 * Runs on every authenticated request, so it is prepared once and reads only the columns a
 * principal needs: with libSQL each selected column costs measurable time per query.
 */
const activeToken = preparedPerDb((db) =>
  db
    .select({
      tokenHash: apiTokens.tokenHash,
      accountId: accounts.id,
      kind: accounts.kind,
      staffRole: accounts.staffRole,
      accountType: accounts.accountType,
      centreId: accounts.centreId,
      email: accounts.email,
      language: accounts.language,
      firstName: accounts.firstName,
      lastName: accounts.lastName,
      centreNumber: centres.number,
    })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .leftJoin(centres, eq(centres.id, accounts.centreId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('hash')),
        isNull(apiTokens.revokedAt),
        eq(accounts.status, 'active'),
      ),
    )
    .prepare(),
);

export function findActiveToken(db: Db, tokenHash: string) {
  return activeToken(db).get({ hash: tokenHash });
}

export function revokeTokensOf(db: Db, accountId: number, at: Date) {
  return db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)));
}

export function insertToken(db: Db, accountId: number, tokenHash: string, at: Date, label?: string) {
  return db.insert(apiTokens).values({ accountId, tokenHash, createdAt: at, label: label ?? null });
}
