import { and, asc, count, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { fold } from '../../centres/fold.js';
import type { Db } from '../../db/client.js';
import { inList } from '../../db/in-list.js';
import { accountGrants, accounts } from '../../db/schema/index.js';
import type { ListUsersInput } from './schema.js';

function filters(centreId: number, input: ListUsersInput) {
  return and(
    eq(accounts.centreId, centreId),
    input.status ? eq(accounts.status, input.status) : ne(accounts.status, 'deleted'),
    input.account_type ? eq(accounts.accountType, input.account_type) : undefined,
    input.hub_role ? eq(accounts.hubRole, input.hub_role) : undefined,
    input.grant
      ? or(
          inArray(accounts.accountType, ['eo', 'admin']),
          sql`exists (select 1 from ${accountGrants} where ${accountGrants.accountId} = ${accounts.id} and ${accountGrants.grant} = ${input.grant})`,
        )
      : undefined,
  );
}

const ORDER = [asc(accounts.lastName), asc(accounts.firstName), asc(accounts.id)];

/**
 * One page of a centre's accounts. Text search folds accents in code (SQLite has no such collation,
 * and D1 takes no custom functions): a centre's accounts number in the thousands at most, so the
 * candidate names and emails are read once and the page is fetched by id.
 */
export async function listCentreAccounts(db: Db, centreId: number, input: ListUsersInput) {
  const where = filters(centreId, input);
  const offset = (input.page - 1) * input.per_page;
  const needle = input.q?.trim() ? fold(input.q) : undefined;
  if (!needle) {
    const [rows, totals] = await Promise.all([
      db
        .select()
        .from(accounts)
        .where(where)
        .orderBy(...ORDER)
        .limit(input.per_page)
        .offset(offset),
      db.select({ n: count() }).from(accounts).where(where),
    ]);
    return { rows, total: totals[0]?.n ?? 0 };
  }
  const candidates = await db
    .select({ id: accounts.id, first: accounts.firstName, last: accounts.lastName, email: accounts.email })
    .from(accounts)
    .where(where)
    .orderBy(...ORDER);
  const matches = candidates.filter((c) =>
    [`${c.first} ${c.last}`, c.email].some((text) => fold(text).includes(needle)),
  );
  const ids = matches.slice(offset, offset + input.per_page).map((m) => m.id);
  const rows = ids.length
    ? await db
        .select()
        .from(accounts)
        .where(inList(accounts.id, ids))
        .orderBy(...ORDER)
    : [];
  return { rows, total: matches.length };
}

/** Live accounts already holding any of these email keys, however many: one query. */
export async function liveEmailKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db
    .select({ key: accounts.emailKey })
    .from(accounts)
    .where(and(inList(accounts.emailKey, keys), ne(accounts.status, 'deleted')));
  return new Set(rows.map((r) => r.key));
}

/** The id of a live account written earlier in the same batch, for rows that point at it. */
export function accountIdOf(emailKey: string) {
  return sql<number>`(select ${accounts.id} from ${accounts} where ${accounts.emailKey} = ${emailKey} and ${accounts.status} <> 'deleted')`;
}

/** Live accounts holding any of these email keys, with what a bulk row would set, by key. */
export async function liveAccountsByEmailKey(db: Db, keys: readonly string[]) {
  if (!keys.length) return new Map<string, LiveAccount>();
  const rows = await db
    .select({
      key: accounts.emailKey,
      id: accounts.id,
      centreId: accounts.centreId,
      firstName: accounts.firstName,
      lastName: accounts.lastName,
      hubRole: accounts.hubRole,
      accountType: accounts.accountType,
      language: accounts.language,
    })
    .from(accounts)
    .where(and(inList(accounts.emailKey, keys), ne(accounts.status, 'deleted')));
  return new Map(rows.map((r) => [r.key, r]));
}
export type LiveAccount = {
  id: number;
  centreId: number | null;
  firstName: string | null;
  lastName: string | null;
  hubRole: string | null;
  accountType: string | null;
  language: string | null;
};
