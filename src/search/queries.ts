import { ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accounts, centres } from '../db/schema/index.js';

/** What a centre is found by: its number, name and every address on record. */
export function centresToSearch(db: Db) {
  return db
    .select({
      id: centres.id,
      number: centres.number,
      name: centres.name,
      address: centres.address,
      general_email: centres.generalEmail,
      post_results_email: centres.postResultsEmail,
      head_name: centres.headName,
      head_email: centres.headEmail,
      eo_name: centres.eoName,
      eo_email: centres.eoEmail,
    })
    .from(centres)
    .orderBy(centres.number);
}

/** Every live account, with its names, address and role. */
export function accountsToSearch(db: Db) {
  return db
    .select({
      id: accounts.id,
      kind: accounts.kind,
      centreId: accounts.centreId,
      accountType: accounts.accountType,
      staffRole: accounts.staffRole,
      status: accounts.status,
      firstName: accounts.firstName,
      lastName: accounts.lastName,
      email: accounts.email,
    })
    .from(accounts)
    .where(ne(accounts.status, 'deleted'))
    .orderBy(accounts.id);
}
