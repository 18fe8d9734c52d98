import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inList } from '../db/in-list.js';
import {
  type AccountRow,
  accounts,
  GRANTS,
  type Grant,
  accountGrants as grantRows,
} from '../db/schema/index.js';

export { GRANTS, type Grant };

/** `eo` and `admin` accounts hold every grant by their type; a `user` holds what was granted. */
export function impliesAllGrants(accountType: AccountRow['accountType']): boolean {
  return accountType === 'eo' || accountType === 'admin';
}

export const inGrantOrder = (set: Iterable<Grant>): Grant[] => {
  const held = new Set(set);
  return GRANTS.filter((g) => held.has(g));
};

/** Effective grants of many accounts with one query: account id → grants in canonical order. */
export async function grantsByAccount(
  db: Db,
  list: readonly Pick<AccountRow, 'id' | 'accountType'>[],
): Promise<Map<number, Grant[]>> {
  const out = new Map<number, Grant[]>();
  const users = list.filter((a) => !impliesAllGrants(a.accountType)).map((a) => a.id);
  for (const a of list) out.set(a.id, impliesAllGrants(a.accountType) ? [...GRANTS] : []);
  if (!users.length) return out;
  const rows = await db
    .select({ accountId: grantRows.accountId, grant: grantRows.grant })
    .from(grantRows)
    .where(inList(grantRows.accountId, users));
  for (const r of rows) out.get(r.accountId)?.push(r.grant);
  for (const id of users) out.set(id, inGrantOrder(out.get(id) ?? []));
  return out;
}

/** The grants an account holds (all of them for `eo` and `admin`); none for staff or unknown accounts. */
export async function accountGrants(db: Db, accountId: number): Promise<Grant[]> {
  const account = await db
    .select({ id: accounts.id, accountType: accounts.accountType, kind: accounts.kind })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .get();
  if (account?.kind !== 'centre') return [];
  return (await grantsByAccount(db, [account])).get(account.id) ?? [];
}

/**
 * Whether a centre account holds a grant (e.g. `iamis` to enter marks). Staff are not centre
 * accounts and hold none: features decide what staff may do by their staff role.
 */
export async function hasGrant(ctx: AppContext, p: Principal, grant: Grant): Promise<boolean> {
  if (p.kind !== 'centre') return false;
  if (impliesAllGrants(p.accountType)) return true;
  return (await accountGrants(ctx.db, p.accountId)).includes(grant);
}
