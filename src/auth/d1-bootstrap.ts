import { type SQL, sql } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { emailKey, splitName } from '../centres/service.js';
import { schema } from '../db/client.js';
import { accounts, apiTokens, auditLog, type StaffRole } from '../db/schema/index.js';
import { hashToken, newToken } from './tokens.js';

/** Builds statements only: nothing here runs against a database. */
const builder = drizzle(
  async () => {
    throw new Error('d1-bootstrap builds SQL; it never runs it');
  },
  { schema },
);
const dialect = new SQLiteAsyncDialect();
const inline = (q: { getSQL(): SQL }) => `${dialect.sqlToQuery(q.getSQL().inlineParams()).sql};`;

/**
 * A staff token for a deployed Worker, as SQL for `wrangler d1 execute --file`: the `cymorth`
 * command reaches only the SQLite file, and D1 is reached through wrangler. The account is created
 * unless a live one already holds the address; the token row then points at a live *staff* account
 * with this role, so if the address belongs to anyone else its `account_id` is NULL and D1 refuses
 * the whole file. Answers the token (shown once) and the SQL.
 */
export async function staffTokenSql(input: { role: StaffRole; email: string; name?: string; now: Date }) {
  const key = emailKey(input.email);
  const token = newToken();
  const account = sql`(select ${accounts.id} from ${accounts} where ${accounts.emailKey} = ${key} and ${accounts.status} <> 'deleted' and ${accounts.kind} = 'staff' and ${accounts.staffRole} = ${input.role})`;
  const statements = [
    builder
      .insert(accounts)
      .values({
        kind: 'staff',
        staffRole: input.role,
        email: input.email,
        emailKey: key,
        ...splitName(input.name ?? ''),
        createdAt: input.now,
        updatedAt: input.now,
      })
      .onConflictDoNothing(),
    builder.insert(apiTokens).values({
      accountId: account,
      tokenHash: await hashToken(token),
      label: 'cli d1',
      createdAt: input.now,
    }),
    builder.insert(auditLog).values({
      at: input.now,
      actorId: null,
      actorLabel: 'cli d1',
      entity: 'account',
      entityId: sql`cast(${account} as text)`,
      action: 'token_created',
    }),
  ];
  return { token, sql: `${statements.map(inline).join('\n')}\n` };
}
