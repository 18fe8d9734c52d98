import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/**
 * What a person signs in to the pages with: an argon2id password hash (PHC string) and a TOTP
 * secret once enrolment has proved it with a code. API tokens stay in `api_tokens`, for programs.
 */
export const webCredentials = sqliteTable('web_credentials', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id),
  passwordHash: text('password_hash'),
  passwordSetAt: integer('password_set_at', { mode: 'timestamp_ms' }),
  totpSecret: text('totp_secret'),
  /** The last 30-second step a code was accepted for: the same code never works twice. */
  totpLastStep: integer('totp_last_step'),
});

export const SESSION_STAGES = ['second_factor', 'enrol', 'signed_in'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

/**
 * A browser's session: the cookie holds a random token, the row its SHA-256. `stage` is how far the
 * sign-in has got (password checked, waiting for a code or an enrolment; or fully signed in).
 */
export const webSessions = sqliteTable(
  'web_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    stage: text('stage', { enum: SESSION_STAGES }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    /** A TOTP secret shown for enrolment, kept here until a code proves the app holds it. */
    pendingTotp: text('pending_totp'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('web_sessions_account_idx').on(t.accountId)],
);

/** Failed sign-in attempts, keyed `account:<email>` or `address:<ip>`, counted over a window. */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sign_in_failures_key_at_idx').on(t.key, t.at)],
);
