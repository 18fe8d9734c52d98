import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/**
 * A message is a row first and mail second: the row is written in the same atomic write as the
 * change that caused it, so a crash can neither lose it nor send mail for a change that never happened.
 * It is rendered from `templates/` at delivery, so the Workers build needs no template files.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Our Message-ID, fixed at enqueue time so a retried send is recognisably the same message. */
    messageId: text('message_id').notNull().unique(),
    toAddress: text('to_address').notNull(),
    language: text('language', { enum: ['en', 'cy', 'bilingual'] }).notNull(),
    template: text('template').notNull(),
    params: text('params', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

export type OutboxRow = typeof outbox.$inferSelect;
