import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accounts, apiTokens, centres } from '../db/schema/index.js';

export function findActiveToken(db: Db, tokenHash: string) {
  return db
    .select({
      tokenHash: apiTokens.tokenHash,
      account: accounts,
      centreNumber: centres.number,
    })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .leftJoin(centres, eq(centres.id, accounts.centreId))
    .where(
      and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(accounts.status, 'active')),
    )
    .get();
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
