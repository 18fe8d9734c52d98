import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { centres } from './centres.js';
import { timestamps } from './columns.js';

export const CENTRE_ACCOUNT_TYPES = ['eo', 'admin', 'user'] as const;
export const STAFF_ROLES = ['support', 'helpline', 'admin', 'moderator'] as const;
export const HUB_ROLES = ['EO', 'SLT', 'INV'] as const;
export const ACCOUNT_STATUSES = ['active', 'invited', 'deleted'] as const;

export type CentreAccountType = (typeof CENTRE_ACCOUNT_TYPES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Centre accounts and staff share one table because the email is the username across the
 * whole service: one case-insensitive unique index enforces that for both.
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['centre', 'staff'] }).notNull(),
    centreId: integer('centre_id').references(() => centres.id),
    accountType: text('account_type', { enum: CENTRE_ACCOUNT_TYPES }),
    staffRole: text('staff_role', { enum: STAFF_ROLES }),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    status: text('status', { enum: ACCOUNT_STATUSES }).notNull().default('active'),
    title: text('title'),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    jobTitle: text('job_title'),
    language: text('language', { enum: ['en', 'cy'] })
      .notNull()
      .default('en'),
    telephone: text('telephone'),
    hubRole: text('hub_role', { enum: HUB_ROLES }),
    /** Set when a reset is due (e.g. the EO's email changed); the next login must set a password. */
    resetRequiredAt: integer('reset_required_at', { mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('accounts_email_key_unique').on(t.emailKey).where(sql`${t.status} <> 'deleted'`),
    index('accounts_centre_idx').on(t.centreId),
    uniqueIndex('accounts_one_eo_per_centre')
      .on(t.centreId)
      .where(sql`${t.accountType} = 'eo' and ${t.status} <> 'deleted'`),
    check(
      'accounts_kind_shape',
      sql`(${t.kind} = 'centre' and ${t.centreId} is not null and ${t.accountType} is not null and ${t.staffRole} is null)
       or (${t.kind} = 'staff' and ${t.centreId} is null and ${t.accountType} is null and ${t.staffRole} is not null)`,
    ),
  ],
);

export type AccountRow = typeof accounts.$inferSelect;
