import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/**
 * Access profiles a centre account may hold (SPEC 2.2, seeds 001 and 002). `eo` and `admin` hold every
 * one without a row here; rows matter only for `user` accounts.
 */
export const GRANTS = [
  'iamis',
  'entries',
  'results',
  'user_accounts',
  'post_results',
  'resources',
  'reports',
  'training',
] as const;

export type Grant = (typeof GRANTS)[number];

export const accountGrants = sqliteTable(
  'account_grants',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    grant: text('grant', { enum: GRANTS }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.grant] }), index('account_grants_grant_idx').on(t.grant)],
);
