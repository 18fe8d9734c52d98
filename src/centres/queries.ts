import { and, count, desc, eq, like, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import { accounts, auditLog, centres } from '../db/schema/index.js';

const centreByNumber = preparedPerDb((db) =>
  db
    .select()
    .from(centres)
    .where(eq(centres.number, sql.placeholder('number')))
    .prepare(),
);

export function findCentreByNumber(db: Db, number: string) {
  return centreByNumber(db).get({ number });
}

/** A number prefix when the query is digits; always a name substring, with LIKE's wildcards taken literally. */
function searchWhere(q: string | undefined, folded: string | undefined) {
  if (!q || !folded) return undefined;
  const escaped = folded.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  const byName = sql`${centres.nameFolded} like ${`%${escaped}%`} escape '\\'`;
  return /^\d+$/.test(q) ? or(like(centres.number, `${q}%`), byName) : byName;
}

export async function searchCentres(
  db: Db,
  q: string | undefined,
  folded: string | undefined,
  page: number,
  perPage: number,
) {
  const where = searchWhere(q, folded);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(centres)
      .where(where)
      .orderBy(centres.number)
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(centres).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export function findEoAccount(db: Db, centreId: number) {
  return db
    .select()
    .from(accounts)
    .where(
      and(eq(accounts.centreId, centreId), eq(accounts.accountType, 'eo'), ne(accounts.status, 'deleted')),
    )
    .get();
}

export function findLiveAccountByEmailKey(db: Db, emailKey: string) {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.emailKey, emailKey), ne(accounts.status, 'deleted')))
    .get();
}

export async function listCentreAudit(db: Db, centreId: number, page: number, perPage: number) {
  const where = eq(auditLog.centreId, centreId);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** The id of a centre written earlier in the same batch, for rows that point at it. */
export function centreIdOf(number: string): SQL<number> {
  return sql<number>`(select ${centres.id} from ${centres} where ${centres.number} = ${number})`;
}
